// swift-tools-version: 6.0
import PackageDescription

// Release builds leave out the run-time exclusivity checks on the paths that
// read every row (the compiler still checks what it can see); debug builds,
// which the tests use, keep them. They also optimize across modules: a
// reader's call to the core's generic parsers and word lists, or to the id
// table of RawMemory, is then specialized and inlined where it is made, as
// it was when they were one module (check of the realistic scale-1 book:
// 0.74-0.77 s without, 0.46-0.51 s with).
let speed: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"],
                                          .when(configuration: .release))]

let package = Package(
    name: "captable",
    products: [
        .executable(name: "captable", targets: ["captable"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libcsv (Debian libcsv-dev) ships no pkg-config file; the module map links it by name.
        .systemLibrary(
            name: "CLibCSV",
            path: "Sources/CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // libxlsxwriter (Debian libxlsxwriter-dev), for the Excel workbook.
        .systemLibrary(
            name: "CXLSXWriter",
            path: "Sources/CXLSXWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Layer 0: the one module of raw memory and unchecked concurrency, each
        // with a safe interface and the reason it is safe beside it: byte and
        // value buffers, the id table, prefetching, bytes compared sixteen at
        // once, values shared between threads.
        .target(name: "RawMemory", dependencies: ["CLibCSV"], swiftSettings: speed),
        // Layer 1: reading CSV files, with exact source positions.
        .target(name: "CSVReading", dependencies: ["RawMemory", "CLibCSV"], swiftSettings: speed),
        // Layer 2: the cap table: value types, instruments as of a date, the ledger.
        .target(name: "CapTableCore", dependencies: ["CSVReading", "RawMemory"], swiftSettings: speed),
        // Layer 2a: the input files of a case directory (INPUTS.md), a file of this module each, read into the core's types.
        .target(name: "InputFiles", dependencies: ["CapTableCore", "CSVReading", "RawMemory"], swiftSettings: speed),
        // Layer 3: Rule 13d-3 beneficial ownership on top of the cap table.
        .target(name: "Attribution", dependencies: ["CapTableCore", "CSVReading", "RawMemory"], swiftSettings: speed),
        // Layer 4: tables, CSV, JSON and Markdown.
        .target(name: "Renderers", dependencies: ["Attribution", "CapTableCore", "CSVReading", "RawMemory", "CXLSXWriter"]),
        // Layer 5: the command line; the only code that prints or exits.
        .executableTarget(
            name: "captable",
            dependencies: [
                "Renderers", "Attribution", "InputFiles", "CapTableCore", "CSVReading", "RawMemory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CSVReadingTests", dependencies: ["CSVReading", "RawMemory"]),
        .testTarget(name: "CapTableCoreTests", dependencies: ["InputFiles", "CapTableCore", "RawMemory"]),
        .testTarget(name: "AttributionTests", dependencies: ["Attribution", "InputFiles", "CapTableCore", "RawMemory"]),
        .testTarget(name: "RenderersTests", dependencies: ["Renderers", "Attribution", "InputFiles", "CapTableCore", "RawMemory"]),
        .testTarget(name: "PropertyTests", dependencies: ["Attribution", "InputFiles", "CapTableCore"]),
        .testTarget(name: "CaptableTests", dependencies: ["captable"]),
    ],
    swiftLanguageModes: [.v6]
)
