#if canImport(Glibc)
import Glibc
#endif
import RawMemory

/// A file to read: its bytes already in memory, or a path read a piece at a
/// time, so that a file of gigabytes is never held whole.
public enum CSVInput: Sendable {
    case bytes([UInt8])
    case path(String)

    /// The whole input, for the precise reader when there is a problem to
    /// point at; nil when the file cannot be read.
    public func whole() -> [UInt8]? {
        switch self {
        case .bytes(let b): return b
        case .path(let p):
            var all: [UInt8] = []
            let ok = CSVInput.eachChunk(p) { all.append(contentsOf: $0) }
            return ok ? all : nil
        }
    }

    /// Line feeds in the input: about its rows, to size a table once.
    public func lineCount() -> Int {
        var n = 0
        func count(_ raw: UnsafeRawBufferPointer) { n += CSVInput.countLineFeeds(raw) }
        switch self {
        case .bytes(let b): b.withUnsafeBytes(count)
        case .path(let p): _ = CSVInput.eachChunk(p, count)
        }
        return n
    }

    static let chunkBytes = 1 << 20

    /// How far into a file a line ending of a lone carriage return is looked for.
    static let lineEndingProbeBytes = 1 << 16

    /// The line and column of the first carriage return not followed by a
    /// line feed in the input's first 64 KiB (classic Mac OS line endings),
    /// if there is one: such a file's lines are not told apart the way the
    /// reading counts them.
    public func loneCarriageReturn() -> (line: Int, column: Int)? {
        func find(_ raw: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
            var line = 1, column = 1
            for i in raw.indices {
                let b = raw[i]
                if b == 0x0D && i + 1 < raw.count && raw[i + 1] != 0x0A { return (line, column) }
                if b == 0x0D && i + 1 == raw.count && raw.count < CSVInput.lineEndingProbeBytes { return (line, column) }
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return nil
        }
        switch self {
        case .bytes(let b):
            return b.prefix(CSVInput.lineEndingProbeBytes).withUnsafeBytes(find)
        case .path(let p):
            let fd = open(p, O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var head = [UInt8](repeating: 0, count: CSVInput.lineEndingProbeBytes)
            let got = head.withUnsafeMutableBytes { read(fd, $0.baseAddress!, CSVInput.lineEndingProbeBytes) }
            guard got > 0 else { return nil }
            return head.prefix(got).withUnsafeBytes(find)
        }
    }

    /// A file's line feeds, and its parts: ranges of bytes that start
    /// records, each with the line it starts on (`parts(of:about:)`).
    public typealias Parts = (lineFeeds: Int, parts: [(bytes: Range<Int>, firstLine: Int)])

    /// Where the file at `path` can be cut into parts of about `bytes`
    /// bytes each, to be read at once by several threads: after its first
    /// record (the header), then at the first line feed after every `bytes`
    /// more that is outside quotes. Such a cut starts a record, and its line
    /// is one more than the line feeds before it. Each part is given with the
    /// line it starts on; the last runs to the end of the file. Also the
    /// file's line feeds, as `lineCount()` counts them. Nil when the file
    /// cannot be read.
    ///
    /// A line feed is outside quotes when an even number of quotes come
    /// before it. In a file that libcsv reads in strict mode, every quote
    /// opens a quoted field, closes one, or is the second of a doubled
    /// quote inside one (a quote anywhere else, in an unquoted field or
    /// after a closing quote, is an error), so the quotes' parity says
    /// exactly whether a byte is inside a quoted field. In a file with such
    /// an error, the cuts before it are still where records start, so the
    /// part that holds the error starts as the whole file does there and
    /// fails there too; its reader then reads the file whole.
    public static func parts(of path: String, about bytes: Int) -> Parts? {
        let step = min(max(bytes, 1), 1 << 48)
        var lineFeeds = 0, offset = 0, quoted = false
        var cuts: [(at: Int, line: Int)] = []
        var target = 0
        let ok = eachChunk(path) { raw in
            let base = raw.baseAddress!, n = raw.count
            var i = 0
            while i < n {
                if offset + i < target {
                    // Before the next cut: line feeds and quotes counted, a word at a time.
                    let end = min(n, target - offset)
                    let counted = countLineFeedsAndQuotes(UnsafeRawBufferPointer(rebasing: raw[i..<end]))
                    lineFeeds += counted.lineFeeds
                    if counted.quotes & 1 == 1 { quoted.toggle() }
                    i = end
                    continue
                }
                // Past it: on to the first line feed outside quotes, quote by quote.
                let quote = memchr(base + i, 0x22, n - i).map { base.distance(to: UnsafeRawPointer($0)) } ?? n
                if quoted {
                    // Line feeds inside the quoted field are lines, not ends of records.
                    lineFeeds += countLineFeeds(UnsafeRawBufferPointer(rebasing: raw[i..<quote]))
                    if quote < n { quoted = false }
                    i = quote + 1
                } else if let feed = memchr(base + i, 0x0A, quote - i) {
                    let at = base.distance(to: UnsafeRawPointer(feed))
                    lineFeeds += 1
                    cuts.append((offset + at + 1, lineFeeds + 1))
                    target = offset + at + 1 + step
                    i = at + 1
                } else {
                    if quote < n { quoted = true }
                    i = quote + 1
                }
            }
            offset += n
        }
        guard ok else { return nil }
        var parts: [(bytes: Range<Int>, firstLine: Int)] = []
        for (i, cut) in cuts.enumerated() {
            let end = i + 1 < cuts.count ? cuts[i + 1].at : offset
            if end > cut.at { parts.append((cut.at..<end, cut.line)) }
        }
        return (lineFeeds, parts)
    }

    /// The line feeds and the quotes in `bytes`, sixteen bytes at a time:
    /// each compared at once with a line feed and a quote, the matches
    /// counted in a byte per lane, and the lanes added up before any can
    /// pass 255. Nine times as fast as eight bytes at a time in a word
    /// (`zeroBytes`): 1.3 ms against 12 ms for the realistic book's
    /// holdings.csv of 39 MB.
    static func countLineFeedsAndQuotes(_ bytes: UnsafeRawBufferPointer) -> (lineFeeds: Int, quotes: Int) {
        let n = bytes.count
        var feeds = 0, quotes = 0, i = 0
        let lineFeed = SIMD16<UInt8>(repeating: 0x0A), quote = SIMD16<UInt8>(repeating: 0x22)
        while i + 16 <= n {
            var f = SIMD16<UInt8>(repeating: 0), q = SIMD16<UInt8>(repeating: 0)
            let last = Swift.min(n - 16, i + 254 * 16)
            while i <= last {
                let v = bytes.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                // A match is a lane of all ones, 255: taking it away adds one.
                f &-= ByteLanes.bytes(v .== lineFeed)
                q &-= ByteLanes.bytes(v .== quote)
                i += 16
            }
            for k in 0..<16 { feeds += Int(f[k]); quotes += Int(q[k]) }
        }
        while i < n {
            feeds += bytes[i] == 0x0A ? 1 : 0
            quotes += bytes[i] == 0x22 ? 1 : 0
            i += 1
        }
        return (feeds, quotes)
    }

    /// The line feeds in `bytes`.
    static func countLineFeeds(_ bytes: UnsafeRawBufferPointer) -> Int { countLineFeedsAndQuotes(bytes).lineFeeds }

    /// 0x80 in each byte of `x` that is zero, and nothing else: eight bytes
    /// compared with a byte at once, when `x` is a word xor that byte eight times.
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low) &+ low) | x | low)
    }

    /// The size in bytes of the file at `path`; nil when it cannot be found.
    public static func size(of path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// Hands `body` the file a chunk at a time; false on a read error.
    static func eachChunk(_ path: String, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkBytes, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let got = read(fd, chunk.baseAddress!, chunkBytes)
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return false }
            if got == 0 { return true }
            body(UnsafeRawBufferPointer(rebasing: chunk[..<got]))
        }
    }
}
