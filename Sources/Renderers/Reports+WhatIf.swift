import Attribution
import CapTableCore

extension Reports {
    public static let whatIfColumns = [
        Column("class", "Class", forPeople: false), Column("person", "Person"), Column("name", "Name"),
        Column("shares_before", "Before"), Column("percent_before", "%", forPeople: false), Column("percent_before_text", "Before %"),
        Column("shares_after", "After"), Column("percent_after", "%", forPeople: false), Column("percent_after_text", "After %"),
        Column("crossed", "Crosses"), Column("fell_under", "Falls under", forPeople: false), Column("blockers", "Blocker binds"),
        Column("filings", "Filings triggered"),
    ]

    /// One class's persons whose figures or filings the hypothetical events change.
    public static func whatIfSection(_ c: Case, _ k: Int, from: CalendarDate, asOf: CalendarDate, events: String, _ rows: [WhatIfRow]) -> Section {
        let sc = c.classes[k]
        let cells: [[Cell]] = rows.map { r in
            let zero = PercentOfClass(shares: .zero, denominator: .zero)
            let (b, a) = (r.before?.beneficialPercent ?? zero, r.after?.beneficialPercent ?? zero)
            return [.text(sc.id), .text(c.persons[r.person].id), .text(c.persons[r.person].name),
                    .count(r.before?.beneficiallyOwned.count ?? 0), .decimal(b.sixDecimals), .text(b.text),
                    .count(r.after?.beneficiallyOwned.count ?? 0), .decimal(a.sixDecimals), .text(a.text),
                    .list(r.crossed.map(\.description)), .list(r.fellUnder.map(\.description)),
                    .list(r.blockers.map { "\($0.right.id): \(grouped($0.counted.count)) of \(grouped($0.full.count))" }),
                    .list(r.obligations.map { o in
                        let filing = o.filing.map { "\($0.title) due \(o.due.map(\.description) ?? "")" } ?? "no filing"
                        return "\(filing): \(o.trigger) on \(o.triggerDate) (\(o.rule))"
                    })]
        }
        var footer = ["Figures beneficially owned on \(asOf) without and with the events of \(events) (disclaimed shares counted, Rule 13d-4); filings triggered from \(from) to \(asOf) that the case without them does not trigger, with due dates in the SEC's business days. The case's files are not changed."]
        if rows.isEmpty { footer.insert("The events change no figure of this class.", at: 0) }
        return Section(heading: ["\(sc.issuer): \(sc.title) (class \(sc.id))", "What if: \(events), as of \(asOf)"],
                       metadata: [("class", .text(sc.id)), ("from", .text(from.description)), ("as_of", .text(asOf.description))],
                       rows: cells, footer: footer)
    }
}
