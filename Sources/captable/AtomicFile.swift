import Foundation

/// Writes a file so that readers see either the old file or the whole new one.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array((directory + "/.\(url.lastPathComponent).XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        let temporary = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        var ok = false
        defer { if !ok { unlink(temporary) } }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        close(fd)
        guard synced else { throw Failure(description: String(cString: strerror(errno))) }
        fchmodPermissions(temporary)
        guard rename(temporary, path) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        ok = true
    }

    /// mkstemp creates the file 0600; an output file is an ordinary 0644 (less umask).
    private static func fchmodPermissions(_ path: String) {
        let mask = umask(0)
        umask(mask)
        chmod(path, 0o666 & ~mask)
    }
}
