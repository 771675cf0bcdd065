import CSVReading
import CapTableCore

extension CaseReading {
    /// transactions.csv (or a file of hypothetical events, `name`, in its
    /// columns): each row an event; then every event is replayed once, so
    /// that one that would make a balance negative or names nothing known is
    /// reported at its row.
    mutating func readTransactions(_ files: [String: CSVInput], name: String = "transactions.csv") {
        let rows = open(files, name, schema: "transactions.csv")
        rows.forEach(&self) { reading, row, _ in
            if let event = reading.event(row) { reading.result.events.append(event) }
        }
        rows.finish(&self)
        result.events = result.events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        guard diagnostics.isEmpty else { return }
        for problem in result.replay(through: nil).problems { report(problem.location, problem.message) }
    }

    /// One row's event; nil (and reported) when wrong.
    mutating func event(_ row: Row) -> LedgerEvent? {
        let before = diagnostics.count
        let date = required(row, .date, ValueParser.date)
        let kind = required(row, .event, WordsOf.event.read)
        var event = LedgerEvent(date: date ?? CalendarDate(dayNumber: 0), kind: kind ?? .issue, location: row.location)
        let issues = kind == .issue && row.has(.kind)
        if issues {
            // An instrument, in the columns of options.csv or convertibles.csv, told apart by its kind.
            if row.value(.kind).flatMap(ConvertibleKind.init(rawValue:)) != nil { event.newConvertible = convertible(row) }
            else { event.newGrant = grant(row) }
        } else {
            event.holder = optionalPerson(row, .holder) ?? nil
            event.classIndex = row.has(.shareClass) ? shareClass(row) : nil
            event.shares = optional(row, .shares, ValueParser.shares)
        }
        event.from = optionalPerson(row, .from) ?? nil
        event.to = optionalPerson(row, .to) ?? nil
        event.instrument = row.value(.instrument)
        event.newInstrument = row.value(.newInstrument)
        if !issues {
            event.principal = optional(row, .principal, ValueParser.money)
            event.units = optional(row, .units, ValueParser.shares)
        }
        event.ratio = optional(row, .ratio, ValueParser.ratio)
        event.consideration = optional(row, .consideration, ValueParser.money)
        // Item 5(c): the price per share of a purchase or sale. Format 1.3.
        event.price = optional(row, .price, ValueParser.price)
        event.note = row.value(.note)
        return diagnostics.count == before ? event : nil
    }
}
