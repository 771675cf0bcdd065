#if canImport(Glibc)
import Glibc
#endif

/// The temporary file a run stopped by a signal removes. The path is kept in
/// memory of its own, written before the handlers can run and read by them
/// with `unlink` alone, which is safe in a signal handler; the handler then
/// takes the signal's default action (the process ends with it).
public enum Interruption {
    /// Room for the path; a longer path is not removed on a signal.
    private static let capacity = 4096
    // Unchecked: written only by the main thread, outside any handler; read by the handler.
    nonisolated(unsafe) private static let path: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
        return p
    }()
    nonisolated(unsafe) private static var installed = false

    /// Sets the file removed on SIGINT, SIGTERM or SIGHUP; nil: none.
    public static func remove(onSignal file: String?) {
        path[0] = 0
        guard let file else { return }
        let bytes = Array(file.utf8CString)
        guard bytes.count <= capacity, bytes.count > 1 else { return }
        if !installed {
            installed = true
            for s in [SIGINT, SIGTERM, SIGHUP] {
                signal(s) { sig in
                    if Interruption.path[0] != 0 { unlink(Interruption.path) }
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
            }
        }
        // The first byte last, so that a handler never reads a half-written path.
        for i in 1..<bytes.count { path[i] = bytes[i] }
        path[0] = bytes[0]
    }
}
