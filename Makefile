# The two commands of the README:
#   make demo   installs what is missing, builds, and runs `captable ownership` on the seed case
#   make test   installs what is missing, builds, and runs every test
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test build release deps acceptance clean fuzz bench

deps:
	@if [ ! -f /usr/include/csv.h ] || [ ! -f /usr/include/xlsxwriter.h ] || ! command -v unzip >/dev/null || [ ! -x /usr/bin/time ] || [ ! -x /usr/bin/script ] || ! command -v dot >/dev/null || ! /usr/bin/python3 -c "import jsonschema" 2>/dev/null; then \
		echo "Installing libcsv-dev, libxlsxwriter-dev, unzip, time, script, Graphviz and Python's jsonschema…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcsv-dev libxlsxwriter-dev unzip time bsdutils graphviz python3-jsonschema; \
	fi

# The release build links the Swift runtime and Foundation in: a process then
# dirties about 7 MB fewer pages of shared libraries' data (peak of
# `captable --version`: 16 MB against 23 MB), which count in a book's peak.
# It is also optimized across modules at link time (LTO): calls between the
# layers, which the compiler left as calls, are inlined (`ownership` of the
# realistic scale-1 book, fifteen runs in turn: 0.48 -> 0.45 s, CPU 0.90 ->
# 0.86 s; the build takes about 70 s instead of 40).
release: deps
	$(SWIFT) build -c release --product captable --static-swift-stdlib --experimental-lto-mode=full

build: deps
	$(SWIFT) build

demo: release
	.build/release/captable ownership Inputs/savvis-2001

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The scale benchmark (Benchmarks/README.md): SCALES="1 2" for fewer scales,
# RUNS=1 for one run of each program instead of the median of three.
SCALES ?= 1 2 4 10
RUNS ?= 3
bench: release
	@python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb
	@command -v gcc >/dev/null || $(SUDO) apt-get install -y -qq gcc
	BENCH_RUNS=$(RUNS) python3 Benchmarks/run.py $(SCALES)

# The seed filing's own check, where the shared acceptance script is at hand.
acceptance: release
	../shared/acceptance/check-savvis .build/release/captable

clean:
	rm -rf .build

# libFuzzer targets with address sanitizer: FUZZ_SECONDS each (default 600).
FUZZ_SECONDS ?= 600
fuzz: deps
	Fuzz/build.sh
	for target in csv values case ledger; do Fuzz/run.sh $$target $(FUZZ_SECONDS) || exit 1; done
