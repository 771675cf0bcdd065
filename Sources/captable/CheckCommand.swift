import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import Foundation
import Renderers

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lists every person and group over a threshold; exit status 1 when any is.")

    @OptionGroup var options: CaseOptions

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    @OptionGroup var lines: Lines

    @Option(name: .customLong("warn-within"), help: "Also list anyone within N percent points below a threshold (not an exit status 1).")
    var warnWithin: String?

    func validate() throws {
        if let warnWithin, case .failure(let e) = ValueParser.percent(warnWithin, column: "--warn-within") { throw ValidationError(e.message) }
    }

    func run() throws {
        let progress = Progress()
        let c = try options.loadCase(progress: progress)
        let lines = self.lines.thresholds
        let band = warnWithin.flatMap { try? ValueParser.percent($0, column: "--warn-within").get().value }
        let over = RaisedFlag()
        let writer = DocumentWriter(format: format, columns: Reports.checkColumns)
        // No row under the lowest line (less the warning band) is listed: none is kept.
        let lowest = Threshold.lowest(lines, warnWithin: band)
        try options.writeByClass(c, writer: writer, progress: progress) { a, k, date in
            let r = a.compute(classIndex: k, asOf: date, lots: false, rowsFrom: lowest)
            let section = Reports.checkSection(a.c, r, thresholds: lines, warnWithin: band)
            if section.rows.contains(where: { $0[4] == .text("over") }) { over.set() }
            return Piece(writer.bodyBytes(section))
        }
        // Status 1 for a line crossed; a warning alone leaves it 0.
        if over.isSet { throw Status.overThreshold }
    }
}
