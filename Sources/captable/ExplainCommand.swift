import ArgumentParser
import Attribution
import CapTableCore
import Renderers

/// The formats of `captable explain`.
enum ExplainFormat: String, CaseIterable, ExpressibleByArgument {
    case text, markdown, json
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Where each figure of one person's ownership row comes from: every lot and the relations that bring it, what is left out and why, the denominator and the exact percent.")

    @OptionGroup var options: CaseOptions

    @Option(help: "The person (an id of persons.csv).")
    var person: String

    @Option(help: "text, markdown or json.")
    var format: ExplainFormat = .text

    func run() throws {
        let c = try options.loadCase()
        let p = try options.person(c, person)
        let selection = try options.selection(c)
        var parts: [String] = []
        for (k, date) in selection {
            guard let e = Explanation.of(c, person: p, classIndex: k, asOf: date) else { continue }
            switch format {
            case .text: parts.append(ExplanationReport.text(c, e))
            case .markdown: parts.append(ExplanationReport.markdown(c, e))
            case .json: parts.append(ExplanationReport.json(c, e))
            }
        }
        guard !parts.isEmpty else {
            printError("error: \(person) has no shares of \(options.classID.map { "class \"\($0)\"" } ?? "any class") on the date, held or attributed")
            throw Status.dataError
        }
        switch format {
        case .json: try options.emit("[\n" + parts.joined(separator: ",\n") + "]\n")
        default: try options.emit(parts.joined(separator: "\n"))
        }
    }
}
