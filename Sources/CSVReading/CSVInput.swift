#if canImport(Glibc)
import Glibc
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
        func count(_ raw: UnsafeRawBufferPointer) {
            guard var at = raw.baseAddress else { return }
            var left = raw.count
            while left > 0, let hit = memchr(at, 0x0A, left) {
                n += 1
                let next = UnsafeRawPointer(hit) + 1
                left -= at.distance(to: next)
                at = next
            }
        }
        switch self {
        case .bytes(let b): b.withUnsafeBytes(count)
        case .path(let p): _ = CSVInput.eachChunk(p, count)
        }
        return n
    }

    static let chunkBytes = 1 << 20

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
