import Foundation

/// Writes an output file so that readers see either the old file or the whole new one.
///
/// The text goes to a temporary file in the same directory, is flushed to
/// disk, and is renamed over the target. A symbolic link is followed (the
/// link stays, its target is replaced). A target that exists and is not a
/// regular file (a terminal, `/dev/null`, a pipe) is written in place: it
/// cannot be half-written, and renaming over it would replace the device.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ data: Data, to path: String) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var status = stat()
        let exists = stat(target, &status) == 0
        let kind = status.st_mode & S_IFMT
        if exists && kind == S_IFDIR { throw Failure(description: "it is a directory") }
        if exists && kind != S_IFREG {
            let fd = open(target, O_WRONLY)
            guard fd >= 0 else { throw failure() }
            defer { close(fd) }
            guard writeAll(fd, data) else { throw failure() }
            return
        }
        let url = URL(fileURLWithPath: target)
        var template = Array((url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure() }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        // mkstemp makes the file 0600: keep the old file's mode, or make an ordinary one.
        let mode: mode_t
        if exists {
            mode = status.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        let ok = writeAll(fd, data) && fchmod(fd, mode) == 0 && fsync(fd) == 0
        let error = failure()
        close(fd)
        guard ok else { throw error }
        guard rename(temporary, target) == 0 else { throw failure() }
        renamed = true
    }

    private static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    private static func failure() -> Failure { Failure(description: String(cString: strerror(errno))) }
}
