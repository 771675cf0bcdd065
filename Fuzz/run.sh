#!/usr/bin/env bash
# Runs one fuzz target: Fuzz/run.sh csv|values|case|ledger [SECONDS]  (default 600)
# New inputs go to .build/fuzz/corpus-TARGET; crashes to .build/fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
seconds=${2:-600}
mkdir -p ".build/fuzz/corpus-$target"
# Swift's backtracer can hang for minutes after a crash; libFuzzer reports it instead.
export SWIFT_BACKTRACE=enable=no
exec ".build/fuzz/fuzz-$target" ".build/fuzz/corpus-$target" "Fuzz/corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix=".build/fuzz/crash-$target-" $( [ -f "Fuzz/$target.dict" ] && echo "-dict=Fuzz/$target.dict" )
