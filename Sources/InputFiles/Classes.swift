import CSVReading
import CapTableCore
import RawMemory

extension CaseReading {
    /// classes.csv: each class of securities, its issuer, title and as-of date.
    mutating func readClasses(_ files: [String: CSVInput]) {
        var seen: [String: Mark] = [:]
        let rows = open(files, "classes.csv")
        rows.forEach(&self) { reading, row, _ in
            let id = reading.text(row, .shareClass, isID: true)
            let issuer = reading.text(row, .issuer, isID: false)
            let title = reading.text(row, .title, isID: false)
            let outstanding = reading.optional(row, .outstanding, ValueParser.shares)
            let asOf = reading.required(row, .asOf, ValueParser.date)
            let reserved = reading.optional(row, .reserved, ValueParser.shares)
            let voting = reading.flag(row, .voting, default: true)
            guard let id else { return }
            if let first = seen[id] {
                reading.report(row.location(.shareClass), "class \"\(id)\" is defined twice: at \(first.location) and here")
                return
            }
            seen[id] = row.mark(.shareClass)
            guard let issuer, let title, let asOf else { return }
            reading.classIDs[id] = reading.result.classes.count
            reading.result.classes.append(ShareClass(id: id, issuer: issuer, title: title, cusip: row.value(.cusip),
                                                     reportedOutstanding: outstanding, asOf: asOf, reserved: reserved,
                                                     voting: voting, location: row.location))
        }
        rows.finish(&self)
        classTable = IDTable(classIDs)
        classesRead = true
    }
}
