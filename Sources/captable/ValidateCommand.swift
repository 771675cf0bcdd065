import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import Foundation
import Renderers

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Reads and checks every file; prints every error; exit status 65 when any.")

    @Argument(help: "The case directory.")
    var directory: String

    func run() throws {
        let options = try CaseOptions.parse([directory])
        let c = try options.loadCase()
        // What every other command would report: the ledger replayed to each class's date, every figure within the limits.
        _ = try options.selection(c)
        print("\(directory): no errors in \(c.files.joined(separator: ", ")) (\(c.classes.count) classes, \(c.persons.count) persons, \(c.holdings.count) holdings, \(c.grants.count) grants, \(c.convertibles.count) convertibles, \(c.relations.count) relations\(c.events.isEmpty ? "" : ", \(c.events.count) transactions"))")
    }
}
