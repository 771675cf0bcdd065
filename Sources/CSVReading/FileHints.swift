import CLibCSV

/// Linux's hints for writing a large file, for the command's output: the
/// C calls live here, with the other raw system calls of the project, so
/// that the command imports no C module. Each is a hint: a file system
/// that cannot take it says so, and nothing else changes.
public enum FileHints {
    /// Turns O_DIRECT on or off for an open file: writes then go from the
    /// caller's aligned memory to the disk without a copy into the page
    /// cache. False where the flag or the file system does not allow it.
    public static func setDirect(_ fd: Int32, _ on: Bool) -> Bool { captable_set_direct(fd, on ? 1 : 0) == 0 }

    /// Starts writing a range of a file's pages to disk, without waiting (sync_file_range).
    public static func startWriteback(_ fd: Int32, offset: Int, count: Int) {
        _ = captable_start_writeback(fd, offset, count)
    }
}
