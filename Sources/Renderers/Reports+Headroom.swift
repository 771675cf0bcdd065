import Attribution
import CapTableCore

extension Reports {
    public static let headroomColumns = [
        Column("class", "Class", forPeople: false), Column("person", "Person"), Column("name", "Name"),
        Column("line", "Line"), Column("percent_now", "Now"), Column("headroom", "Headroom (shares)"),
        Column("binding", "Binds first"), Column("binding_percent", "Its percent at the limit"),
    ]

    /// One class's headroom: a row for each person and each line it is not over.
    public static func headroomSection(_ c: Case, _ k: Int, asOf: CalendarDate, by how: Acquisition,
                                       _ rows: [HeadroomRow], blockers: [BlockerRoom]) -> Section {
        let sc = c.classes[k]
        let cells: [[Cell]] = rows.map { r in
            [.text(sc.id), .text(c.persons[r.person].id), .text(c.persons[r.person].name), .text(r.line.description),
             .text(r.now.text), .count(r.shares.count),
             .text(r.binding.map { c.persons[$0].id } ?? "none"),
             .text(r.bindingPercent.map { $0.sixDecimals + "%" } ?? "")]
        }
        var footer = [how == .purchase
            ? "By purchase: shares already outstanding, bought from persons outside the case, so every denominator stays. A purchase can take at most the shares outstanding that nobody in the case holds; \"none\" binds when even those cross no line."
            : "By issue: newly issued shares, so every denominator grows by them, up to the 10^15 limit of a class.",
            "Headroom: the most shares the person can acquire (held with sole voting and dispositive power) with nobody crossing the line who is not over it now: the person, each person its shares are attributed to, and each group any of them is in, each against its own denominator (Rule 13d-3(d)(1)(i)), disclaimed shares counted (Rule 13d-4). One share more makes the person in \"Binds first\" cross."]
        let blockerLines = blockers.map { b in
            "Blocker: \(b.right.id) of \(c.persons[b.holder].id), capped at \(CaseWriter.exact(b.right.cap!.value))%: \(grouped(b.acquirable.count)) of its \(grouped(b.full.count)) shares acquirable under the blocker now."
        }
        footer += blockerLines
        return Section(heading: ["\(sc.issuer): \(sc.title) (class \(sc.id))", "Headroom as of \(asOf), by \(how.rawValue)"],
                       metadata: [("class", .text(sc.id)), ("as_of", .text(asOf.description)), ("by", .text(how.rawValue)),
                                  ("blockers", .list(blockerLines))],
                       rows: cells, footer: footer)
    }
}
