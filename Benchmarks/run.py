"""The scale benchmark: one run, the same files, every program.

    make bench                      # N = 1, 2, 4 and 10
    python3 Benchmarks/run.py 1 2   # chosen scales

For each scale N it writes two synthetic books of the same content: the
realistic one (`captable generate --scale N`: quoted grouped numbers, `$`
amounts, fraction prices, blank defaults, notes, long and non-ASCII names,
ids of several shapes, persons' columns in another order) and the plain one
(`--plain`: every value in its plainest form), and times on each, with GNU
time (wall clock and peak resident memory):

  (a)  the parse floor: libcsv reading every file on one thread, counting fields;
  (b1) `captable check` (the daily job: every figure, only the crossings printed);
  (b2) `captable ownership --format csv` (the whole table written to a file);
  (c)  the same computation in SQL with DuckDB (duckdb_ownership.py).

Each program runs $BENCH_RUNS times (default 3), in turn with the others
on the same book, and the table shows the median wall time and the largest
peak: this machine's times vary by several percent from run to run, and a
single run of each would decide a ratio by that noise.

Before the timings, the `--simple` books at N = 1 (no vesting, interest or
blockers, which the SQL does not model), plain and realistic, go through
(b2) and (c), and every figure of every row is compared. Books are kept in $BENCH_DIR (default
/tmp/captable-bench) and reused when present.
"""
import csv
import os
import platform
import subprocess
import time
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAPTABLE = os.path.join(ROOT, ".build", "release", "captable")
WORK = os.environ.get("BENCH_DIR", "/tmp/captable-bench")
RUNS = max(1, int(os.environ.get("BENCH_RUNS", "3")))
FLOOR = os.path.join(WORK, "floor")
DUCKDB = [sys.executable, os.path.join(ROOT, "Benchmarks", "duckdb_ownership.py")]
FIGURES = ["sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive",
           "aggregate", "acquirable", "excluded", "denominator"]


def book(scale, simple=False, plain=False):
    path = os.path.join(WORK, f"book{scale}{'-simple' if simple else ''}{'-plain' if plain else ''}")
    if not os.path.exists(os.path.join(path, "groups.csv")):
        subprocess.run([CAPTABLE, "generate", path, "--scale", str(scale), "--seed", "1", "--force"]
                       + (["--simple"] if simple else []) + (["--plain"] if plain else []), check=True)
    files = sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".csv"))
    return path, files


def timed(command, ok=(0,), output=None, inputs=()):
    """Wall seconds and peak KiB of a command, by GNU time.

    The output file of an earlier run is removed and every file written
    back to disk first: otherwise the run would pay for dropping the old
    file's pages (a table of 1.7 GB at N = 10) and for writing back what
    the command before it wrote. The input files are read through once, so
    that every program finds them in the page cache."""
    if output and os.path.exists(output):
        os.remove(output)
    os.sync()
    for name in inputs:
        with open(name, "rb") as f:
            while f.read(1 << 24):
                pass
    report = os.path.join(WORK, "time.txt")
    run = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", report] + command,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if run.returncode not in ok:
        sys.exit(f"{' '.join(command)}: exit {run.returncode}\n{run.stderr}")
    seconds, kib = open(report).read().split("\n")[-2].split()
    return float(seconds), int(kib)


def compare(plain):
    """(b2) and (c) on a simple book at N = 1, figure by figure."""
    path, _ = book(1, simple=True, plain=plain)
    ours, theirs = os.path.join(WORK, "simple-captable.csv"), os.path.join(WORK, "simple-duckdb.csv")
    subprocess.run([CAPTABLE, "ownership", path, "--format", "csv", "--output", ours], check=True)
    subprocess.run(DUCKDB + [path, theirs], check=True)
    a = {}
    with open(ours) as f:
        for row in csv.DictReader(f):
            whole, frac = row["percent"].split(".")
            a[(row["class"], row["person"])] = [int(row[k]) for k in FIGURES] + [int(whole) * 10**6 + int(frac)]
    b = {}
    with open(theirs) as f:
        for row in csv.DictReader(f):
            b[(row["class"], row["person"])] = [int(row[k]) for k in FIGURES] + [int(row["percent_micro"])]
    missing, extra = a.keys() - b.keys(), b.keys() - a.keys()
    differ = [k for k in a.keys() & b.keys() if a[k] != b[k]]
    figures = len(a) * (len(FIGURES) + 1)
    print(f"Simple {'plain' if plain else 'realistic'} book, N = 1: {len(a):,} rows of captable, {len(b):,} of DuckDB; "
          f"{figures:,} figures compared ({len(FIGURES)} counts and the percent per row).")
    for k in sorted(differ)[:5]:
        print(f"  differ {k}: captable {a[k]}, DuckDB {b[k]}")
    for k in sorted(missing)[:5]:
        print(f"  only in captable: {k}")
    for k in sorted(extra)[:5]:
        print(f"  only in DuckDB: {k}")
    if missing or extra or differ:
        sys.exit(f"MISMATCH: {len(differ)} rows differ, {len(missing)} only in captable, {len(extra)} only in DuckDB")
    print("Every figure is the same.\n")


def main():
    scales = [int(s) for s in sys.argv[1:]] or [1, 2, 4, 10]
    os.makedirs(WORK, exist_ok=True)
    subprocess.run(["gcc", "-O2", "-o", FLOOR, os.path.join(ROOT, "Benchmarks", "floor.c"), "-lcsv"], check=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
    print(f"Machine: {cpu}, {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
          f"{platform.system()} {platform.release()}\n")
    compare(plain=True)
    compare(plain=False)
    print(f"Each time is the median of {RUNS} runs, taken in turn; each peak the largest of them.\n")
    header = f"{'N':>3} {'book':<9} {'program':<22} {'rows':>12} {'MB':>7} {'wall s':>8} {'rows/s':>12} {'MB/s':>8} {'peak MB':>8} {'peak/input':>10}"
    print(header)
    print("-" * len(header))
    results, sizes = {}, {}
    for n in scales:
        for kind in ["plain", "realistic"]:
            path, files = book(n, plain=kind == "plain")
            size = sum(os.path.getsize(f) for f in files)
            sizes[(n, kind)] = size
            rows = sum(1 for f in files for _ in open(f, "rb")) - len(files)
            out = os.path.join(WORK, f"ownership{n}-{kind}.csv")
            runs = [
                ("a", "(a) parse floor", [FLOOR] + files, (0,), None),
                ("b1", "(b1) captable check", [CAPTABLE, "check", path, "--format", "csv"], (0, 1), None),
                ("b2", "(b2) captable ownership", [CAPTABLE, "ownership", path, "--format", "csv", "--output", out], (0,), out),
                ("c", "(c) DuckDB SQL", DUCKDB + [path, out + ".duckdb"], (0,), out + ".duckdb"),
            ]
            measured = {key: [] for key, *_ in runs}
            for _ in range(RUNS):
                for key, name, command, ok, output in runs:
                    measured[key].append(timed(command, ok, output, files))
            for key, name, command, ok, output in runs:
                times = sorted(seconds for seconds, _ in measured[key])
                seconds = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
                kib = max(k for _, k in measured[key])
                results[(n, kind, key)] = seconds
                results[(n, kind, key + " peak")] = kib * 1024 / size
                mb = size / 1e6
                print(f"{n:>3} {kind:<9} {name:<22} {rows:>12,} {mb:>7.0f} {seconds:>8.2f} {rows / seconds:>12,.0f} "
                      f"{mb / seconds:>8.1f} {kib / 1024:>8.0f} {kib * 1024 / size:>10.2f}")
            sys.stdout.flush()
    print()
    for n in scales:
        for kind in ["plain", "realistic"]:
            r = lambda k: results[(n, kind, k)]
            print(f"N = {n:>2} {kind:<9}: (b1)/(a) = {r('b1') / r('a'):5.1f}   (b2)/(a) = {r('b2') / r('a'):5.1f}   "
                  f"(c)/(b2) = {r('c') / r('b2'):5.2f}   peak/input (b2) = {r('b2 peak'):4.2f}")
        per_byte = lambda kind, k: results[(n, kind, k)] / sizes[(n, kind)]
        print(f"N = {n:>2} realistic per input byte against plain: check {per_byte('realistic', 'b1') / per_byte('plain', 'b1'):.2f}x, "
              f"ownership {per_byte('realistic', 'b2') / per_byte('plain', 'b2'):.2f}x")
    if len(scales) > 1:
        lo, hi = scales[0], scales[-1]
        for k, name in [("b1", "check"), ("b2", "ownership"), ("a", "floor")]:
            print(f"{name} (realistic): N = {lo} to {hi} ({hi // lo}x the data) takes {results[(hi, 'realistic', k)] / results[(lo, 'realistic', k)]:.1f}x the time")
    # The seed case in milliseconds: GNU time counts in hundredths, so the
    # clock around the process is read here, and the median of 11 runs kept.
    seed = os.path.join(ROOT, "Inputs", "savvis-2001")
    command = [CAPTABLE, "ownership", seed, "--format", "csv"]
    _, kib = timed(command)
    runs = []
    for _ in range(11):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        runs.append(time.perf_counter() - start)
    runs.sort()
    print(f"seed case (Inputs/savvis-2001), process start to exit: median {runs[5] * 1000:.0f} ms of 11 runs "
          f"(slowest {runs[-1] * 1000:.0f} ms), {kib / 1024:.0f} MB peak")


if __name__ == "__main__":
    main()
