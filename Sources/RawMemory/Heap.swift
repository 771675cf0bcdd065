#if canImport(Glibc)
import Glibc
#endif

/// The C heap of the process.
public enum Heap {
    /// Hands back to the system the free pages the heap keeps, in every
    /// thread's arena, by glibc's `malloc_trim`, looked up at run time (no
    /// Swift module declares it; on another C library this does nothing).
    ///
    /// For the moment a large case is read: what reading it freed (buffers,
    /// tables grown or joined, the other threads' working memory) would
    /// otherwise stay resident under what is computed next. Measured:
    /// `ownership` of the realistic scale-1 book peaked at 90 MB rather
    /// than 96 MB, in the same time (median of five).
    public static func releaseFreed() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        // RTLD_DEFAULT: the symbol wherever the process has it.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
