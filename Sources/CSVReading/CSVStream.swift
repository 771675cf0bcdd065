import CLibCSV
#if canImport(Glibc)
import Glibc
import RawMemory
#endif

/// Reads a file's records one at a time, with libcsv in strict mode, keeping
/// only the record being read (and the few read ahead, if asked): the bytes
/// of its fields and the line it starts on.
///
/// The stream hands libcsv a line at a time (a long line in pieces), so it
/// knows each record's line without following every byte; where a field
/// starts on its line is left to `CSVReader.parse`, which a caller runs only
/// when it has a problem to point at. Records are numbered as
/// `CSVReader.parse` numbers them (the header is record 0, and a record of
/// blank fields is dropped, as an empty line is).
///
/// A file given by its path is read a megabyte at a time, so memory holds a
/// window of it, however large it is. Its UTF-8 is then checked as it is
/// read, so the records before a problem are handed out before `failure`
/// says what it is; the bytes in memory are checked first, whole.
public final class CSVStream {
    public let file: String
    private let input: CSVInput
    /// The bytes not yet handed to libcsv start at `position`: the whole
    /// input when it is in memory, else a window of the file.
    private var buffer: [UInt8]
    private var position: Int
    /// For a file read in pieces: its descriptor (-1 once at its end), the
    /// last line feed in the window, and how far the window is checked as UTF-8.
    private var descriptor: Int32 = -1
    private var lastLineFeed = -1
    private var validated: Int
    private var readFailed = false
    /// For a part of a file (`init(_:file:part:)`): the bytes of it not yet read.
    private var remaining = Int.max
    /// For a file read in pieces: the bytes its size says are left, so
    /// that no more room than they need is made for a read (a file that
    /// grows meanwhile is still read to its end, a few kilobytes at a time).
    private var sizeLeft = Int.max
    private var isPart = false
    private var line = 1
    private var parser = csv_parser()
    private var finished = false
    private var parserLive = false

    /// Records read but not yet handed out (several when lines end in CR alone).
    @usableFromInline let text = ByteBuffer(capacity: 4096)
    /// Where each field read ends in `text`: raw storage read through a
    /// pointer that stays put while the records are handed out, so that no
    /// array is retained for each record.
    @usableFromInline var fieldEnds = RawBuffer<Int>()
    @usableFromInline var recordEnds: [Int] = []
    private var recordLines: [Int] = []
    @usableFromInline var nextRecord = 0
    private var fieldsOfOpenRecord = 0
    private var openRecordLine = 0
    private var tooLong = false
    /// While a block of whole lines is parsed: the line it starts on, and
    /// the records libcsv has ended in it, kept or dropped (see `feedBlock`).
    private var blockLine: Int?
    private var blockRecords = 0
    /// Where, in `buffer`, lines may again be read a block at a time.
    private var lineByLineUntil = 0

    /// The number of the current record (the header is 0), and its first line.
    public private(set) var record = -1
    public private(set) var recordLine = 0
    @usableFromInline var firstField = 0
    @usableFromInline var endField = 0

    /// Why reading stopped early, exactly as `CSVReader.parse` reports it.
    public private(set) var failure: Diagnostic?

    public convenience init(_ bytes: [UInt8], file: String) {
        self.init(.bytes(bytes), file: file)
    }

    /// With `part` (a file given by its path): only that range of its
    /// bytes, which starts a record, read as a file of its own whose first
    /// line is `firstLine`, with no header and no byte-order mark. For
    /// reading a large file in parts at once; the caller knows where records
    /// start. A part's failure says only that it could not be read: the file
    /// is then read whole to say where and why.
    public init(_ input: CSVInput, file: String, part: (bytes: Range<Int>, firstLine: Int)? = nil) {
        self.file = file
        self.input = input
        var valid = true
        switch input {
        case .bytes(let bytes):
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            buffer = bytes
            position = start
            valid = bytes.withUnsafeBytes { CSVReader.firstInvalidUTF8(UnsafeRawBufferPointer(rebasing: $0[start...])) } == nil
            validated = bytes.count
        case .path(let path):
            buffer = []
            position = 0
            validated = 0
            descriptor = open(path, O_RDONLY)
            if let part {
                isPart = true
                line = part.firstLine
                remaining = part.bytes.count
                if descriptor >= 0 && lseek(descriptor, off_t(part.bytes.lowerBound), SEEK_SET) < 0 { closeFile() }
            }
            if descriptor < 0 { readFailed = true }
            var status = stat()
            if descriptor >= 0 && fstat(descriptor, &status) == 0 { sizeLeft = min(Int(status.st_size), remaining) }
            fill()
            if !isPart && buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3; validated = 3 }
        }
        parserLive = valid && !readFailed && csv_init(&parser, CSVReader.parserOptions) == 0
        if !parserLive { fail() }
    }

    deinit {
        release()
        closeFile()
        fieldEnds.deallocate()
    }

    private func release() {
        if parserLive { csv_free(&parser) }
        parserLive = false
    }

    private func closeFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// For a file read in pieces: reads on until the window holds a whole
    /// line from `position`, or a full piece of a long one, or the rest of the file.
    private func fill() {
        while descriptor >= 0 && position > lastLineFeed && buffer.count - position < CSVReader.pieceBytes {
            // A new window: what libcsv has not read or the check has not
            // passed, then the file's next bytes read straight after it. It
            // is kept within a megabyte (a long line's piece aside), and
            // holds only the bytes left when the file's size says fewer are;
            // past them, a few kilobytes are asked for, to find the end.
            let drop = min(position, validated)
            let kept = buffer.count - drop
            let want = min(max(CSVInput.chunkBytes - kept, CSVReader.pieceBytes), remaining, sizeLeft > 0 ? sizeLeft : 4096)
            if want == 0 { closeFile(); return }
            var got = 0
            let descriptor = descriptor
            buffer = buffer.withUnsafeBytes { old in
                [UInt8](unsafeUninitializedCapacity: kept + want) { raw, count in
                    if kept > 0 { raw.baseAddress!.update(from: old.baseAddress!.assumingMemoryBound(to: UInt8.self) + drop, count: kept) }
                    repeat { got = read(descriptor, raw.baseAddress! + kept, want) } while got < 0 && errno == EINTR
                    count = kept + max(got, 0)
                }
            }
            validated -= drop
            lastLineFeed -= drop
            position -= drop
            lineByLineUntil -= drop
            let start = kept
            if got < 0 { readFailed = true }
            if got <= 0 { closeFile(); return }
            remaining -= got
            sizeLeft -= got
            buffer.withUnsafeBytes { raw in
                var i = buffer.count - 1
                while i >= start && raw[i] != 0x0A { i -= 1 }
                if i >= start { lastLineFeed = i }
            }
        }
    }

    /// Checks the window as UTF-8 up to `end`, or up to the last character
    /// that starts before it when the file goes on (a character may be cut).
    private func validate(upTo end: Int, complete: Bool) -> Bool {
        guard validated < end else { return true }
        return buffer.withUnsafeBytes { raw in
            var boundary = end
            if !complete {
                // Back to the start of the last character: ASCII or a lead byte.
                while boundary > validated && raw[boundary - 1] & 0xC0 == 0x80 { boundary -= 1 }
                if boundary > validated && raw[boundary - 1] >= 0xC0 { boundary -= 1 }
            }
            guard CSVReader.firstInvalidUTF8(UnsafeRawBufferPointer(rebasing: raw[validated..<boundary])) == nil else { return false }
            validated = boundary
            return true
        }
    }

    /// Fields in the current record.
    @inlinable public var fieldCount: Int { endField - firstField }

    /// The current record's field `i`, as unquoted by the CSV rules (not trimmed).
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withFields { try body($0[i]) }
    }

    public func field(_ i: Int) -> String { withField(i) { String(decoding: $0, as: UTF8.self) } }

    /// The current record's fields, valid only inside `body`.
    public struct Fields {
        @usableFromInline let text: UnsafePointer<UInt8>
        @usableFromInline let ends: UnsafePointer<Int>
        @usableFromInline let first: Int
        public let count: Int

        @inlinable init(text: UnsafePointer<UInt8>, ends: UnsafePointer<Int>, first: Int, count: Int) {
            (self.text, self.ends, self.first, self.count) = (text, ends, first, count)
        }

        /// Field `i`, as unquoted by the CSV rules (not trimmed).
        @inlinable public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            let f = first + i
            let start = f == 0 ? 0 : ends[f - 1]
            return UnsafeBufferPointer(start: text + start, count: ends[f] - start)
        }
    }

    @inlinable public func withFields<R>(_ body: (Fields) throws -> R) rethrows -> R {
        try body(Fields(text: text.start, ends: fieldEnds.base, first: firstField, count: fieldCount))
    }

    /// How many records past the current one to read ahead, so that a
    /// caller can look at them (`withFields(ahead:)`) before it comes to
    /// them. A failure found ahead drops the records read ahead of it.
    public var lookahead = 0

    /// The fields of the record `k` places after the current one, valid only
    /// inside `body`; nil when it is not read yet.
    @inlinable public func withFields<R>(ahead k: Int, _ body: (Fields) throws -> R) rethrows -> R? {
        guard let f = buffered(nextRecord + k) else { return nil }
        return try body(f)
    }

    /// The fields of record `r` of those read and not dropped; nil when it is not read yet.
    @inlinable func buffered(_ r: Int) -> Fields? {
        guard r < recordEnds.count else { return nil }
        let first = r == 0 ? 0 : recordEnds[r - 1]
        return Fields(text: text.start, ends: fieldEnds.base, first: first, count: recordEnds[r] - first)
    }

    /// Moves through the records as `next()` does, handing `body` each one
    /// and, when it is read, the one `lookahead` places after it, until
    /// `body` returns false: that record is then the current one, and the
    /// result is true. False, as from `next()`, at the end or on a failure.
    /// A loop over a large file's records, without a call per record from outside.
    public func forEachRecord(_ body: (_ current: Fields, _ ahead: Fields?) -> Bool) -> Bool {
        while next() {
            if !body(Fields(text: text.start, ends: fieldEnds.base, first: firstField, count: fieldCount),
                     buffered(nextRecord + lookahead)) { return true }
        }
        return false
    }

    /// Drops the records handed out, keeping those read ahead.
    private func compact() {
        let drop = min(nextRecord, recordEnds.count)
        guard drop > 0 else { return }
        let fieldDrop = recordEnds[drop - 1]
        let textDrop = fieldDrop == 0 ? 0 : fieldEnds[fieldDrop - 1]
        text.removeFirst(textDrop)
        // The ends left, less the text dropped before them.
        fieldEnds.removeFirst(fieldDrop)
        for i in 0..<fieldEnds.count { fieldEnds.base[i] -= textDrop }
        recordEnds.removeSubrange(0..<drop)
        for i in recordEnds.indices { recordEnds[i] -= fieldDrop }
        recordLines.removeSubrange(0..<drop)
        nextRecord -= drop
    }

    /// Moves to the next record; false at the end of the file or on a failure.
    public func next() -> Bool {
        if record >= 0 { nextRecord += 1 }
        while nextRecord + lookahead >= recordEnds.count {
            // Before more are read: the records handed out are dropped
            // every 256, moving only the few read ahead of them.
            if nextRecord >= 256 && nextRecord < recordEnds.count { compact() }
            // Everything handed out: start the buffers again.
            let keep = fieldEnds.count - (recordEnds.last ?? 0)
            if nextRecord >= recordEnds.count && keep == 0 && !recordEnds.isEmpty {
                text.removeAll()
                fieldEnds.removeAll()
                recordEnds.removeAll(keepingCapacity: true)
                recordLines.removeAll(keepingCapacity: true)
                nextRecord = 0
            }
            guard failure == nil, !finished else { break }
            feed()
        }
        guard nextRecord < recordEnds.count else { return false }
        record += 1
        firstField = nextRecord == 0 ? 0 : recordEnds[nextRecord - 1]
        endField = recordEnds[nextRecord]
        recordLine = recordLines[nextRecord]
        return true
    }

    // The callbacks borrow the stream libcsv was handed, without retaining it for every field.
    private static let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
        Unmanaged<CSVStream>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.took(field: UnsafeRawBufferPointer(start: data, count: length)) }
    }

    private static let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
        Unmanaged<CSVStream>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.tookRecord() }
    }

    /// A field of a block of whole lines (`feedBlock`), which has room
    /// made for all its fields: no field there holds a line break or is
    /// longer than the block, and every record ends in it.
    private static let onBlockField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
        Unmanaged<CSVStream>.fromOpaque(context!)._withUnsafeGuaranteedRef {
            $0.text.appendWithinCapacity(UnsafeRawBufferPointer(start: data, count: length))
            $0.fieldEnds.appendWithinCapacity($0.text.count)
        }
    }

    private func took(field bytes: UnsafeRawBufferPointer) {
        if bytes.count > CSVReader.maximumFieldBytes { tooLong = true; return }
        if fieldsOfOpenRecord == 0 && blockLine == nil {
            // The record started this many lines up, if its first field holds line breaks.
            openRecordLine = line - bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        text.append(bytes)
        fieldEnds.append(text.count)
        fieldsOfOpenRecord += 1
    }

    private func tookRecord() {
        if let blockLine {
            // Numbered for now by the records of the block; see `feedBlock`.
            openRecordLine = blockLine + blockRecords
            blockRecords += 1
        }
        let first = recordEnds.last ?? 0
        fieldsOfOpenRecord = 0
        let start = first == 0 ? 0 : fieldEnds[first - 1]
        if (start..<text.count).allSatisfy({ text[$0] == 0x20 || text[$0] == 0x09 }) {
            text.removeLast(from: start)
            fieldEnds.removeLast(from: first)
            return
        }
        recordEnds.append(fieldEnds.count)
        recordLines.append(openRecordLine)
    }

    /// Hands libcsv the next line, or the next piece of a long one.
    private func feed() {
        fill()
        let n = buffer.count
        let context = Unmanaged.passUnretained(self).toOpaque()
        if position >= n {
            finished = true
            if readFailed || !validate(upTo: n, complete: true)
                || csv_fini(&parser, CSVStream.onField, CSVStream.onRecord, context) != 0 || tooLong { fail() }
            release()
            return
        }
        if feedBlock() { return }
        let (length, lineFeed) = buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            let limit = min(n - position, CSVReader.pieceBytes)
            let lineFeed = memchr(base + position, 0x0A, limit)
            return (lineFeed.map { base.distance(to: UnsafeRawPointer($0)) - position + 1 } ?? limit, lineFeed != nil)
        }
        guard validate(upTo: position + length, complete: lineFeed || (descriptor < 0 && position + length == n)) else {
            fail()
            return
        }
        buffer.withUnsafeBytes { raw in
            let consumed = csv_parse(&parser, raw.baseAddress! + position, length, CSVStream.onField, CSVStream.onRecord, context)
            position += length
            if lineFeed { line += 1 }
            if consumed != length || tooLong || parser.entry_pos > CSVReader.maximumFieldBytes { fail() }
        }
    }

    /// Hands libcsv, at once, every whole line of the next piece, when that
    /// gives each record's line as surely as a line at a time does: the
    /// parser is between records, every line ends outside quotes (so no
    /// record spans lines), no line holds a carriage return (so each line is
    /// one record or none) and the piece is valid UTF-8 (so no failure is
    /// found there that a line at a time would find later). A line of
    /// blanks alone makes no record; the lines are then counted again, in
    /// the rare block that has one. Where libcsv fails in the block (a quote
    /// where strict mode allows none), nothing of the block is kept and it
    /// is read again a line at a time, so that the records before the
    /// failure are handed out as they would have been. False, with nothing
    /// read, when the piece is not such.
    private func feedBlock() -> Bool {
        // pstate 0 is libcsv's ROW_NOT_BEGUN: no record, field or quote is open.
        guard position >= lineByLineUntil, parser.pstate == 0, parser.entry_pos == 0, fieldsOfOpenRecord == 0 else { return false }
        let start = position
        let (length, lineFeeds, odd) = buffer.withUnsafeBytes { raw in
            CSVStream.wholeLines(UnsafeRawBufferPointer(rebasing: raw[start..<min(raw.count, start + CSVReader.pieceBytes)]))
        }
        // The line of a carriage return or of a line break inside quotes,
        // that line included, or a piece that is not valid UTF-8: a line at a time.
        if let odd { lineByLineUntil = start + odd + 1 }
        guard lineFeeds > 1 else { return false }
        guard validate(upTo: start + length, complete: true) else {
            lineByLineUntil = start + length
            return false
        }
        let recordsBefore = recordEnds.count, fieldsBefore = fieldEnds.count, textBefore = text.count
        blockLine = line
        blockRecords = 0
        let context = Unmanaged.passUnretained(self).toOpaque()
        // Room for every field of the block: its bytes, and an end for each
        // field, of which there are fewer than the block's bytes and line feeds.
        text.reserve(length)
        fieldEnds.reserve(length + lineFeeds)
        let consumed = buffer.withUnsafeBytes { raw in
            csv_parse(&parser, raw.baseAddress! + start, length, CSVStream.onBlockField, CSVStream.onRecord, context)
        }
        blockLine = nil
        if consumed != length || tooLong {
            // The parser started the block between records: a new one is as it was.
            csv_free(&parser)
            parserLive = csv_init(&parser, CSVReader.parserOptions) == 0
            guard parserLive else { fail(); return true }
            text.removeLast(from: textBefore)
            fieldEnds.removeLast(from: fieldsBefore)
            recordEnds.removeSubrange(recordsBefore...)
            recordLines.removeSubrange(recordsBefore...)
            tooLong = false
            lineByLineUntil = start + length
            return false
        }
        position += length
        if blockRecords != lineFeeds {
            // Lines of blanks made no record: the k-th record ended is on the k-th other line.
            var lines: [Int] = []
            lines.reserveCapacity(blockRecords)
            buffer.withUnsafeBytes { raw in
                var n = line, blank = true
                for i in start..<start + length {
                    switch raw[i] {
                    case 0x0A:
                        if !blank { lines.append(n) }
                        n += 1
                        blank = true
                    case 0x20, 0x09: break
                    default: blank = false
                    }
                }
            }
            for r in recordsBefore..<recordEnds.count { recordLines[r] = lines[recordLines[r] - line] }
        }
        line += lineFeeds
        return true
    }

    /// The whole lines of `bytes` that end outside quotes, up to the first
    /// carriage return or line break inside quotes (`odd`, its offset):
    /// their length and their line feeds. Outside quotes, sixteen bytes at
    /// a time, each compared at once with a quote, a carriage return and a
    /// line feed, up to the first quote or carriage return among them (the
    /// last few bytes, and those special ones, a byte at a time); a quoted
    /// field is passed over to its closing quote at once.
    static func wholeLines(_ bytes: UnsafeRawBufferPointer) -> (length: Int, lineFeeds: Int, odd: Int?) {
        let n = bytes.count
        var i = 0, odd: Int?
        var feeds = 0, end = 0, feedsToEnd = 0
        let quote = SIMD16<UInt8>(repeating: 0x22), carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
        let lineFeed = SIMD16<UInt8>(repeating: 0x0A)
        while i < n {
            if i + 16 <= n {
                let v = bytes.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let special = ByteLanes.words((v .== quote) .| (v .== carriageReturn))
                var (low, high) = ByteLanes.words(v .== lineFeed)
                // The bytes before the first quote or carriage return, and the line feeds among them.
                let plain: Int
                if special.0 != 0 {
                    plain = special.0.trailingZeroBitCount / 8
                    low &= (1 << UInt64(8 * plain)) &- 1
                    high = 0
                } else if special.1 != 0 {
                    plain = 8 + special.1.trailingZeroBitCount / 8
                    high &= (1 << UInt64(8 * (plain - 8))) &- 1
                } else {
                    plain = 16
                }
                if low | high != 0 {
                    feeds += (low.nonzeroBitCount + high.nonzeroBitCount) / 8
                    // Past the last line feed: the highest byte of all ones.
                    end = i + (high != 0 ? 16 - high.leadingZeroBitCount / 8 : 8 - low.leadingZeroBitCount / 8)
                    feedsToEnd = feeds
                }
                i += plain
                if plain == 16 { continue }
            }
            switch bytes[i] {
            case 0x0D:
                odd = i
            case 0x22:
                // To the closing quote; a line break before it ends the block there.
                let close = memchr(bytes.baseAddress! + i + 1, 0x22, n - i - 1)
                    .map { bytes.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? n
                if let lineEnd = firstLineEnd(bytes, from: i + 1, to: close) { odd = lineEnd }
                i = close
            case 0x0A:
                feeds += 1
                end = i + 1
                feedsToEnd = feeds
            default: break
            }
            if odd != nil { break }
            i += 1
        }
        return (end, feedsToEnd, odd)
    }

    /// The offset of the first line feed or carriage return in `bytes[from..<to]`.
    static func firstLineEnd(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        let zeros = CSVInput.zeroBytes
        var i = from
        while i + 8 <= to {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let found = zeros(w ^ 0x0A0A_0A0A_0A0A_0A0A) | zeros(w ^ 0x0D0D_0D0D_0D0D_0D0D)
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < to {
            if bytes[i] == 0x0A || bytes[i] == 0x0D { return i }
            i += 1
        }
        return nil
    }

    /// Stops, with the diagnostic the precise reader gives for this file.
    private func fail() {
        closeFile()
        if isPart {
            failure = Diagnostic(SourceLocation(file: file, line: line, column: 1), "this part of the file could not be read")
        } else if let whole = input.whole(), case .failure(let d) = CSVReader.parse(whole, file: file) {
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
