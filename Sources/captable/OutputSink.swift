import CLibCSV
import Foundation

/// Where a command's output goes: standard output, or a file that readers see
/// either as it was or whole.
///
/// A file's text goes to a temporary file in the same directory, is flushed to
/// disk, and is renamed over the target by `commit()`; until then, and if the
/// command fails, the old file stays as it was. A symbolic link is followed
/// (the link stays, its target is replaced). A target that exists and is not
/// a regular file (a terminal, `/dev/null`, a pipe) is written in place: it
/// cannot be half-written, and renaming over it would replace the device.
///
/// Text is written in pieces as it is made, so a long output is never held in
/// memory whole.
final class OutputSink {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private var temporary: String?
    private var target = ""
    private var mode: mode_t = 0
    private var buffer: [UInt8] = []
    private static let flushBytes = 1 << 20
    private static let directBytes = 1 << 16
    /// For a file: the bytes written, and how many of them the disk has
    /// been asked to take while more are written (`writeBackBytes` at a
    /// time), so that `commit()`'s sync finds most of them on disk already.
    private var written = 0
    private var askedToDisk = 0
    private static let writeBackBytes = 32 << 20

    /// Standard output.
    init() { fd = 1 }

    /// A file, replaced on `commit()`.
    init(path: String) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var status = stat()
        let exists = stat(target, &status) == 0
        let kind = status.st_mode & S_IFMT
        if exists && kind == S_IFDIR { throw Failure(description: "it is a directory") }
        if exists && kind != S_IFREG {
            fd = open(target, O_WRONLY)
            guard fd >= 0 else { throw OutputSink.failure() }
            return
        }
        let url = URL(fileURLWithPath: target)
        var template = Array((url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputSink.failure() }
        temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.target = target
        // mkstemp makes the file 0600: keep the old file's mode, or make an ordinary one.
        if exists {
            mode = status.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
    }

    deinit {
        if fd > 2 { close(fd) }
        if let temporary { unlink(temporary) }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= OutputSink.flushBytes { try flush() }
    }

    func write(bytes: UnsafeRawBufferPointer) throws {
        // A large piece (a class's table) goes out as it is, after what is
        // waiting: copied into the buffer first, it would be copied twice.
        guard bytes.count >= OutputSink.directBytes else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= OutputSink.flushBytes { try flush() }
            return
        }
        try flush()
        beforeFlush?()
        guard writeAll(bytes) else { throw OutputSink.failure() }
    }

    func write(_ data: Data) throws {
        buffer.append(contentsOf: data)
        if buffer.count >= OutputSink.flushBytes { try flush() }
    }

    /// Called before bytes go out: the progress line is cleared from a
    /// terminal before output lands on it.
    var beforeFlush: (() -> Void)?

    private func flush() throws {
        if !buffer.isEmpty { beforeFlush?() }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard buffer.withUnsafeBytes({ writeAll($0) }) else { throw OutputSink.failure() }
    }

    /// Writes what is left; a file is synced and renamed into place.
    func commit() throws {
        try flush()
        guard let temporary else { return }
        guard fchmod(fd, mode) == 0, fsync(fd) == 0 else { throw OutputSink.failure() }
        guard rename(temporary, target) == 0 else { throw OutputSink.failure() }
        self.temporary = nil
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        written += raw.count
        if temporary != nil && written - askedToDisk >= OutputSink.writeBackBytes {
            // A hint, whose failure changes nothing: the sync at the end still writes all.
            _ = captable_start_writeback(fd, askedToDisk, written - askedToDisk)
            askedToDisk = written
        }
        return true
    }

    private static func failure() -> Failure { Failure(description: String(cString: strerror(errno))) }
}
