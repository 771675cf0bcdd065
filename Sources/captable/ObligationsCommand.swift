import ArgumentParser
import Attribution
import CapTableCore
import Foundation
import Renderers

struct ObligationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations",
        abstract: "Every Schedule 13D and 13G filing triggered between two dates, with its rule, due date and status; exit status 1 when one is overdue.")

    @OptionGroup var options: CaseOptions

    @Option(help: "The first date, YYYY-MM-DD: positions on it are the baseline where filings.csv gives none.")
    var from: String

    @Option(help: "The last date, YYYY-MM-DD.")
    var to: String

    @Option(help: "The date each unfiled obligation is judged due or overdue on (default: --to).")
    var on: String?

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func validate() throws {
        guard options.asOf == nil else { throw ValidationError("obligations takes --from and --to, not --as-of") }
        let dates = try [("--from", from), ("--to", to)].map { try Self.date($0.1, $0.0) }
        if dates[1] < dates[0] { throw ValidationError("--to is before --from") }
        if let on { _ = try Self.date(on, "--on") }
    }

    static func date(_ text: String, _ name: String) throws -> CalendarDate {
        switch ValueParser.date(text, column: name) {
        case .success(let d): return d
        case .failure(let e): throw ValidationError(e.message)
        }
    }

    func run() throws {
        let c = try options.loadCase()
        let start = try Self.date(from, "--from"), end = try Self.date(to, "--to")
        let status = try on.map { try Self.date($0, "--on") } ?? end
        let index = c.events.isEmpty ? ClassIndex(c) : nil
        let classes = try options.selection(c, index: index).map(\.classIndex)
        _ = try options.withinLimits(c, classes.map { ($0, start) } + classes.map { ($0, end) }, index: index)
        // Without a ledger the case is the same on every date: one attributor serves every class.
        let single = c.events.isEmpty ? Attributor(c) : nil
        // Each class on any core; the sections in the order of the selection.
        let found = Slots<Obligations.Evaluation>(count: classes.count)
        DispatchQueue.concurrentPerform(iterations: classes.count) { i in
            found.put(Obligations.evaluate(c, classIndex: classes[i], from: start, to: end, statusDate: status, attributor: single,
                                          positions: false), at: i)
        }
        var overdue = false
        let sections = classes.indices.map { i in
            let e = found.take(i)
            if e.obligations.contains(where: { $0.status == .overdue }) { overdue = true }
            return Reports.obligationsSection(c, classes[i], from: start, to: end, status: status, e)
        }
        try options.emit(Document(columns: Reports.obligationColumns, sections: sections).rendered(as: format))
        if overdue { throw Status.overThreshold }
    }
}
