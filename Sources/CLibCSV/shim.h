#include <csv.h>

/* A hint that memory at p will soon be read, so that reads in random order
   over a large table overlap their cache misses. It changes no result. */
static inline void captable_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

/* Linux's sync_file_range, which glibc declares only with _GNU_SOURCE:
   starts writing a range of a file's pages to disk, and returns without
   waiting for it. A hint: a file system that cannot do it says so, and
   nothing else changes. */
extern int sync_file_range(int fd, long offset, long nbytes, unsigned int flags);
static inline int captable_start_writeback(int fd, long offset, long nbytes) {
    return sync_file_range(fd, offset, nbytes, 2u /* SYNC_FILE_RANGE_WRITE */);
}

/* Turns Linux's O_DIRECT on or off for an open file: writes then go from
   the caller's memory to the disk without a copy into the page cache, and
   must be of whole aligned blocks from aligned memory. glibc names the flag
   O_DIRECT only with _GNU_SOURCE, and __O_DIRECT always. Returns 0, or -1
   where the flag or the file system does not allow it. */
#include <fcntl.h>
static inline int captable_set_direct(int fd, int on) {
#ifdef __O_DIRECT
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, on ? (flags | __O_DIRECT) : (flags & ~__O_DIRECT));
#else
    (void)fd; (void)on;
    return -1;
#endif
}
