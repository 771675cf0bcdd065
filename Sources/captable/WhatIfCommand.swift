import ArgumentParser
import Attribution
import CapTableCore
import Foundation
import Renderers

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: "Hypothetical dated events (in the columns of transactions.csv) replayed over the case without changing it: each person's figures before and after, the lines crossed, the blockers that bind and the filings triggered.")

    @OptionGroup var options: CaseOptions

    @Option(help: "The file of hypothetical events, in the columns of transactions.csv.")
    var events: String

    @OptionGroup var lines: Lines

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        // Read once: the case without the events is the case with them, less them.
        let hypothetical = try options.loadCase(hypothetical: events)
        let added = hypothetical.events.filter { $0.location.file == events }
        var base = hypothetical
        base.events.removeAll { $0.location.file == events }
        base.files.removeAll { $0 == events }
        guard let first = added.map(\.date).min(), let last = added.map(\.date).max() else {
            printError("\(events): error: the file has no events")
            throw Status.dataError
        }
        // The date of the figures: --as-of, or the last event's (each class's as_of when that is later).
        let date = try options.asOf.map { try DateRange.date($0, "--as-of") }
        let classes = options.classID == nil ? Array(base.classes.indices) : [try options.selection(base)[0].classIndex]
        let sections = classes.map { k in
            let asOf = date ?? max(last, base.classes[k].asOf)
            let rows = WhatIf.compare(base, hypothetical, classIndex: k, from: first, asOf: asOf, lines: lines.thresholds)
            return Reports.whatIfSection(base, k, from: first, asOf: asOf, events: events, rows)
        }
        try options.emit(Document(columns: Reports.whatIfColumns, sections: sections).rendered(as: format), alsoRead: [events])
    }
}
