#include <csv.h>

/* A hint that memory at p will soon be read, so that reads in random order
   over a large table overlap their cache misses. It changes no result. */
static inline void captable_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }
