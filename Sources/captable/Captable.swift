import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
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

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Options every command takes.
struct CaseOptions: ParsableArguments {
    @Argument(help: "The case directory (classes.csv, persons.csv, holdings.csv, …).")
    var directory: String

    @Option(name: .customLong("as-of"), help: "The date of the figures, YYYY-MM-DD (default: each class's as_of).")
    var asOf: String?

    @Option(name: .customLong("class"), help: "Only this class (default: every class, one table each).")
    var classID: String?

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if let asOf, case .failure(let e) = ValueParser.date(asOf, column: "--as-of") {
            throw ValidationError(e.message)
        }
        if let output, output.isEmpty || output.hasSuffix("/") {
            throw ValidationError("--output names a file: \"\(output)\" is \(output.isEmpty ? "empty" : "a directory")")
        }
    }

    /// The files of the case directory a command reads: --output may be none of them.
    var inputFiles: [String] {
        CaseLoader.knownFiles.map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Reads the case; on failure prints why and exits 65 or 66.
    /// `hypothetical`: a file of events in the columns of transactions.csv, added to the case's own (`what-if`).
    func loadCase(progress: Progress = Progress(enabled: false), hypothetical: String? = nil) throws -> Case {
        let loaded = hypothetical.map { CaseLoader.load(directory: directory, hypothetical: $0, progress: { progress.update($0) }) }
            ?? CaseLoader.load(directory: directory, progress: { progress.update($0) })
        switch loaded {
        case .success(let c):
            KeptUntilExit.keep(c)
            return c
        case .failure(.cannotOpen(let path, let reason)):
            printError("\(path): error: \(reason)")
            throw Status.cannotOpenInput
        case .failure(.invalid(let diagnostics)):
            for d in diagnostics { printError(d.description) }
            printError("\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s") in \(directory)")
            throw Status.dataError
        case .failure(.tooMany(let diagnostics, let total)):
            for d in diagnostics { printError(d.description) }
            printError("\(total) errors in \(directory) (the first \(diagnostics.count) shown)")
            throw Status.dataError
        }
    }

    /// The classes asked for, each with its as-of date.
    /// `index`: the case's, if made already (a case without transactions).
    func selection(_ c: Case, index: ClassIndex? = nil) throws -> [(classIndex: Int, asOf: CalendarDate)] {
        let date = asOf.flatMap { try? ValueParser.date($0, column: "--as-of").get() }
        if let classID {
            guard let i = c.classIndex(classID) else {
                var message = "class \"\(classID)\" is not in classes.csv"
                if let near = Suggestion.nearest(to: classID, in: c.classes.map(\.id)) { message += "; did you mean \"\(near)\"?" }
                printError("error: " + message)
                throw Status.usage
            }
            return try withinLimits(c, [(i, date ?? c.classes[i].asOf)], index: index)
        }
        return try withinLimits(c, c.classes.indices.map { ($0, date ?? c.classes[$0].asOf) }, index: index)
    }

    /// The index of the person `id` names; a bad command line (64), with the
    /// nearest id suggested, when persons.csv has no such person.
    func person(_ c: Case, _ id: String) throws -> Int {
        guard let p = c.personIndex(id) else {
            var message = "person \"\(id)\" is not in persons.csv"
            if let near = Suggestion.nearest(to: id, in: c.persons.map(\.id)) { message += "; did you mean \"\(near)\"?" }
            printError("error: " + message)
            throw Status.usage
        }
        return p
    }

    /// Stops with status 65 where a figure on the date would pass the calculator's limits.
    func withinLimits(_ c: Case, _ selection: [(classIndex: Int, asOf: CalendarDate)],
                      index: ClassIndex?) throws -> [(classIndex: Int, asOf: CalendarDate)] {
        let index = c.events.isEmpty ? index ?? ClassIndex(c) : nil
        // Each class on any core; the problems in the order of the selection.
        let found = Slots<[Diagnostic]>(count: selection.count)
        DispatchQueue.concurrentPerform(iterations: selection.count) { i in
            let s = selection[i]
            found.put(index.map { c.limitProblems(classIndex: s.classIndex, asOf: s.asOf, index: $0) }
                ?? c.replayed(through: s.asOf).limitProblems(classIndex: s.classIndex, asOf: s.asOf), at: i)
        }
        // A problem of a note appears once however many dates ask it.
        var seen = Set<String>()
        let problems = (0..<selection.count).flatMap { found.take($0) }.filter { seen.insert($0.description).inserted }
        guard problems.isEmpty else {
            for d in problems.prefix(CaseLoader.maximumDiagnostics) { printError(d.description) }
            let shown = problems.count > CaseLoader.maximumDiagnostics ? " (the first \(CaseLoader.maximumDiagnostics) shown)" : ""
            printError("\(problems.count) error\(problems.count == 1 ? "" : "s") in \(directory)\(shown)")
            throw Status.dataError
        }
        return selection
    }

    /// Writes the output to standard output, or to `--output` through a
    /// temporary file renamed into place, so that a failed run never leaves a
    /// half-written or clobbered file. `body` writes the pieces as they are made.
    /// `alsoRead`: files the command reads besides the case's (a what-if's
    /// events, a filed schedule), which `--output` may not name either.
    func write(alsoRead: [String] = [], _ body: (OutputSink) throws -> Void) throws {
        do {
            let sink = try output.map { try OutputSink(path: $0, inputs: inputFiles + alsoRead) } ?? OutputSink()
            try body(sink)
            try sink.commit()
        } catch let failure as OutputSink.Failure {
            printError("\(output ?? "standard output"): error: cannot write the output: \(failure)")
            throw Status.cannotCreateOutput
        }
    }

    func emit(_ text: String, alsoRead: [String] = []) throws { try write(alsoRead: alsoRead) { try $0.write(text) } }

    func emit(data: Data) throws { try write { try $0.write(data) } }
}

extension CaseOptions {
    /// Writes a document a class at a time, each class computed on any core.
    func writeByClass(_ c: Case, writer: DocumentWriter, progress: Progress,
                      _ body: @escaping @Sendable (Attributor, Int, CalendarDate) -> Piece) throws {
        try writeByClass(c, start: writer.start(), separator: writer.separator, end: writer.end(sections:),
                         progress: progress, body)
    }

    /// Writes `start`, each class's piece (computed on any core, a few at a
    /// time, so that a book of many classes is never held whole) with
    /// `separator` between them, and `end` of the count written.
    func writeByClass(_ c: Case, start: String, separator: String, end: (Int) -> String, progress: Progress,
                      ahead: Int = 16, _ body: @escaping @Sendable (Attributor, Int, CalendarDate) -> Piece) throws {
        // Without transactions the case is the same on every date: one
        // attributor, and its index of each class's lots, serves the limits and every class.
        let single = c.events.isEmpty ? Attributor(c) : nil
        if let single { KeptUntilExit.keep(single) }
        let selection = try self.selection(c, index: single?.index)
        try write { sink in
            sink.beforeFlush = { progress.finish() }
            try sink.write(start)
            var written = 0
            try eachClass(c, selection, attributor: single, progress: progress, ahead: ahead, body) { piece in
                if written > 0 { try sink.write(separator) }
                try piece.write(to: sink)
                written += 1
            }
            try sink.write(end(written))
        }
        progress.finish()
    }
}

struct Ownership: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The beneficial-ownership table of every person and group: the four powers, aggregate, percent of class, thresholds.")

    @OptionGroup var options: CaseOptions

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        let progress = Progress()
        let c = try options.loadCase(progress: progress)
        let writer = DocumentWriter(format: format, columns: Reports.ownershipColumns)
        // CSV, the whole book's format, is written as the rows are made, each
        // person's cells made once.
        let people = format == .csv ? PersonCells(c) : nil
        if let people { KeptUntilExit.keep(people) }
        try options.writeByClass(c, writer: writer, progress: progress) { a, k, date in
            let r = a.compute(classIndex: k, asOf: date, lots: false)
            if let people { return Piece(Reports.ownershipCSVBuffer(a.c, r, people: people)) }
            return Piece(format == .csv ? Reports.ownershipCSV(a.c, r) : writer.bodyBytes(Reports.ownershipSection(a.c, r)))
        }
    }
}

struct CapTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cap-table",
        abstract: "The cap table: outstanding, each holder's shares, options and convertibles as converted, fully diluted.")

    @OptionGroup var options: CaseOptions

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        let progress = Progress()
        let c = try options.loadCase(progress: progress)
        let writer = DocumentWriter(format: format, columns: Reports.capTableColumns)
        // A class at a time, on both cores, each class's lots found by the index.
        try options.writeByClass(c, writer: writer, progress: progress) { a, k, date in
            Piece(writer.bodyBytes(Reports.capTableSection(a.c, CapTable(case: a.c, classIndex: k, asOf: date, index: a.index))))
        }
    }
}

/// The lines a command tests: `--threshold N` (repeatable, "more than N%"),
/// by default more than 5%, more than 10% and 20% or more.
struct Lines: ParsableArguments {
    @Option(name: .customLong("threshold"), help: "Test \"more than N%\" (repeatable; default: more than 5%, more than 10%, 20% or more).")
    var given: [String] = []

    func validate() throws {
        for t in given {
            if case .failure(let e) = ValueParser.percent(t, column: "--threshold") { throw ValidationError(e.message) }
        }
    }

    var thresholds: [Threshold] {
        given.isEmpty ? Threshold.standard : given.map { Threshold(moreThan: try! ValueParser.percent($0, column: "--threshold").get()) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lists every person and group over a threshold; exit status 1 when any is.")

    @OptionGroup var options: CaseOptions

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    @OptionGroup var lines: Lines

    @Option(name: .customLong("warn-within"), help: "Also list anyone within N percent points below a threshold (not an exit status 1).")
    var warnWithin: String?

    func validate() throws {
        if let warnWithin, case .failure(let e) = ValueParser.percent(warnWithin, column: "--warn-within") { throw ValidationError(e.message) }
    }

    func run() throws {
        let progress = Progress()
        let c = try options.loadCase(progress: progress)
        let lines = self.lines.thresholds
        let band = warnWithin.flatMap { try? ValueParser.percent($0, column: "--warn-within").get().value }
        let over = RaisedFlag()
        let writer = DocumentWriter(format: format, columns: Reports.checkColumns)
        // No row under the lowest line (less the warning band) is listed: none is kept.
        let lowest = Threshold.lowest(lines, warnWithin: band)
        try options.writeByClass(c, writer: writer, progress: progress) { a, k, date in
            let r = a.compute(classIndex: k, asOf: date, lots: false, rowsFrom: lowest)
            let section = Reports.checkSection(a.c, r, thresholds: lines, warnWithin: band)
            if section.rows.contains(where: { $0[4] == .text("over") }) { over.set() }
            return Piece(writer.bodyBytes(section))
        }
        // Status 1 for a line crossed; a warning alone leaves it 0.
        if over.isSet { throw Status.overThreshold }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reads and checks every file; prints every error; exit status 65 when any.")

    @Argument(help: "The case directory.")
    var directory: String

    func run() throws {
        let options = try CaseOptions.parse([directory])
        let c = try options.loadCase()
        // What every other command would report: the ledger replayed to each class's date, every figure within the limits.
        _ = try options.selection(c)
        print("\(directory): no errors in \(c.files.joined(separator: ", ")) (\(c.classes.count) classes, \(c.persons.count) persons, \(c.holdings.count) holdings, \(c.grants.count) grants, \(c.convertibles.count) convertibles, \(c.relations.count) relations\(c.events.isEmpty ? "" : ", \(c.events.count) transactions"))")
    }
}

struct Transactions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Item 5(c): each reporting person's transactions in the 60 days up to --as-of.")

    @OptionGroup var options: CaseOptions

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        let c = try options.loadCase()
        let asOf = options.asOf.flatMap { try? ValueParser.date($0, column: "--as-of").get() }
            ?? c.classes.map(\.asOf).max() ?? CalendarDate(dayNumber: 0)
        try options.emit(Reports.transactions(c, asOf: asOf).rendered(as: format))
    }
}

struct Changes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Positions on two dates, and every filing obligation and line crossed between them, with the filing due and by when.")

    @OptionGroup var options: CaseOptions

    @OptionGroup var range: DateRange

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func validate() throws {
        guard options.asOf == nil else { throw ValidationError("changes takes --from and --to, not --as-of") }
    }

    func run() throws {
        let c = try options.loadCase()
        let (start, end) = (range.start, range.end)
        let classes = try range.classes(options, c)
        let sections = classes.flatMap { k in
            Reports.changes(c, k, from: start, to: end, Monitoring.changes(c, classIndex: k, from: start, to: end)).sections
        }
        try options.emit(Document(columns: Reports.changeColumns, sections: sections).rendered(as: format))
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a deterministic synthetic book in the input format, for benchmarks.")

    @Argument(help: "The directory to write (created if missing).")
    var directory: String

    @Option(help: "Scale: 1 is about 1,000 classes, 100,000 persons and 1,000,000 holding lots.")
    var scale: Int = 1

    @Option(help: "The seed; the same scale and seed always give the same bytes.")
    var seed: UInt64 = 1

    @Flag(help: "Leave out blockers, PIK interest and vesting.")
    var simple = false

    @Flag(help: "Write into a directory that is not empty (its files of the same names are replaced).")
    var force = false

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be 1 or more") }
    }

    func run() throws {
        // A book is written over nothing of the user's unless asked.
        if !force, let entries = try? FileManager.default.contentsOfDirectory(atPath: directory), !entries.isEmpty {
            printError("\(directory): error: the directory is not empty; give --force to write the book into it")
            throw Status.cannotCreateOutput
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var handles: [String: FileHandle] = [:]
            defer { for h in handles.values { try? h.close() } }
            try BookGenerator(scale: scale, seed: seed, simple: simple).generate { name, chunk in
                if handles[name] == nil {
                    let path = (directory as NSString).appendingPathComponent(name)
                    _ = FileManager.default.createFile(atPath: path, contents: nil)
                    handles[name] = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                }
                try handles[name]!.write(contentsOf: Data(chunk.utf8))
            }
        } catch {
            printError("\(directory): error: cannot write the book: \(error)")
            throw Status.cannotCreateOutput
        }
    }
}
