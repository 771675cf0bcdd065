import ArgumentParser
import Attribution
import CapTableCore
import Foundation
import Renderers
import RawMemory

struct ObligationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations",
        abstract: "Every Schedule 13D and 13G filing triggered between two dates, with its rule, due date and status; exit status 1 when one is overdue.")

    @OptionGroup var options: CaseOptions

    @OptionGroup var range: DateRange

    @Option(help: "The date each unfiled obligation is judged due or overdue on (default: --to).")
    var on: String?

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func validate() throws {
        guard options.asOf == nil else { throw ValidationError("obligations takes --from and --to, not --as-of") }
        if let on { _ = try DateRange.date(on, "--on") }
    }

    func run() throws {
        let c = try options.loadCase()
        let (start, end) = (range.start, range.end)
        let status = try on.map { try DateRange.date($0, "--on") } ?? end
        let classes = try range.classes(options, c)
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
