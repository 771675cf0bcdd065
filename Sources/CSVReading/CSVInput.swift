#if canImport(Glibc)
import Glibc
import RawMemory
#endif

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
    /// line (the header), then at the first line feed after every `bytes`
    /// more, as long as no quote or carriage return came before it. Such a
    /// cut starts a record, and its line is one more than the line feeds
    /// before it. Each part is given with the line it starts on; the last
    /// runs to the end of the file. Also the file's line feeds, as
    /// `lineCount()` counts them. Nil when the file cannot be read.
    public static func parts(of path: String, about bytes: Int) -> Parts? {
        var lineFeeds = 0, offset = 0, clean = true
        var cuts: [(at: Int, line: Int)] = []
        var target = 0
        let ok = eachChunk(path) { raw in
            let n = raw.count
            var counted = 0
            if clean {
                // The first quote or carriage return of the piece ends the cutting.
                var odd = n
                if let q = memchr(raw.baseAddress!, 0x22, n) { odd = raw.baseAddress!.distance(to: UnsafeRawPointer(q)) }
                if let r = memchr(raw.baseAddress!, 0x0D, odd) { odd = raw.baseAddress!.distance(to: UnsafeRawPointer(r)) }
                while target - offset < odd {
                    let from = max(target - offset, 0)
                    guard let hit = memchr(raw.baseAddress! + from, 0x0A, odd - from) else { break }
                    let at = raw.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    lineFeeds += countLineFeeds(UnsafeRawBufferPointer(rebasing: raw[counted...at]))
                    counted = at + 1
                    cuts.append((offset + at + 1, lineFeeds + 1))
                    target = offset + at + 1 + min(max(bytes, 1), 1 << 48)
                }
                if odd < n { clean = false }
            }
            lineFeeds += countLineFeeds(UnsafeRawBufferPointer(rebasing: raw[counted...]))
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

    /// The line feeds in `bytes`, eight bytes at a time.
    static func countLineFeeds(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0, i = 0
        while i + 8 <= bytes.count {
            count += zeroBytes(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A).nonzeroBitCount
            i += 8
        }
        while i < bytes.count { count += bytes[i] == 0x0A ? 1 : 0; i += 1 }
        return count
    }

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
