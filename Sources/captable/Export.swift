import ArgumentParser
import Attribution
import CapTableCore
import Renderers

/// The filing-ready formats of `captable export`.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case item403, item403Html = "item403-html", item403CSV = "item403-csv"
    case cover13D = "13d-cover", cover13G = "13g-cover", xml13D = "13d-xml", xml13G = "13g-xml"
    case xlsx, html
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let capTables = selection.map { s in
            single.map { CapTable(case: c, classIndex: s.classIndex, asOf: s.asOf, index: $0.index) }
                ?? CapTable(case: c.replayed(through: s.asOf), classIndex: s.classIndex, asOf: s.asOf)
        }
        if format == .xlsx {
            let sheets = [("Ownership", Reports.ownership(c, results)), ("Cap table", Reports.capTable(c, capTables)),
                          ("Instruments", Reports.instruments(c.replayed(through: selection.map(\.asOf).max()!), selection)),
                          ("Sources", Reports.sources(c, directory: options.directory, selection))]
            do {
                try options.emit(data: Workbook.xlsx(sheets))
            } catch let failure as Workbook.Failure {
                printError("error: cannot write the workbook: \(failure)")
                throw Status.cannotCreateOutput
            }
            return
        }
        let cover = CoverPages.Options(percentDecimals: percentDecimals)
        // Rule 13d-1: who may file Schedule 13G is the rule's to say, not the user's.
        if format == .cover13G || format == .xml13G {
            let problems = results.flatMap { CoverPages.thirteenGProblems(c, $0) }
            if !problems.isEmpty {
                for d in problems { printError(d.description) }
                throw Status.dataError
            }
        }
        let text: String
        switch format {
        case .item403: text = Reports.item403(c, results, format: .markdown)
        case .item403Html: text = Reports.item403(c, results, format: .html)
        case .item403CSV: text = Reports.item403(c, results, format: .csv)
        case .cover13D: text = results.map { CoverPages.text(c, $0, schedule: .thirteenD, options: cover) }.joined(separator: "\n<PAGE>\n\n")
        case .cover13G: text = results.map { CoverPages.text(c, $0, schedule: .thirteenG, options: cover) }.joined(separator: "\n<PAGE>\n\n")
        case .html: text = HTMLReport.page(c, ownership: results, capTables: capTables)
        case .xlsx: return
        case .xml13D, .xml13G:
            switch CoverPages.xml(c, results[0], schedule: format == .xml13D ? .thirteenD : .thirteenG, options: cover) {
            case .success(let xml): text = xml
            case .failure(let missing):
                for d in missing.diagnostics { printError(d.description) }
                throw Status.dataError
            }
        }
        try options.emit(text)
    }
}
