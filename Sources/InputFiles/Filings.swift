import CSVReading
import CapTableCore

extension CaseReading {
    /// filings.csv: the Schedules 13D and 13G filed, the baseline of the
    /// obligations that follow them.
    mutating func readFilings(_ files: [String: CSVInput]) {
        let rows = open(files, "filings.csv")
        rows.forEach(&self) { reading, row, _ in
            let before = reading.diagnostics.count
            let person = reading.person(row, .person, allowGroup: true)
            let k = reading.shareClass(row)
            let form = reading.required(row, .form, WordsOf.form.read)
            let filed = reading.required(row, .filed, ValueParser.date)
            let event = reading.required(row, .eventDate, ValueParser.date)
            let shares = reading.optional(row, .shares, ValueParser.shares)
            let percent = reading.optional(row, .percent, ValueParser.percent)
            if let filed, let event, filed < event {
                reading.report(row.location(.filed), "filed \(filed) is before the event date \(event)")
            }
            guard reading.diagnostics.count == before, let person, let k, let form, let filed, let event else { return }
            reading.result.filings.append(Filing(person: person, classIndex: k, form: form, filed: filed, eventDate: event,
                                                 shares: shares, percent: percent, accession: row.value(.accession),
                                                 location: row.location))
        }
        rows.finish(&self)
    }
}
