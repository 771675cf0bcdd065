import ArgumentParser
import Attribution
import CapTableCore
import Foundation
import Renderers

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "A filed Schedule 13D or 13G (EDGAR XML) against the case's figures, person by person and row by row; exit status 1 when any differs.")

    @OptionGroup var options: CaseOptions

    @Argument(help: "The filing: EDGAR Schedule 13D or 13G XML.")
    var filing: String

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        let c = try options.loadCase()
        let filed: FiledSchedule
        switch FiledSchedule.read(path: filing) {
        case .success(let f): filed = f
        case .failure(let e): throw Status.failure(e, reading: filing)
        }
        // The class: --class, else the one whose CUSIP is the filing's, else the only one.
        let k: Int
        if options.classID != nil {
            k = try options.selection(c)[0].classIndex
        } else if let cusip = filed.cusip?.filter({ !$0.isWhitespace }),
                  let i = c.classes.firstIndex(where: { $0.cusip?.filter { !$0.isWhitespace } == cusip }) {
            k = i
        } else if c.classes.count == 1 {
            k = 0
        } else {
            printError("error: no class of \(options.directory) has the filing's CUSIP \(filed.cusip ?? "(none)"); name it with --class")
            throw Status.usage
        }
        // The date: --as-of, else the filing's event date.
        let date = try options.asOf.map { try DateRange.date($0, "--as-of") } ?? filed.eventDate
        let o = BeneficialOwnership.compute(c.replayed(through: date), classIndex: k, asOf: date)
        let (section, differs) = Reconcile.section(c, filed, o, file: filing)
        try options.emit(Document(columns: Reconcile.columns, sections: [section]).rendered(as: format), alsoRead: [filing])
        if differs { throw Status.overThreshold }
    }
}
