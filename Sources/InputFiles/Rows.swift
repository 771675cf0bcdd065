import CSVReading
import CapTableCore
import RawMemory
import Foundation

/// One data row of a file, read from its fields' bytes, with typed access
/// (`CaseReading`'s) that reports what is wrong where the value fails.
///
/// Valid only while its file's reader is on it. Where a field starts on its
/// line is found only when a problem is reported there (`Locator`).
struct Row {
    let rows: RowReader
    let fields: CSVStream.Fields
    /// The record's number in its file (the header is 0); -1 for a row read
    /// by the reader of a part of the file, which knows only its line.
    let record: Int
    let line: Int

    var file: String { rows.file }
    var location: SourceLocation { SourceLocation(file: file, line: line, column: 1) }

    /// The field of a column; nil when the file has no such column.
    @inline(__always)
    func field(_ column: Column) -> Int? {
        let i = rows.positions[column.rawValue]
        return i >= 0 ? i : nil
    }

    /// The bytes of a column's field without surrounding blanks; nil when
    /// the column is absent or the field blank.
    @inline(__always)
    func bytes(_ column: Column) -> UnsafeBufferPointer<UInt8>? {
        guard let i = field(column) else { return nil }
        return Row.trimmed(fields[i])
    }

    /// The trimmed text of a column's field; nil when absent or blank.
    func value(_ column: Column) -> String? { bytes(column).map { String(decoding: $0, as: UTF8.self) } }

    func has(_ column: Column) -> Bool { bytes(column) != nil }

    /// Without surrounding blanks: spaces and tabs, and Unicode's spaces
    /// (`CharacterSet.whitespaces`) where an edge is not ASCII; nil when blank.
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
        guard lo < hi else { return nil }
        if b[lo] >= 0x80 || b[hi - 1] >= 0x80 {
            let scalars = String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self).unicodeScalars
            let blank = CharacterSet.whitespaces
            for s in scalars { guard blank.contains(s) else { break }; lo += s.utf8.count }
            for s in scalars.reversed() { guard lo < hi, blank.contains(s) else { break }; hi -= s.utf8.count }
            guard lo < hi else { return nil }
        }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    func location(_ column: Column) -> SourceLocation {
        guard let i = field(column) else { return location }
        return rows.locator.location(record: record, index: i, line: line)
    }

    /// The place of a column's field, by its name.
    func location(_ name: String) -> SourceLocation { Column.named[name].map(location) ?? location }

    /// The place of a column's field, to be worked out if it is ever reported.
    func mark(_ column: Column) -> Mark {
        Mark(locator: rows.locator, record: record, index: field(column), line: line)
    }
}

/// A field's place, kept cheaply (24 bytes, for each person id while
/// persons.csv is read, and each pair of relations.csv and groups.csv).
/// Instrument ids keep theirs more compactly still (`InstrumentIDs`).
struct Mark: Sendable {
    let locator: Locator
    private let record: UInt32, line: UInt32
    /// The field; -1 for none (the place is then the line's start).
    private let index: Int32

    /// `record` -1: not known, found by its line when reported.
    init(locator: Locator, record: Int, index: Int?, line: Int) {
        self.locator = locator
        // Beyond 32 bits the place is the line's start, or the file's.
        let fits = record < Int(UInt32.max) && line <= Int(UInt32.max)
        self.record = fits ? (record < 0 ? .max : UInt32(record)) : 0
        self.line = fits ? UInt32(line) : 1
        self.index = fits ? Int32(index ?? -1) : -1
    }

    var location: SourceLocation {
        guard index >= 0 else { return SourceLocation(file: locator.file, line: Int(line), column: 1) }
        return locator.location(record: record == .max ? -1 : Int(record), index: Int(index), line: Int(line))
    }
}

/// The exact place of every field of a file, worked out only when asked for,
/// by whichever thread reading the file asks first.
final class Locator: Sendable {
    let input: CSVInput
    let file: String
    init(input: CSVInput, file: String) {
        self.input = input
        self.file = file
    }

    /// The file parsed, once asked for.
    private let parsed = Locked<CSVTable??>(nil)

    /// Nil for a file that cannot be parsed: its rows' problems are then dropped for the parse error.
    var table: CSVTable? {
        parsed.withLock { parsed in
            if let table = parsed { return table }
            let table = input.whole().flatMap { try? CSVReader.parse($0, file: file).get() }
            parsed = .some(table)
            return table
        }
    }

    /// Field `index` of `record`, or of the record that starts on `line` when `record` is -1.
    func location(record: Int, index: Int, line: Int) -> SourceLocation {
        guard let table, let r = record >= 0 ? record : table.record(startingOn: line) else {
            return SourceLocation(file: file, line: line, column: 1)
        }
        return table.location(record: r, index: index)
    }

    func endLocation(record: Int, line: Int) -> SourceLocation {
        guard let table, let r = record >= 0 ? record : table.record(startingOn: line) else {
            return SourceLocation(file: file, line: line, column: 1)
        }
        return table.endLocation(record: r)
    }
}

/// A reading kept aside: the state before a file, restored if the file
/// cannot be parsed.
final class ReadingBox {
    var reading: CaseReading
    /// For a state kept to roll back to: how many instruments were defined.
    /// Their ids are not kept with it, or the file's first id would copy
    /// the whole table: they are the first ones of the table in use.
    private var instruments: Int?

    init(_ reading: CaseReading) { self.reading = reading }

    init(rollbackOf reading: CaseReading) {
        var kept = reading
        kept.instrumentIDs = InstrumentIDs()
        self.reading = kept
        instruments = reading.instrumentIDs.count
    }

    /// The state kept, with the instruments of `current` that were defined before it.
    func restored(from current: CaseReading) -> CaseReading {
        guard let n = instruments else { return reading }
        var r = reading
        r.instrumentIDs = current.instrumentIDs.keeping(first: n)
        return r
    }
}

/// The data rows of one file (or of a part of it), each handed out once.
final class RowReader {
    let stream: CSVStream
    /// The field of each column (`Column.rawValue`), -1 where the file has none.
    let positions: [Int]
    let width: Int
    let locator: Locator
    let before: ReadingBox?
    /// False when the header is wrong: the rows are then only checked for parsing.
    let active: Bool
    /// Whether `stream` reads a part of the file, whose records' numbers it does not know.
    let isPart: Bool
    var file: String { stream.file }

    init(stream: CSVStream, positions: [Int], width: Int, locator: Locator, before: ReadingBox?, active: Bool, isPart: Bool = false) {
        self.stream = stream
        self.positions = positions
        self.width = width
        self.locator = locator
        self.before = before
        self.active = active
        self.isPart = isPart
    }

    /// What a reader of a part of the file needs to know of its header.
    struct Header: Sendable {
        let positions: [Int], width: Int, locator: Locator
    }

    var header: Header { Header(positions: positions, width: width, locator: locator) }

    /// A reader of the rows of a part of the file (`CSVStream.init(_:file:part:)`), whose header is `header`.
    convenience init(_ header: Header, part stream: CSVStream) {
        self.init(stream: stream, positions: header.positions, width: header.width, locator: header.locator,
                  before: nil, active: true, isPart: true)
        stream.lookahead = Ahead.distance
    }

    func index(of column: Column) -> Int? {
        let i = positions[column.rawValue]
        return i >= 0 ? i : nil
    }

    /// Hands `body` each row of the right width in turn, with the fields of
    /// the row `Ahead.distance` places on when it is read (to fetch what it
    /// will look up); a row of another width is reported and skipped.
    /// With `includingCurrent`, from the record the stream is on; with
    /// `line`, until a record that starts on it or after, which is then the
    /// stream's current one (the result is then true).
    @discardableResult
    func forEach(_ reading: inout CaseReading, includingCurrent: Bool = false, until line: Int = .max,
                 _ body: (inout CaseReading, Row, CSVStream.Fields?) -> Void) -> Bool {
        guard active else { return false }
        let stream = stream
        func hand(_ f: CSVStream.Fields, _ ahead: CSVStream.Fields?) -> Bool {
            let record = isPart ? -1 : stream.record, recordLine = stream.recordLine
            guard recordLine < line else { return false }
            if f.count == width {
                body(&reading, Row(rows: self, fields: f, record: record, line: recordLine), ahead)
            } else if f.count > width {
                reading.report(locator.location(record: record, index: width, line: recordLine), "row has \(f.count) fields, but the header has \(width)")
            } else {
                reading.report(locator.endLocation(record: record, line: recordLine), "row has \(f.count) fields, but the header has \(width)")
            }
            return true
        }
        if includingCurrent, stream.record > 0 {
            let ahead = stream.withFields(ahead: stream.lookahead) { $0 }
            guard stream.withFields({ hand($0, ahead ?? nil) }) else { return true }
        }
        return stream.forEachRecord(hand)
    }

    /// After the last row: a file that could not be parsed counts for nothing
    /// but its error, as if none of its rows had been read.
    func finish(_ reading: inout CaseReading) {
        while stream.next() {}
        guard let failure = stream.failure, let before else { return }
        reading = before.restored(from: reading)
        reading.report(failure.location, failure.message)
    }
}
