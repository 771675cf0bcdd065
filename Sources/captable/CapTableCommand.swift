import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import Foundation
import Renderers

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
