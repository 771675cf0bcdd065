import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import Foundation
import Renderers

struct Ownership: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ownership",
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
            return Piece(writer.bodyBytes(Reports.ownershipSection(a.c, r)))
        }
    }
}
