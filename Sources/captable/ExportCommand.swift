import ArgumentParser
import Attribution
import CapTableCore
import InputFiles
import CSVReading
import Foundation
import Renderers

/// The filing-ready formats of `captable export`.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case item403, item403Html = "item403-html", item403CSV = "item403-csv"
    case cover13D = "13d-cover", cover13G = "13g-cover", xml13D = "13d-xml", xml13G = "13g-xml"
    case xlsx, html, ocf
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Filing-ready outputs (the Item 403 table, Schedule 13D/13G cover pages, EDGAR XML), an Excel workbook and an HTML report.",
        discussion: "Formats: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var options: CaseOptions

    @Option(help: "One of: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ExportFormat

    @Option(name: .customLong("percent-decimals"), help: "Decimals of the percent on cover pages and in EDGAR XML: 1 (default) or 2.")
    var percentDecimals: Int = 1

    func validate() throws {
        guard percentDecimals == 1 || percentDecimals == 2 else { throw ValidationError("--percent-decimals must be 1 or 2") }
    }

    func run() throws {
        let c = try options.loadCase()
        // The Item 403 table and the cover pages a class at a time, each written as it is made.
        if [.item403, .item403Html, .item403CSV, .cover13D, .cover13G].contains(format) {
            try streamed(c)
            return
        }
        if format == .xlsx {
            try workbook(c)
            return
        }
        if format == .ocf {
            try ocfPackage(c)
            return
        }
        if format == .html {
            // The report a class at a time: each class's figures computed on
            // any core, its text written part by part by the writing thread.
            do {
                try options.writeByClass(c, start: HTMLReport.pageStart, separator: "", end: { _ in HTMLReport.pageEnd },
                                         progress: Progress(), ahead: documentClassesAhead) { a, k, date in
                    let o = a.compute(classIndex: k, asOf: date)
                    let capTable = CapTable(case: a.c, classIndex: k, asOf: date, index: a.index)
                    return Piece { try HTMLReport.write(a.c, o, capTable, attributor: a, layout: Graphviz.svg, to: $0) }
                }
            } catch let failure as Graphviz.Failure {
                printError("error: \(failure)")
                throw Status.unavailable
            }
            return
        }
        // Without transactions the case is the same on every date: one
        // attributor, and its index of each class's lots, serves every class.
        let single = c.events.isEmpty ? Attributor(c) : nil
        let selection = try options.selection(c, index: single?.index)
        if (format == .xml13D || format == .xml13G) && selection.count > 1 {
            printError("error: a Schedule 13D or 13G covers one class; name it with --class (\(c.classes.map(\.id).joined(separator: ", ")))")
            throw Status.usage
        }
        let results = selection.map { s in
            single?.compute(classIndex: s.classIndex, asOf: s.asOf)
                ?? BeneficialOwnership.compute(c.replayed(through: s.asOf), classIndex: s.classIndex, asOf: s.asOf)
        }
        let cover = CoverPages.Options(percentDecimals: percentDecimals)
        // Rule 13d-1: who may file Schedule 13G is the rule's to say, not the user's.
        if format == .xml13G {
            var refusals = Refusals(persons: c.persons.count)
            for r in results { refusals.add(CoverPages.thirteenGProblems(c, r)) }
            try refusals.report(options.directory)
        }
        // What is left: the EDGAR XML of one class.
        switch CoverPages.xml(c, results[0], schedule: format == .xml13D ? .thirteenD : .thirteenG, options: cover) {
        case .success(let xml): try options.emit(xml)
        case .failure(let error):
            throw Status.failure(error, reading: options.directory)
        }
    }

    /// The formats made class by class: never more than a few classes' lots in memory.
    func streamed(_ c: Case) throws {
        let progress = Progress()
        let cover = CoverPages.Options(percentDecimals: percentDecimals)
        if format == .cover13G {
            // Who may file Schedule 13G is the rule's to say: every class checked before anything is written.
            let single = c.events.isEmpty ? Attributor(c) : nil
            let selection = try options.selection(c, index: single?.index)
            var refusals = Refusals(persons: c.persons.count)
            eachClass(c, selection, attributor: single, progress: progress, ahead: documentClassesAhead, { a, k, date in
                CoverPages.thirteenGProblems(a.c, a.compute(classIndex: k, asOf: date, lots: false))
            }) { refusals.add($0) }
            progress.finish()
            try refusals.report(options.directory)
        }
        let management = Item403.Management(c)
        let format = self.format
        switch format {
        case .item403CSV:
            let writer = DocumentWriter(format: .csv, columns: Item403Table.csvColumns)
            try options.writeByClass(c, writer: writer, progress: progress) { a, k, date in
                let t = Item403.table(a.c, a.compute(classIndex: k, asOf: date), management: management)
                return Piece(writer.bodyBytes(Section(heading: [], metadata: [],
                                                      rows: t.csvRows(classID: a.c.classes[k].id) { a.c.persons[$0].id })))
            }
        case .item403Html:
            try options.writeByClass(c, start: Reports.item403HTMLStart, separator: "", end: { _ in Reports.item403HTMLEnd },
                                     progress: progress) { a, k, date in
                Piece(text: Item403.table(a.c, a.compute(classIndex: k, asOf: date), management: management).html())
            }
        case .item403:
            try options.writeByClass(c, start: "", separator: "\n", end: { _ in "" }, progress: progress) { a, k, date in
                Piece(text: Item403.table(a.c, a.compute(classIndex: k, asOf: date), management: management).markdown())
            }
        default:
            let schedule: CoverPages.Schedule = format == .cover13D ? .thirteenD : .thirteenG
            try options.writeByClass(c, start: "", separator: "\n<PAGE>\n\n", end: { _ in "" }, progress: progress, ahead: documentClassesAhead) { a, k, date in
                let o = a.compute(classIndex: k, asOf: date)
                return Piece { try CoverPages.write(a.c, o, schedule: schedule, options: cover, to: $0) }
            }
        }
    }

    /// The case on a date as an Open Cap Format package, zipped: one
    /// issuer's classes (name one with --class when the case has several
    /// issuers), as they stand on --as-of or the latest class's as_of.
    func ocfPackage(_ c: Case) throws {
        guard options.output != nil else {
            printError("error: an OCF package is a .zip file: give --output FILE")
            throw Status.usage
        }
        let selection = try options.selection(c)
        let date = options.asOfDate ?? selection.map(\.asOf).max()!
        let state = c.replayed(through: date)
        // One class named: it alone; otherwise every class, which must be one issuer's.
        let only = options.classID != nil ? [selection[0].classIndex] : nil
        let stamp = ISO8601DateFormatter().string(from: Date())
        switch OCFExport.package(state, asOf: date, generatedAt: stamp, classes: only) {
        case .success(let files):
            do {
                let zip = try ZipArchive.archive(files.mapValues { Array($0.utf8) })
                try options.emit(data: Data(zip))
            } catch let error as RenderError {
                throw Status.failure(error, reading: options.directory)
            }
        case .failure(let error):
            throw Status.failure(error, reading: options.directory)
        }
    }

    /// The workbook, a sheet at a time and each sheet a class at a time, its
    /// rows going to disk as they are written: the ownership table, the cap
    /// table, the instruments with their figures on the date, the sources.
    func workbook(_ c: Case) throws {
        let progress = Progress()
        let single = c.events.isEmpty ? Attributor(c) : nil
        if let single { KeptUntilExit.keep(single) }
        let selection = try options.selection(c, index: single?.index)
        do {
            let writer = try WorkbookWriter()
            try writer.beginSheet("Ownership", columns: Reports.ownershipColumns)
            eachClass(c, selection, attributor: single, progress: progress, ahead: documentClassesAhead, { a, k, date in
                Reports.ownershipSection(a.c, a.compute(classIndex: k, asOf: date, lots: false)).rows
            }) { writer.append($0) }
            try writer.beginSheet("Cap table", columns: Reports.capTableColumns)
            eachClass(c, selection, attributor: single, progress: progress, ahead: documentClassesAhead, { a, k, date in
                Reports.capTableSection(a.c, CapTable(case: a.c, classIndex: k, asOf: date, index: a.index)).rows
            }) { writer.append($0) }
            try writer.beginSheet("Instruments", columns: Reports.instrumentColumns)
            eachClass(c, selection, attributor: single, progress: progress, ahead: documentClassesAhead, { a, k, date in
                Reports.instruments(a.c, [(k, date)], index: a.index).sections.flatMap(\.rows)
            }) { writer.append($0) }
            let sources = Reports.sources(c, directory: options.directory, selection)
            try writer.beginSheet("Sources", columns: sources.columns)
            writer.append(sources.sections.flatMap(\.rows))
            progress.finish()
            let path = try writer.close()
            // The file is copied to the output a megabyte at a time, never read whole.
            try options.write { sink in
                guard let file = FileHandle(forReadingAtPath: path) else { throw RenderError.workbook("the workbook cannot be read back") }
                defer { try? file.close() }
                while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty { try sink.write(chunk) }
            }
            withExtendedLifetime(writer) {}
        } catch let error as RenderError {
            throw Status.failure(error, reading: options.directory)
        }
    }
}

/// The persons that may not file Schedule 13G: each person's problem once,
/// however many classes it holds; the first hundred kept for printing and
/// the rest only counted, so that a book of a hundred thousand refusals is
/// not held in memory.
struct Refusals {
    private var shown: [Diagnostic] = []
    private var count = 0
    private var seen: [Bool]

    init(persons: Int) { seen = [Bool](repeating: false, count: persons) }

    mutating func add(_ found: [(person: Int, diagnostic: Diagnostic)]) {
        for (person, d) in found where !seen[person] {
            seen[person] = true
            count += 1
            if shown.count < CaseLoader.maximumDiagnostics { shown.append(d) }
        }
    }

    /// Prints them, with their count, and fails (exit 65) when there are any.
    func report(_ directory: String) throws {
        guard count > 0 else { return }
        for d in shown { printError(d.description) }
        let more = count > shown.count ? " (the first \(shown.count) shown)" : ""
        printError("\(count) \(count == 1 ? "person" : "persons") may not file Schedule 13G in \(directory)\(more)")
        throw Status.dataError
    }
}
