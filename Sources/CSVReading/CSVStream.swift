import CLibCSV
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file's records one at a time, with libcsv in strict mode, keeping
/// only the record being read: the bytes of its fields and the line it
/// starts on.
///
/// The stream hands libcsv a line at a time (a long line in pieces), so it
/// knows each record's line without following every byte; where a field
/// starts on its line is left to `CSVReader.parse`, which a caller runs only
/// when it has a problem to point at. Records are numbered as
/// `CSVReader.parse` numbers them (the header is record 0, and a record of
/// blank fields is dropped, as an empty line is).
public final class CSVStream {
    public let file: String
    private let input: [UInt8]
    private let bodyStart: Int
    private var position: Int
    private var line = 1
    private var parser = csv_parser()
    private var finished = false
    private var parserLive = false

    /// Records read but not yet handed out (several when lines end in CR alone).
    private var text: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var recordEnds: [Int] = []
    private var recordLines: [Int] = []
    private var nextRecord = 0
    private var fieldsOfOpenRecord = 0
    private var openRecordLine = 0
    private var tooLong = false

    /// The number of the current record (the header is 0), and its first line.
    public private(set) var record = -1
    public private(set) var recordLine = 0
    private var firstField = 0
    private var endField = 0

    /// Why reading stopped early, exactly as `CSVReader.parse` reports it.
    public private(set) var failure: Diagnostic?

    public init(_ bytes: [UInt8], file: String) {
        self.file = file
        input = bytes
        bodyStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        position = bodyStart
        let valid = bytes.withUnsafeBytes { CSVReader.firstInvalidUTF8(UnsafeRawBufferPointer(rebasing: $0[bodyStart...])) } == nil
        parserLive = valid && csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0
        if !parserLive { fail() }
    }

    deinit { release() }

    private func release() {
        if parserLive { csv_free(&parser) }
        parserLive = false
    }

    /// Fields in the current record.
    public var fieldCount: Int { endField - firstField }

    /// The current record's field `i`, as unquoted by the CSV rules (not trimmed).
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let f = firstField + i
        let start = f == 0 ? 0 : fieldEnds[f - 1]
        return try text.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<fieldEnds[f]])) }
    }

    public func field(_ i: Int) -> String { withField(i) { String(decoding: $0, as: UTF8.self) } }

    private nonisolated(unsafe) static let noBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// The current record's fields, valid only inside `body`.
    public struct Fields {
        let text: UnsafePointer<UInt8>
        let ends: UnsafePointer<Int>
        let first: Int
        public let count: Int

        /// Field `i`, as unquoted by the CSV rules (not trimmed).
        public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            let f = first + i
            let start = f == 0 ? 0 : ends[f - 1]
            return UnsafeBufferPointer(start: text + start, count: ends[f] - start)
        }
    }

    public func withFields<R>(_ body: (Fields) throws -> R) rethrows -> R {
        try text.withUnsafeBufferPointer { t in
            try fieldEnds.withUnsafeBufferPointer { e in
                // An empty buffer has no address; its fields are all empty.
                try body(Fields(text: t.baseAddress ?? UnsafePointer(CSVStream.noBytes), ends: e.baseAddress!,
                                first: firstField, count: fieldCount))
            }
        }
    }

    /// Moves to the next record; false at the end of the file or on a failure.
    public func next() -> Bool {
        if record >= 0 { nextRecord += 1 }
        while nextRecord >= recordEnds.count {
            // Everything handed out: start the buffers again.
            let keep = fieldEnds.count - (recordEnds.last ?? 0)
            if keep == 0 && !recordEnds.isEmpty {
                text.removeAll(keepingCapacity: true)
                fieldEnds.removeAll(keepingCapacity: true)
                recordEnds.removeAll(keepingCapacity: true)
                recordLines.removeAll(keepingCapacity: true)
                nextRecord = 0
            }
            guard failure == nil, !finished else { return false }
            feed()
        }
        record += 1
        firstField = nextRecord == 0 ? 0 : recordEnds[nextRecord - 1]
        endField = recordEnds[nextRecord]
        recordLine = recordLines[nextRecord]
        return true
    }

    private static let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
        let s = Unmanaged<CSVStream>.fromOpaque(context!).takeUnretainedValue()
        if length > CSVReader.maximumFieldBytes { s.tooLong = true; return }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        if s.fieldsOfOpenRecord == 0 {
            // The record started this many lines up, if its first field holds line breaks.
            s.openRecordLine = s.line - bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        s.text.append(contentsOf: bytes)
        s.fieldEnds.append(s.text.count)
        s.fieldsOfOpenRecord += 1
    }

    private static let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
        let s = Unmanaged<CSVStream>.fromOpaque(context!).takeUnretainedValue()
        let first = s.recordEnds.last ?? 0
        s.fieldsOfOpenRecord = 0
        let start = first == 0 ? 0 : s.fieldEnds[first - 1]
        if s.text[start...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            s.text.removeSubrange(start...)
            s.fieldEnds.removeSubrange(first...)
            return
        }
        s.recordEnds.append(s.fieldEnds.count)
        s.recordLines.append(s.openRecordLine)
    }

    /// Hands libcsv the next line, or the next piece of a long one.
    private func feed() {
        let n = input.count
        let context = Unmanaged.passUnretained(self).toOpaque()
        if position >= n {
            finished = true
            if csv_fini(&parser, CSVStream.onField, CSVStream.onRecord, context) != 0 || tooLong { fail() }
            release()
            return
        }
        input.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            let limit = min(n - position, CSVReader.pieceBytes)
            let lineFeed = memchr(base + position, 0x0A, limit)
            let length = lineFeed.map { base.distance(to: UnsafeRawPointer($0)) - position + 1 } ?? limit
            let consumed = csv_parse(&parser, base + position, length, CSVStream.onField, CSVStream.onRecord, context)
            position += length
            if lineFeed != nil { line += 1 }
            if consumed != length || tooLong || parser.entry_pos > CSVReader.maximumFieldBytes { fail() }
        }
    }

    /// Stops, with the diagnostic the precise reader gives for this file.
    private func fail() {
        if case .failure(let d) = CSVReader.parse(input, file: file) {
            failure = d
        } else {
            failure = Diagnostic(SourceLocation(file: file, line: line, column: 1), "the file could not be read")
        }
        recordEnds.removeAll()
        nextRecord = 0
        finished = true
        release()
    }
}
