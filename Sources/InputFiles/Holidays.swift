import CSVReading
import CapTableCore

extension CaseReading {
    /// holidays.csv: days the issuer's instruments do not count as business
    /// days (they move payment and conversion dates, never filing deadlines).
    mutating func readHolidays(_ files: [String: CSVInput]) {
        if let dates = readDates(files, "holidays.csv") { result.calendar = BusinessCalendar(holidays: dates) }
    }

    /// filing_closures.csv: days the SEC was closed besides the federal
    /// holidays; they move filing deadlines, never payment dates.
    mutating func readFilingClosures(_ files: [String: CSVInput]) {
        if let dates = readDates(files, "filing_closures.csv") { result.filingCalendar = BusinessCalendar(federalClosedAlso: dates) }
    }

    /// The `date` column of a file of days (holidays, closures); nil without the file.
    mutating func readDates(_ files: [String: CSVInput], _ name: String) -> Set<CalendarDate>? {
        guard files[name] != nil else { return nil }
        var dates = Set<CalendarDate>()
        let rows = open(files, name)
        rows.forEach(&self) { reading, row, _ in
            if let d = reading.required(row, .date, ValueParser.date) { dates.insert(d) }
        }
        rows.finish(&self)
        return dates
    }
}
