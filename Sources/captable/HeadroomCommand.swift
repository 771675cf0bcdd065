import ArgumentParser
import Attribution
import CapTableCore
import Foundation
import Renderers
import RawMemory

extension Acquisition: ExpressibleByArgument {}

struct HeadroomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headroom",
        abstract: "For each person and each line it is not over, the most shares it could acquire with nobody crossing that line, and who would cross first.")

    @OptionGroup var options: CaseOptions

    @Option(help: "Only this person (default: every person with shares of the class).")
    var person: String?

    @Option(help: "purchase (shares outstanding: denominators stay) or issue (new shares: denominators grow).")
    var by: Acquisition = .purchase

    @OptionGroup var lines: Lines

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        let c = try options.loadCase()
        let only = try person.map { try options.person(c, $0) }
        let thresholds = lines.thresholds
        let how = by
        let selection = try options.selection(c)
        // Each class on any core; the sections in the order of the selection.
        let found = Slots<Section>(count: selection.count)
        DispatchQueue.concurrentPerform(iterations: selection.count) { i in
            let (k, date) = selection[i]
            // The class's lots on the date and one control graph, for the class's every question.
            let base = c.replayed(through: date).restricted(toClass: k)
            let a = Attributor(base)
            let o = a.compute(classIndex: k, asOf: date)
            let persons = only.map { [$0] } ?? o.rows.filter { !$0.isGroup }.map(\.person)
            let rows = persons.flatMap { Headroom.rows(base, classIndex: k, asOf: date, person: $0, by: how, lines: thresholds, attributor: a) }
            found.put(Reports.headroomSection(c, k, asOf: date, by: how, rows, blockers: Headroom.blockers(o)), at: i)
        }
        let sections = selection.indices.map { found.take($0) }
        try options.emit(Document(columns: Reports.headroomColumns, sections: sections).rendered(as: format))
    }
}
