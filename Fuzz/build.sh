#!/usr/bin/env bash
# Builds the libFuzzer targets with address sanitizer into .build/fuzz/.
# The modules are compiled one by one with swiftc (SwiftPM has no fuzzer
# product); the targets link them with libcsv and libxlsxwriter.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz
mkdir -p "$out"
# An archive left from an earlier build would keep its old objects beside the new ones.
rm -f "$out"/lib*.a
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -package-name captable -I "$out" -I Sources/CLibCSV -I Sources/CXLSXWriter)
library() {
    local name=$1; shift
    swiftc "${flags[@]}" -emit-library -static -module-name "$name" \
        -emit-module -emit-module-path "$out/$name.swiftmodule" "$@" -o "$out/lib$name.a"
}
library RawMemory Sources/RawMemory/*.swift
library CSVReading Sources/CSVReading/*.swift
library CapTableCore Sources/CapTableCore/*.swift
library InputFiles Sources/InputFiles/*.swift
library Attribution Sources/Attribution/*.swift
library Renderers Sources/Renderers/*.swift Sources/Renderers/Filings/*.swift
for target in csv values case ledger; do
    swiftc "${flags[@]}" Fuzz/fuzz-$target.swift -L "$out" \
        -lRenderers -lAttribution -lInputFiles -lCapTableCore -lCSVReading -lRawMemory -lcsv -lxlsxwriter -o "$out/fuzz-$target"
done
echo "built: $(ls "$out"/fuzz-* | tr '\n' ' ')"
