import CapTableCore

/// How far a person is from a line: the most shares it could acquire with
/// nobody crossing that line, and who would cross at one share more.
public struct HeadroomRow: Sendable {
    public var person: Int
    public var line: Threshold
    /// The person's beneficial percent now (Rule 13d-3, disclaimed shares included).
    public var now: PercentOfClass
    /// The most shares the person can acquire with no person, no group and
    /// no controller crossing `line` that is not over it already.
    public var shares: Shares
    /// The first person (then group) that crosses at `shares` + 1; nil when
    /// even `shares`, the most there is to acquire, crosses nothing.
    public var binding: Int?
    /// `binding`'s beneficial percent after `shares`, still under the line.
    public var bindingPercent: PercentOfClass?
}

/// A capped right's room: the shares still acquirable under its blocker.
public struct BlockerRoom: Sendable {
    public var right: RightToAcquire
    public var holder: Int
    /// The right's shares on the date, before the blocker.
    public var full: Shares
    /// What the blocker lets the holder acquire under it now.
    public var acquirable: Shares
}

/// Headroom (Rule 13d-3 with the same attribution as the ownership table).
///
/// For a person P, a line L it is not over, and an acquisition of x shares
/// (held by P with sole voting and dispositive power; `purchase`: shares
/// outstanding stay; `issue`: they grow by x), the headroom is the largest x
/// at which no person crosses L that was not over it before: P, every person
/// P's shares are attributed to (its controllers, not cut by the rule of
/// three; a disclaimer still counts, Rule 13d-4), every group any of them
/// belongs to (Rule 13d-5(b)(1)), each against its own denominator. Other
/// persons cannot cross: a purchase leaves their figures as they are, an
/// issue only dilutes them.
///
/// Each person's percent grows with x (more shares over the same
/// denominator; for an issue (B + x)/(D + x) with B below D; a blocker only
/// holds a figure level), so "someone crosses" is false up to the headroom
/// and true after it, and the headroom is found by bisection over exact
/// integers, each step the whole class computed again by the ownership
/// table's own code. The acquisition is the ledger's own `purchase` or
/// `issue` event: a purchase can take at most the shares outstanding that
/// nobody in the case holds (it is bought from outside the case); an issue
/// at most what keeps the class under 10^15.
public enum Headroom {
    /// `attributor`: one of a case with `c`'s persons, relations and groups
    /// on the date, whose control graph then serves (a report's, already made).
    public static func rows(_ c: Case, classIndex k: Int, asOf: CalendarDate, person p: Int, by how: Acquisition,
                            lines: [Threshold], attributor: Attributor? = nil) -> [HeadroomRow] {
        let base = c.replayed(through: asOf).restricted(toClass: k)
        let shared = attributor.map { Attributor(base, sharing: $0) } ?? Attributor(base)
        let before = shared.compute(classIndex: k, asOf: asOf)
        guard let own = before.row(of: p), !own.isGroup else { return [] }
        let outstanding = base.sharesOutstanding(classIndex: k)
        let most: Int
        switch how {
        case .purchase: most = base.sharesOutsideHoldings(of: k).count
        case .issue: most = max(0, ValueParser.maximumWholeNumber - outstanding.count)
        }
        var out: [HeadroomRow] = []
        for line in lines where !line.isCrossed(by: own.beneficialPercent) {
            let over = Set(before.rows.filter { line.isCrossed(by: $0.beneficialPercent) }.map(\.person))
            // The rows that cross at x, in table order (persons, then groups); nil when x cannot be acquired.
            func crossing(_ x: Int) -> (rows: [OwnershipRow], after: ClassOwnership)? {
                guard let hypothetical = base.acquiring(Shares(x), of: k, by: p, how, on: asOf) else { return nil }
                let after = Attributor(hypothetical, sharing: shared).compute(classIndex: k, asOf: asOf)
                return (after.rows.filter { !over.contains($0.person) && line.isCrossed(by: $0.beneficialPercent) }, after)
            }
            var row = HeadroomRow(person: p, line: line, now: own.beneficialPercent, shares: Shares(most), binding: nil, bindingPercent: nil)
            guard let atMost = crossing(most), !atMost.rows.isEmpty else {
                out.append(row)
                continue
            }
            // Invariant: nobody crosses at `low`; someone crosses at `high`.
            var low = 0, high = most
            while high - low > 1 {
                let mid = low + (high - low) / 2
                if let r = crossing(mid), r.rows.isEmpty { low = mid } else { high = mid }
            }
            let binding = crossing(high)!.rows[0].person
            row.shares = Shares(low)
            row.binding = binding
            row.bindingPercent = crossing(low)?.after.row(of: binding)?.beneficialPercent
            out.append(row)
        }
        return out
    }

    /// Every capped right of the class (with shares on the date) with the shares still acquirable
    /// under its blocker on the date, as the ownership table counts them.
    public static func blockers(_ o: ClassOwnership) -> [BlockerRoom] {
        o.lots.compactMap { lot in
            guard case .right(let r) = lot.source, r.cap != nil, lot.fullShares.count > 0 else { return nil }
            return BlockerRoom(right: r, holder: lot.holder, full: lot.fullShares, acquirable: lot.shares)
        }
    }
}
