import CSVReading
import Foundation

/// Rows for the case's files, by file and column, and how they are added
/// to a file that exists: by its own header, a column it lacks added at its
/// end (blank in its rows), every row it has kept as it is.
public struct ImportRows: Sendable {
    public var rows: [String: [[String: String]]] = [:]
    /// The columns a new file gets, in order.
    public var headers: [String: [String]] = [:]
    /// Files written anew from the rows, whatever the case had.
    public var replacing: Set<String> = []

    public init() {}

    public mutating func add(_ file: String, _ row: [String: String]) { rows[file, default: []].append(row) }

    /// `file`'s text with the rows added: `existing`'s records kept as they
    /// are (re-encoded only where a column is added), or a new file.
    public func merged(_ file: String, into existing: [UInt8]?) -> Result<String, Diagnostic> {
        let adding = rows[file] ?? []
        guard let existing, !existing.isEmpty, !replacing.contains(file) else {
            // The file's columns, then any other a row uses.
            var header = headers[file] ?? []
            for key in Set(adding.flatMap(\.keys)).sorted() where !header.contains(key) { header.append(key) }
            return .success(CSVField.line(header) + adding.map { r in CSVField.line(header.map { r[$0] ?? "" }) }.joined())
        }
        let table: CSVTable
        switch CSVReader.parse(existing, file: file) {
        case .success(let t): table = t
        case .failure(let d): return .failure(d)
        }
        var header = (0..<table.fieldCount(record: 0)).map { table.field(record: 0, index: $0) }
        let used = Set(adding.flatMap(\.keys))
        var missing: [String] = []
        for key in (headers[file] ?? []) + used.sorted() where used.contains(key) && !header.contains(key) && !missing.contains(key) {
            missing.append(key)
        }
        var text: String
        if missing.isEmpty {
            text = String(decoding: existing, as: UTF8.self)
            if !text.hasSuffix("\n") { text += "\n" }
        } else {
            // A column added: every record written again with a blank there.
            header += missing
            text = CSVField.line(header)
            for r in 1..<max(1, table.recordCount) {
                let fields = (0..<table.fieldCount(record: r)).map { table.field(record: r, index: $0) }
                text += CSVField.line(fields + Array(repeating: "", count: missing.count))
            }
        }
        for r in adding { text += CSVField.line(header.map { r[$0] ?? "" }) }
        return .success(text)
    }
}

extension FiledSchedule {
    /// An id from a name: lowercase letters and digits, words joined by `-`.
    public static func id(from name: String, taken: Set<String>) -> String {
        var words: [String] = [], word = ""
        for ch in name.lowercased().unicodeScalars {
            if ch.isASCII && (CharacterSet.alphanumerics.contains(ch)) { word.unicodeScalars.append(ch) }
            else if !word.isEmpty { words.append(word); word = "" }
        }
        if !word.isEmpty { words.append(word) }
        let base = words.prefix(8).joined(separator: "-").isEmpty ? "person" : words.prefix(8).joined(separator: "-")
        var id = base, n = 2
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        return id
    }
}
