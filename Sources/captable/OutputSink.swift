import CSVReading
import Foundation
import RawMemory

/// Where a command's output goes: standard output, or a file that readers see
/// either as it was or whole.
///
/// A file's text goes to a temporary file in the same directory, is flushed to
/// disk, and is renamed over the target by `commit()`; until then, and if the
/// command fails, the old file stays as it was. A symbolic link is followed
/// (the link stays, its target is replaced). A target that is a character
/// device (a terminal, `/dev/null`) is written in place: renaming over it
/// would replace the device. Any other target that is not a regular file (a
/// FIFO, which would block until read; a socket; a block device) is refused,
/// and so is a target that is one of the files the command reads, through
/// whatever path or link: it would be replaced by its own figures. A run
/// stopped by SIGINT, SIGTERM or SIGHUP removes its temporary file.
///
/// Text is written in pieces as it is made, so a long output is never held in
/// memory whole. It is gathered in `pending` and goes out as that fills.
///
/// A file is written past the page cache where the file system allows it
/// (`O_DIRECT`): the whole blocks gathered go from `pending`'s aligned memory
/// straight to the disk, and only the last, partial block is written the
/// ordinary way. The kernel then neither copies the bytes into its cache nor
/// keeps the pages to write back, which for `ownership` of a large book (a
/// table of 1.7 GB) costs more than gathering them here (about 5% of the
/// run's time on two cores). Where a direct write is refused, the rest of
/// the file is written the ordinary way.
final class OutputSink {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private var temporary: String?
    private var target = ""
    private var mode: mode_t = 0
    /// The bytes not yet written, in memory aligned for direct writes.
    private let pending = ByteBuffer(capacity: OutputSink.directFlushBytes + (1 << 16), alignment: OutputSink.block)
    /// Whether whole blocks are written past the page cache.
    private var direct = false
    private static let block = 4096
    private static let flushBytes = 1 << 20
    /// A megabyte: what is gathered stays in the writing core's cache,
    /// where 4 MiB did not (the copy into it took about a third longer).
    private static let directFlushBytes = 1 << 20
    /// A piece this long is written as it is, not copied into `pending`
    /// first (where writes are not direct: direct ones need the copy).
    private static let directBytes = 1 << 16
    /// For a file written through the page cache: the bytes written, and how
    /// many of them the disk has been asked to take while more are written
    /// (`writeBackBytes` at a time), so that `commit()`'s sync finds most of
    /// them on disk already.
    private var written = 0
    private var askedToDisk = 0
    private static let writeBackBytes = 32 << 20

    /// Standard output.
    init() { fd = 1 }

    /// A file, replaced on `commit()`. `inputs`: the files the command
    /// reads, none of which may be the target.
    init(path: String, inputs: [String] = []) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var status = stat()
        let exists = stat(target, &status) == 0
        let kind = status.st_mode & S_IFMT
        if exists && kind == S_IFDIR { throw Failure(description: "it is a directory") }
        if exists {
            for input in inputs {
                var other = stat()
                if stat(input, &other) == 0 && other.st_dev == status.st_dev && other.st_ino == status.st_ino {
                    throw Failure(description: "it is \(input), which this command reads")
                }
            }
        }
        if exists && kind != S_IFREG {
            guard kind == S_IFCHR else { throw Failure(description: "it is not a regular file (a FIFO, socket or block device)") }
            fd = open(target, O_WRONLY)
            guard fd >= 0 else { throw OutputSink.failure() }
            return
        }
        let url = URL(fileURLWithPath: target)
        // The temporary file's name is set for removal on a signal before the file is made, so
        // that no signal finds the file made and its name not yet known (as with mkstemp).
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var made: (fd: Int32, path: String)?
        for _ in 0..<100 where made == nil {
            let suffix = String((0..<6).map { _ in letters.randomElement()! })
            let path = url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).\(suffix)"
            Interruption.remove(onSignal: path)
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
            if fd >= 0 { made = (fd, path) } else if errno != EEXIST { break }
        }
        guard let made else {
            let failure = OutputSink.failure()
            Interruption.remove(onSignal: nil)
            throw failure
        }
        (fd, temporary) = (made.fd, made.path)
        self.target = target
        // The file is made 0600: keep the old file's mode, or make an ordinary one.
        if exists {
            mode = status.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        direct = FileHints.setDirect(fd, true)
    }

    deinit {
        if fd > 2 { close(fd) }
        if let temporary { unlink(temporary) }
        Interruption.remove(onSignal: nil)
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0)) }
    }

    func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write(bytes: $0) }
    }

    func write(bytes: UnsafeRawBufferPointer) throws {
        // Where writes are not direct, a large piece (a class's table, a
        // workbook) goes out as it is, after what is waiting: copied into
        // `pending` first, it would be copied twice.
        if !direct && bytes.count >= OutputSink.directBytes {
            try flush(all: true)
            beforeFlush?()
            guard writeThrough(bytes) else { throw OutputSink.failure() }
            return
        }
        // Where writes are direct, a block's worth at a time: `pending` stays
        // at its size, rather than growing to hold the largest table.
        var rest = bytes
        repeat {
            let n = min(rest.count, max(0, OutputSink.directFlushBytes - pending.count))
            pending.append(UnsafeRawBufferPointer(rebasing: rest[..<n]))
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            try flushIfFull()
        } while !rest.isEmpty
    }

    /// Called before bytes go out: the progress line is cleared from a
    /// terminal before output lands on it.
    var beforeFlush: (() -> Void)?

    private func flushIfFull() throws {
        if pending.count >= (direct ? OutputSink.directFlushBytes : OutputSink.flushBytes) { try flush(all: false) }
    }

    /// Writes what is waiting: all of it, or, where writes are direct and
    /// not `all`, its whole blocks, the rest kept for the next.
    private func flush(all: Bool) throws {
        let n = direct && !all ? pending.count & ~(OutputSink.block - 1) : pending.count
        guard n > 0 else { return }
        beforeFlush?()
        let ok = pending.withBytes { bytes in
            direct ? writeDirect(UnsafeRawBufferPointer(rebasing: bytes[..<n])) : writeThrough(UnsafeRawBufferPointer(rebasing: bytes[..<n]))
        }
        guard ok else { throw OutputSink.failure() }
        pending.removeFirst(n)
    }

    /// Writes what is left; a file is synced and renamed into place.
    func commit() throws {
        try flush(all: false)
        // The last block is partial: written the ordinary way, at an aligned offset.
        endDirect()
        try flush(all: true)
        guard let temporary else { return }
        guard fchmod(fd, mode) == 0, fsync(fd) == 0 else { throw OutputSink.failure() }
        guard rename(temporary, target) == 0 else { throw OutputSink.failure() }
        self.temporary = nil
        Interruption.remove(onSignal: nil)
    }

    /// Writes whole blocks from aligned memory past the page cache; where
    /// the system refuses, or takes only part, ends direct writing and
    /// writes the rest the ordinary way (where a real failure fails too).
    private func writeDirect(_ raw: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n > 0 { offset += n }
            if n <= 0 || n % OutputSink.block != 0 { break }
        }
        written += offset
        guard offset < raw.count else { return true }
        endDirect()
        return writeThrough(UnsafeRawBufferPointer(rebasing: raw[offset...]))
    }

    private func endDirect() {
        guard direct else { return }
        direct = false
        _ = FileHints.setDirect(fd, false)
    }

    private func writeThrough(_ raw: UnsafeRawBufferPointer) -> Bool {
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
            FileHints.startWriteback(fd, offset: askedToDisk, count: written - askedToDisk)
            askedToDisk = written
        }
        return true
    }

    private static func failure() -> Failure { Failure(description: String(cString: strerror(errno))) }
}
