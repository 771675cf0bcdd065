import ArgumentParser
import CapTableCore

/// The two dates of a command over a range (`changes`, `obligations`).
struct DateRange: ParsableArguments {
    @Option(help: "The first date, YYYY-MM-DD: positions on it are the baseline where filings.csv gives none.")
    var from: String

    @Option(help: "The last date, YYYY-MM-DD.")
    var to: String

    func validate() throws {
        if try Self.date(to, "--to") < Self.date(from, "--from") { throw ValidationError("--to is before --from") }
    }

    static func date(_ text: String, _ name: String) throws -> CalendarDate {
        switch ValueParser.date(text, column: name) {
        case .success(let d): return d
        case .failure(let e): throw ValidationError(e.message)
        }
    }

    /// The dates, once validated.
    var start: CalendarDate { try! Self.date(from, "--from") }
    var end: CalendarDate { try! Self.date(to, "--to") }

    /// The classes asked for, each within the calculator's limits on both dates (else status 65).
    func classes(_ options: CaseOptions, _ c: Case) throws -> [Int] {
        let index = c.events.isEmpty ? ClassIndex(c) : nil
        let classes = try options.selection(c, index: index).map(\.classIndex)
        _ = try options.withinLimits(c, classes.map { ($0, start) } + classes.map { ($0, end) }, index: index)
        return classes
    }
}
