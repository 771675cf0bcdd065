import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import InputFiles
import Foundation
import Renderers

@main
struct Captable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "captable",
        abstract: "Beneficial ownership under Rule 13d-3, from a cap table kept in CSV files.",
        version: "0.1.0",
        subcommands: [Ownership.self, CapTableCommand.self, Check.self, HeadroomCommand.self, WhatIfCommand.self, ExplainCommand.self, ReconcileCommand.self, ImportCommand.self, ObligationsCommand.self, Validate.self, Export.self, Transactions.self, Changes.self, Generate.self]
    )
}

extension OutputFormat: ExpressibleByArgument {}

/// Exit statuses of OUTPUTS.md (sysexits.h).
enum Status {
    static let overThreshold = ExitCode(1)
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let cannotOpenInput = ExitCode(66)
    /// A program the command needs is missing or failed (sysexits' EX_UNAVAILABLE).
    static let unavailable = ExitCode(69)
    static let cannotCreateOutput = ExitCode(73)
}

extension Status {
    /// Where a library's error becomes an exit status, printed: a file or
    /// directory that cannot be opened is 66; input that is wrong, each
    /// problem at its file, line and column and then their count, 65.
    /// `source`: what was read (a case directory, a filing).
    static func failure(_ error: CaseError, reading source: String) -> ExitCode {
        switch error {
        case .cannotOpen(let path, let reason):
            printError("\(path): error: \(reason)")
            return cannotOpenInput
        case .invalid(let diagnostics):
            for d in diagnostics { printError(d.description) }
            printError("\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s") in \(source)")
            return dataError
        case .tooMany(let diagnostics, let total):
            for d in diagnostics { printError(d.description) }
            printError("\(total) errors in \(source) (the first \(diagnostics.count) shown)")
            return dataError
        }
    }
}

extension Status {
    /// Where the renderers' error becomes an exit status, printed: an output
    /// that cannot be written is 73; a case an OCF package cannot be made of
    /// (as the command was given), 64; persons or filer fields EDGAR XML
    /// needs, each at its place and then their count, 65.
    static func failure(_ error: RenderError, reading source: String) -> ExitCode {
        switch error {
        case .workbook(let reason):
            printError("error: cannot write the workbook: \(reason)")
            return cannotCreateOutput
        case .archiveTooLarge:
            printError("error: \(error)")
            return cannotCreateOutput
        case .ocf(let reason):
            printError("error: \(reason)")
            return usage
        case .missingForXML(let missing):
            // The first hundred printed, every one counted, as for the input's errors.
            let shown = missing.prefix(CaseLoader.maximumDiagnostics)
            return failure(missing.count > shown.count ? .tooMany(Array(shown), total: missing.count) : .invalid(missing),
                           reading: source)
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
