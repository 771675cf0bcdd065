import CSVReading
import CapTableCore

extension CaseReading {
    /// filer.csv: a field a row (FilerField), each value checked against
    /// EDGAR's limits; `person` names the reporting person of a `person_cik`.
    mutating func readFiler(_ files: [String: CSVInput]) {
        guard files["filer.csv"] != nil else { return }
        let rows = open(files, "filer.csv")
        var info = FilerInfo(location: SourceLocation(file: "filer.csv", line: 1, column: 1))
        rows.forEach(&self) { reading, row, _ in
            guard let field = reading.required(row, .field, WordsOf.filerField.read),
                  let value = reading.text(row, .value, isID: false) else { return }
            if let problem = FilerInfo.problem(field, value) {
                reading.report(row.location(.value), problem)
                return
            }
            if field == .personCIK {
                guard let id = row.bytes(.person) else {
                    reading.report(row.location(.field), "person_cik needs the reporting person in the person column")
                    return
                }
                guard let p = reading.reference(row, .person, id, allowGroup: false) else { return }
                if info.personCIKs[p] != nil { reading.report(row.location(.person), "\"\(String(decoding: id, as: UTF8.self))\" has a person_cik already") }
                info.personCIKs[p] = value
                return
            }
            if field == .signatureDate, case .failure(let e) = ValueParser.date(value, column: Column.value.name) {
                reading.report(row.location(.value), e.message)
                return
            }
            if (info.values[field]?.count ?? 0) >= field.maximumCount {
                reading.report(row.location(.field), "\(field.rawValue) is given more than \(field.maximumCount == 1 ? "once" : "\(field.maximumCount) times")")
                return
            }
            info.values[field, default: []].append(value)
        }
        rows.finish(&self)
        result.filer = info
    }
}
