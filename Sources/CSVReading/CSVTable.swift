/// The records of one CSV file, with the source position of every field.
///
/// Field text is kept as bytes in one buffer and turned into a `String` only
/// when asked for, so a large file costs one allocation per column of storage,
/// not one per field.
public struct CSVTable: Sendable {
    /// The file's name as it appears in diagnostics (e.g. `holdings.csv`).
    public let file: String

    var text: [UInt8] = []
    var fieldEnds: [Int] = []
    var fieldLines: [Int32] = []
    var fieldColumns: [Int32] = []
    /// Index of the first field of each record, plus one past the last field.
    var recordStarts: [Int] = [0]

    init(file: String) { self.file = file }

    /// Number of records, the header included.
    public var recordCount: Int { recordStarts.count - 1 }

    public func fieldCount(record: Int) -> Int {
        recordStarts[record + 1] - recordStarts[record]
    }

    /// The field's text exactly as unquoted by the CSV rules (not trimmed).
    public func field(record: Int, index: Int) -> String {
        let f = recordStarts[record] + index
        let start = f == 0 ? 0 : fieldEnds[f - 1]
        return String(decoding: text[start..<fieldEnds[f]], as: UTF8.self)
    }

    /// Where the field starts: its first character as written (its opening
    /// quote if quoted), after any leading blanks.
    public func location(record: Int, index: Int) -> SourceLocation {
        let f = recordStarts[record] + index
        return SourceLocation(file: file, line: Int(fieldLines[f]), column: Int(fieldColumns[f]))
    }

    /// The start of the record's line, for problems that concern a whole row.
    public func location(record: Int) -> SourceLocation {
        let f = recordStarts[record]
        return SourceLocation(file: file, line: Int(fieldLines[f]), column: 1)
    }

    /// The record that starts on `line`, found by halving (records start on
    /// lines in order): for a row read by a reader of a part of the file,
    /// which knows its line but not its record's number.
    public func record(startingOn line: Int) -> Int? {
        var lo = 0, hi = recordCount
        while lo < hi {
            let mid = (lo + hi) / 2
            let first = Int(fieldLines[recordStarts[mid]])
            if first == line { return mid }
            if first < line { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The location just past the last field of a record, for a missing field.
    public func endLocation(record: Int) -> SourceLocation {
        let last = recordStarts[record + 1] - 1
        var loc = location(record: record, index: last - recordStarts[record])
        let start = last == 0 ? 0 : fieldEnds[last - 1]
        loc.column += fieldEnds[last] - start
        return loc
    }

    mutating func appendField(_ bytes: UnsafeRawBufferPointer, line: Int, column: Int) {
        text.append(contentsOf: bytes)
        fieldEnds.append(text.count)
        fieldLines.append(Int32(clamping: line))
        fieldColumns.append(Int32(clamping: column))
    }

    /// Ends the current record; a record whose fields are all blank is dropped,
    /// as an empty line is.
    mutating func endRecord() {
        let first = recordStarts[recordStarts.count - 1]
        let count = fieldEnds.count - first
        if count == 0 { return }
        let start = first == 0 ? 0 : fieldEnds[first - 1]
        let allBlank = text[start..<text.count].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if allBlank {
            text.removeSubrange(start...)
            fieldEnds.removeSubrange(first...)
            fieldLines.removeSubrange(first...)
            fieldColumns.removeSubrange(first...)
            return
        }
        recordStarts.append(fieldEnds.count)
    }
}
