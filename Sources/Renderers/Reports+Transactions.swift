import CapTableCore

extension Reports {
    public static let transactionColumns = [
        Column("date", "Date"), Column("person", "Person"), Column("name", "Name"), Column("event", "Event"),
        Column("counterparty", "Counterparty"), Column("class", "Class"), Column("instrument", "Instrument"),
        Column("shares", "Shares"), Column("principal", "Principal"), Column("units", "Units"), Column("note", "Note"),
    ]

    /// Item 5(c): each reporting person's transactions in the 60 days up to
    /// `asOf` (after `asOf` − 60 days, through `asOf`). Reporting persons are
    /// those not marked `reporting = no` in persons.csv.
    public static func transactions(_ c: Case, asOf: CalendarDate) -> Document {
        let start = asOf.adding(days: -60)
        var instrumentClass: [String: Int] = [:]
        for g in c.grants { instrumentClass[g.id] = g.classIndex }
        for n in c.convertibles { instrumentClass[n.id] = n.classIndex }
        for e in c.events {
            if let g = e.newGrant { instrumentClass[g.id] = g.classIndex }
            if let n = e.newConvertible { instrumentClass[n.id] = n.classIndex }
        }
        var rows: [[Cell]] = []
        for e in c.events where e.date > start && e.date <= asOf {
            let instrument = e.instrument ?? e.newGrant?.id ?? e.newConvertible?.id
            let k = e.classIndex ?? instrument.flatMap { instrumentClass[$0] }
            let principal = e.principal ?? e.newConvertible?.principal
            let shares = e.shares ?? e.newGrant?.shares
            let units = e.units ?? e.newConvertible?.units
            for p in e.persons where c.persons[p].reporting != false {
                let counterparty = [e.from, e.to].compactMap { $0 }.filter { $0 != p }.map { c.persons[$0].id }
                var shown = instrument ?? ""
                if let new = e.newInstrument { shown += " (part: \(new))" }
                rows.append([.text(e.date.description), .text(c.persons[p].id), .text(c.persons[p].name), .text(e.kind.rawValue),
                             .text(counterparty.joined(separator: ";")), .text(k.map { c.classes[$0].id } ?? ""), .text(shown),
                             .count(shares?.count ?? 0), .text(principal?.description ?? ""), .count(units?.count ?? 0),
                             .text(e.note ?? "")])
            }
        }
        return Document(columns: transactionColumns, sections: [Section(
            heading: ["Transactions of the reporting persons from \(start.adding(days: 1)) to \(asOf) (Item 5(c))"],
            metadata: [("from", .text(start.adding(days: 1).description)), ("to", .text(asOf.description))],
            rows: rows, footer: rows.isEmpty ? ["No transactions in those 60 days."] : [])])
    }
}
