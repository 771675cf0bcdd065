import ArgumentParser
import Attribution
import CapTableCore
import InputFiles
import CSVReading
import Foundation
import Renderers
import RawMemory

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

    /// --as-of as a date; nil when not given (`validate` has refused one that is not a date).
    var asOfDate: CalendarDate? { asOf.flatMap { try? ValueParser.date($0, column: "--as-of").get() } }

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
        case .failure(let e):
            throw Status.failure(e, reading: directory)
        }
    }

    /// The classes asked for, each with its as-of date.
    /// `index`: the case's, if made already (a case without transactions).
    func selection(_ c: Case, index: ClassIndex? = nil) throws -> [(classIndex: Int, asOf: CalendarDate)] {
        let date = asOfDate
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
                      ahead: Int = tableClassesAhead, _ body: @escaping @Sendable (Attributor, Int, CalendarDate) -> Piece) throws {
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
