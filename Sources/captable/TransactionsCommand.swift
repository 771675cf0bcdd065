import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import Foundation
import Renderers

struct Transactions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transactions",
        abstract: "Item 5(c): each reporting person's transactions in the 60 days up to --as-of.")

    @OptionGroup var options: CaseOptions

    @Option(help: "table, csv, json or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        let c = try options.loadCase()
        let asOf = options.asOfDate
            ?? c.classes.map(\.asOf).max() ?? CalendarDate(dayNumber: 0)
        try options.emit(Reports.transactions(c, asOf: asOf).rendered(as: format))
    }
}
