import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import Foundation
import Renderers

struct Changes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
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
