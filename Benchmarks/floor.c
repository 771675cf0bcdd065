/* The parse floor: libcsv reads every file of a case on one thread, in
 * strict mode as captable does, and only counts fields and records. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long fields, records;
static void on_field(void *s, size_t n, void *d) { (void)s; (void)n; (void)d; fields++; }
static void on_record(int c, void *d) { (void)c; (void)d; records++; }

int main(int argc, char **argv) {
    static char buf[1 << 16];
    unsigned long long bytes = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { perror(argv[i]); return 66; }
        struct csv_parser p;
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) return 70;
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
            bytes += n;
            if (csv_parse(&p, buf, n, on_field, on_record, NULL) != n) {
                fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
                return 65;
            }
        }
        csv_fini(&p, on_field, on_record, NULL);
        csv_free(&p);
        fclose(f);
    }
    printf("%llu files=%d bytes=%llu records=%llu fields=%llu\n", 0ULL, argc - 1, bytes, records, fields);
    return 0;
}
