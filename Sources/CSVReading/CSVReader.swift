import CLibCSV
import RawMemory

/// Reads RFC 4180 CSV with libcsv in strict mode.
///
/// libcsv reports fields and records through C callbacks but not where they
/// start. The reader feeds it one piece at a time, each piece ending at a
/// comma, a line feed or a carriage return, so that when a field ends the
/// reader knows the byte at which the next one begins; a running cursor turns
/// byte offsets into lines and columns.
public enum CSVReader {
    /// The largest field accepted, in bytes; a larger one is reported, and
    /// reading stops there, so memory stays bounded whatever the file holds.
    public static let maximumFieldBytes = 1 << 20
    /// libcsv in strict mode: a quote only opens, closes or doubles one in
    /// a quoted field, and a quoted field left open at the end fails.
    static let parserOptions = UInt8(CSV_STRICT | CSV_STRICT_FINI)

    /// The most bytes handed to libcsv at once, so a long field is caught early.
    static let pieceBytes = 1 << 16

    /// Parses a whole file's bytes.
    ///
    /// A UTF-8 byte-order mark is stripped. Invalid UTF-8 and malformed
    /// quoting are reported with their location; the records read before a
    /// quoting error are not returned, because a broken quote makes every
    /// later field uncertain.
    public static func parse(_ input: [UInt8], file: String) -> Result<CSVTable, Diagnostic> {
        input.withUnsafeBytes { raw in
            let bom = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let body = UnsafeRawBufferPointer(rebasing: raw[bom...])
            if let bad = firstInvalidUTF8(body) {
                var cursor = Cursor()
                cursor.advance(in: body, to: bad)
                let loc = SourceLocation(file: file, line: cursor.line, column: cursor.column)
                return .failure(Diagnostic(loc, "invalid UTF-8 at byte offset \(bad + bom); save the file as UTF-8"))
            }
            return ParseState(file: file).run(body)
        }
    }

    /// Offset of the first byte that does not begin or continue a valid UTF-8 scalar.
    static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            // Eight bytes of ASCII at a time, the common case.
            while i + 8 <= n && bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let need: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return i
            }
            if i + need >= n { return i }
            for k in 1...need {
                let c = bytes[i + k]
                let lo: UInt8 = k == 1 ? lower : 0x80
                let hi: UInt8 = k == 1 ? upper : 0xBF
                if c < lo || c > hi { return i }
            }
            i += need + 1
        }
        return nil
    }
}

/// Line and column of a byte offset, moving forward only.
struct Cursor {
    var offset = 0
    var line = 1
    var column = 1

    mutating func advance(in bytes: UnsafeRawBufferPointer, to target: Int) {
        while offset < target {
            let b = bytes[offset]
            // Lines end at line feeds, as the stream counts them (a file whose
            // lines end with carriage returns alone is refused by the case loader).
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
    }
}

private final class ParseState {
    var table: CSVTable
    var cursor = Cursor()
    /// Byte offset where the field now being read began (before blanks).
    var fieldStart = 0
    var input = UnsafeRawBufferPointer(start: nil, count: 0)
    var oversized: Diagnostic?

    init(file: String) { table = CSVTable(file: file) }

    static let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
        let state = Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue()
        state.field(data, length)
    }

    static let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
        let state = Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue()
        state.table.endRecord()
    }

    func skippingBlanks(_ offset: Int) -> Int {
        var start = offset
        while start < input.count, input[start] == 0x20 || input[start] == 0x09 { start += 1 }
        return start
    }

    func startLocation(of offset: Int) -> (Int, Int) {
        cursor.advance(in: input, to: skippingBlanks(offset))
        return (cursor.line, cursor.column)
    }

    func field(_ data: UnsafeMutableRawPointer?, _ length: Int) {
        let (line, column) = startLocation(of: fieldStart)
        if length > CSVReader.maximumFieldBytes {
            if oversized == nil {
                oversized = Diagnostic(SourceLocation(file: table.file, line: line, column: column),
                                       "field of \(length) bytes is longer than the limit of \(CSVReader.maximumFieldBytes) bytes")
            }
            table.appendField(UnsafeRawBufferPointer(start: nil, count: 0), line: line, column: column)
            return
        }
        table.appendField(UnsafeRawBufferPointer(start: data, count: length), line: line, column: column)
    }

    func failure(at offset: Int, _ message: String) -> Result<CSVTable, Diagnostic> {
        cursor.advance(in: input, to: offset)
        return .failure(Diagnostic(SourceLocation(file: table.file, line: cursor.line, column: cursor.column), message))
    }

    func run(_ raw: UnsafeRawBufferPointer) -> Result<CSVTable, Diagnostic> {
        input = raw
        var parser = csv_parser()
        guard csv_init(&parser, CSVReader.parserOptions) == 0 else {
            return failure(at: 0, "out of memory")
        }
        defer { csv_free(&parser) }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let n = raw.count
        var pos = 0
        while pos < n {
            var end = pos
            let stop = min(n, pos + CSVReader.pieceBytes)
            while end < stop {
                let b = raw[end]
                if b == 0x2C || b == 0x0A || b == 0x0D { break }
                end += 1
            }
            // A piece ends after its comma or line end, or at the size limit inside a field.
            let chunkEnd = end < stop ? end + 1 : stop
            let length = chunkEnd - pos
            let consumed = csv_parse(&parser, raw.baseAddress! + pos, length, ParseState.onField, ParseState.onRecord, context)
            if consumed != length {
                let at = pos + consumed
                if csv_error(&parser) == CSV_EPARSE {
                    let message = raw[at] == 0x22
                        ? "stray quote in an unquoted field (quote the whole field and double the quote: \"\")"
                        : "unexpected character after a closing quote (a quoted field must end at a comma or the end of the line)"
                    return failure(at: at, message)
                }
                return failure(at: at, "out of memory")
            }
            if parser.entry_pos > CSVReader.maximumFieldBytes {
                return failure(at: skippingBlanks(fieldStart), "field is longer than the limit of \(CSVReader.maximumFieldBytes) bytes")
            }
            if let oversized { return .failure(oversized) }
            // Between fields (0: no row begun, 1: no field begun) the next field starts here.
            if parser.pstate == 0 || parser.pstate == 1 { fieldStart = chunkEnd }
            pos = chunkEnd
        }
        if csv_fini(&parser, ParseState.onField, ParseState.onRecord, context) != 0 {
            return failure(at: fieldStart, "quoted field is not closed before the end of the file")
        }
        if let oversized { return .failure(oversized) }
        return .success(table)
    }
}
