import CapTableCore

extension Reports {
    public static let transactionColumns = [
        Column("date", "Date"), Column("person", "Person"), Column("name", "Name"), Column("event", "Event"),
        Column("nature", "Purchase or sale"), Column("counterparty", "Counterparty"), Column("class", "Class"),
        Column("instrument", "Instrument"), Column("shares", "Shares"), Column("price", "Price per share"),
        Column("principal", "Principal"), Column("units", "Units"), Column("note", "Note"),
    ]

    /// Item 5(c) of Schedule 13D: "any transactions in the class of
    /// securities reported on that were effected during the past sixty days
    /// or since the most recent filing of Schedule 13D, whichever is less, by
    /// the persons named in response to paragraph (a)".
    ///
    /// The persons: each reporting person (not marked `reporting = no`) and
    /// each person whose shares one of them is attributed through control
    /// (named in Item 5(a) as their holder). The window, person by person:
    /// from `asOf` − 60 days (day 60 included) through `asOf`, or, where
    /// filings.csv has a Schedule 13D of the person's filed in that time,
    /// the days after its event date.
    public static func transactions(_ c: Case, asOf: CalendarDate) -> Document {
        let start = asOf.adding(days: -60)
        var instrumentClass: [String: Int] = [:]
        for g in c.grants { instrumentClass[g.id] = g.classIndex }
        for n in c.convertibles { instrumentClass[n.id] = n.classIndex }
        for e in c.events {
            if let g = e.newGrant { instrumentClass[g.id] = g.classIndex }
            if let n = e.newConvertible { instrumentClass[n.id] = n.classIndex }
        }
        let named = namedInItemFiveA(c)
        // The most recent Schedule 13D of each person in the window: only what follows it.
        var since: [Int: CalendarDate] = [:]
        for f in c.filings where f.form.isThirteenD && f.filed <= asOf && f.eventDate >= start {
            since[f.person] = max(since[f.person] ?? f.eventDate, f.eventDate)
        }
        var rows: [[Cell]] = []
        for e in c.events where e.date >= start && e.date <= asOf {
            let instrument = e.instrument ?? e.newGrant?.id ?? e.newConvertible?.id
            let k = e.classIndex ?? instrument.flatMap { instrumentClass[$0] }
            let principal = e.principal ?? e.newConvertible?.principal
            let shares = e.shares ?? e.newGrant?.shares
            let units = e.units ?? e.newConvertible?.units
            for p in e.persons where named.contains(p) {
                if let after = since[p], e.date <= after { continue }
                let counterparty = [e.from, e.to].compactMap { $0 }.filter { $0 != p }.map { c.persons[$0].id }
                var shown = instrument ?? ""
                if let new = e.newInstrument { shown += " (part: \(new))" }
                rows.append([.text(e.date.description), .text(c.persons[p].id), .text(c.persons[p].name), .text(e.kind.rawValue),
                             .text(nature(e, p)), .text(counterparty.joined(separator: ";")), .text(k.map { c.classes[$0].id } ?? ""),
                             .text(shown), .count(shares?.count ?? 0), .text(e.price.map { "$" + $0.dollars.decimalText(places: 4) } ?? ""),
                             .text(principal?.description ?? ""), .count(units?.count ?? 0), .text(e.note ?? "")])
            }
        }
        return Document(columns: transactionColumns, sections: [Section(
            heading: ["Transactions of the reporting persons from \(start) to \(asOf) (Item 5(c))"],
            metadata: [("from", .text(start.description)), ("to", .text(asOf.description))],
            rows: rows, footer: rows.isEmpty ? ["No transactions in those 60 days."] : [])])
    }

    /// `purchase` or `sale` for the person: a transfer to it or from it; an
    /// issue to it with a price is a purchase from the issuer, a repurchase
    /// a sale to it; any other event is neither.
    static func nature(_ e: LedgerEvent, _ p: Int) -> String {
        switch e.kind {
        case .transfer: return e.to == p ? "purchase" : e.from == p ? "sale" : ""
        case .issue: return e.price != nil || e.consideration != nil ? "purchase" : ""
        case .repurchase: return "sale"
        case .purchase: return "purchase"
        case .sale: return "sale"
        default: return ""
        }
    }

    /// The reporting persons and everyone below them through control.
    static func namedInItemFiveA(_ c: Case) -> Set<Int> {
        var named = Set(c.persons.indices.filter { c.persons[$0].reporting != false && c.persons[$0].kind != .group })
        var below: [Int: [Int]] = [:]
        for r in c.relations { below[r.controller, default: []].append(r.controlled) }
        var queue = Array(named)
        while let p = queue.popLast() {
            for q in below[p] ?? [] where named.insert(q).inserted { queue.append(q) }
        }
        return named
    }
}
