import Attribution
import CapTableCore

/// A filed Schedule 13D or 13G against the case's own figures, person by
/// person and row by row: what a filer checks a draft with, and an issuer
/// its holders' filings against its records.
public enum Reconcile {
    public static let columns = [
        Column("person", "Person"), Column("name", "Name"), Column("figure", "Figure"),
        Column("filed", "Filed"), Column("computed", "Computed"), Column("status", "Status"),
    ]

    /// The rows that differ (each figure of each person), with a footer
    /// saying what was compared; `differs` when any figure differs or a
    /// person is in one and not the other.
    public static func section(_ c: Case, _ filed: FiledSchedule, _ o: ClassOwnership, file: String) -> (section: Section, differs: Bool) {
        let computed = CoverPages.reportingRows(c, o)
        var byCIK: [String: Int] = [:]
        for (p, cik) in c.filer?.personCIKs ?? [:] { byCIK[FilerInfo.cik(cik)] = p }
        var matched = Set<Int>()
        var rows: [[Cell]] = []
        var compared = 0
        for f in filed.persons {
            // By CIK where filer.csv gives the person's, else by name.
            let p = f.cik.flatMap { byCIK[FilerInfo.cik($0)] } ?? c.persons.firstIndex { $0.name == f.name }
            guard let p else {
                rows.append([.text(""), .text(f.name), .text("reporting person"), .text("filed"), .text(""), .text("not in the case")])
                continue
            }
            matched.insert(p)
            let row = computed.first { $0.person == p } ?? o.row(of: p)
            let zero = OwnershipRow(person: p, isGroup: false, groups: [], denominator: o.sharesOutstanding)
            let r = row ?? zero
            let places = f.percentText.split(separator: ".").dropFirst().first?.count ?? 0
            let ours = r.percentOfClass.percent.decimalText(places: places)
            let figures: [(String, String, String)] = [
                ("sole voting power", "\(f.soleVoting.count)", "\(r.soleVotingPower.count)"),
                ("shared voting power", "\(f.sharedVoting.count)", "\(r.sharedVotingPower.count)"),
                ("sole dispositive power", "\(f.soleDispositive.count)", "\(r.soleDispositivePower.count)"),
                ("shared dispositive power", "\(f.sharedDispositive.count)", "\(r.sharedDispositivePower.count)"),
                ("aggregate", "\(f.aggregate.count)", "\(r.aggregate.count)"),
                ("excludes certain shares", f.excludesCertainShares ? "Y" : "N", r.excluded.count > 0 ? "Y" : "N"),
                ("percent of class", f.percentText, ours),
            ]
            for (figure, a, b) in figures {
                compared += 1
                if a != b { rows.append([.text(c.persons[p].id), .text(c.persons[p].name), .text(figure), .text(a), .text(b), .text("differs")]) }
            }
        }
        for r in computed where !matched.contains(r.person) {
            rows.append([.text(c.persons[r.person].id), .text(c.persons[r.person].name), .text("reporting person"), .text(""),
                         .text("\(r.aggregate.count)"), .text("not in the filing")])
        }
        let sc = c.classes[o.classIndex]
        let summary = rows.isEmpty
            ? "No difference: \(filed.persons.count) reporting persons, \(compared) figures compared."
            : "\(rows.count) difference\(rows.count == 1 ? "" : "s") in \(compared) figures of \(filed.persons.count) reporting persons."
        return (Section(heading: ["\(file): \(filed.form.title) of \(filed.issuerName), \(filed.classTitle), event of \(filed.eventDate)",
                                  "Against class \(sc.id) of the case as of \(o.asOf)"],
                        metadata: [("class", .text(sc.id)), ("as_of", .text(o.asOf.description)), ("form", .text(filed.form.rawValue))],
                        rows: rows,
                        footer: [summary, "Shares compare exactly; the percent at the filing's decimals, half up. Persons are matched by CIK (filer.csv's person_cik) or by name."]),
                !rows.isEmpty)
    }
}
