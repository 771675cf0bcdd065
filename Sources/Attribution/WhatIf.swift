import CapTableCore

/// One person's or group's figures before and after hypothetical events.
public struct WhatIfRow: Sendable {
    public var person: Int
    public var before: OwnershipRow?
    public var after: OwnershipRow?
    /// Lines it crosses, and lines it falls back under (beneficial figures, Rule 13d-4).
    public var crossed: [Threshold]
    public var fellUnder: [Threshold]
    /// Blockers that bind after and did not before.
    public var blockers: [BlockedRight]
    /// Filings the events call for that the case without them does not.
    public var obligations: [Obligation]
}

/// What hypothetical events would do to a class: each person's figures
/// before and after on a date, the lines crossed, the blockers that come to
/// bind, and the filings they trigger (the obligations engine run over the
/// case with and without them, from the day before the first of them).
public enum WhatIf {
    public static func compare(_ base: Case, _ hypothetical: Case, classIndex k: Int, from first: CalendarDate,
                               asOf: CalendarDate, lines: [Threshold]) -> [WhatIfRow] {
        let before = BeneficialOwnership.compute(base.replayed(through: asOf), classIndex: k, asOf: asOf)
        let after = BeneficialOwnership.compute(hypothetical.replayed(through: asOf), classIndex: k, asOf: asOf)
        let start = CalendarDate(dayNumber: first.dayNumber - 1)
        func key(_ o: Obligation) -> String { "\(o.person) \(o.triggerDate) \(o.trigger) \(o.filing?.rawValue ?? "")" }
        let had = Set(Obligations.evaluate(base, classIndex: k, from: start, to: asOf, statusDate: asOf, positions: false).obligations.map(key))
        let new = Obligations.evaluate(hypothetical, classIndex: k, from: start, to: asOf, statusDate: asOf, positions: false)
            .obligations.filter { !had.contains(key($0)) }
        var persons = Set(before.rows.map(\.person)).union(after.rows.map(\.person)).union(new.map(\.person))
        persons = persons.filter { p in
            let (b, a) = (before.row(of: p), after.row(of: p))
            return b?.beneficiallyOwned != a?.beneficiallyOwned || b?.beneficialPercent.denominator != a?.beneficialPercent.denominator
                || b?.aggregate != a?.aggregate || new.contains { $0.person == p }
        }
        // Persons in persons.csv order, then groups, as the ownership table has them.
        let order = Dictionary(after.rows.enumerated().map { ($1.person, $0) } + before.rows.enumerated().map { ($1.person, $0 + after.rows.count) },
                               uniquingKeysWith: { a, _ in a })
        return persons.sorted { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }.map { p in
            let (b, a) = (before.row(of: p), after.row(of: p))
            let zero = PercentOfClass(shares: .zero, denominator: after.sharesOutstanding)
            let (pb, pa) = (b?.beneficialPercent ?? zero, a?.beneficialPercent ?? zero)
            let bound = Set(b.map { before.blockedRights(in: $0).map(\.right.id) } ?? [])
            return WhatIfRow(person: p, before: b, after: a,
                             crossed: lines.filter { !$0.isCrossed(by: pb) && $0.isCrossed(by: pa) },
                             fellUnder: lines.filter { $0.isCrossed(by: pb) && !$0.isCrossed(by: pa) },
                             blockers: a.map { after.blockedRights(in: $0).filter { !bound.contains($0.right.id) } } ?? [],
                             obligations: new.filter { $0.person == p })
        }
    }
}
