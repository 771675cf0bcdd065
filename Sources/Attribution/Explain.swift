import CSVReading
import CapTableCore

/// Where each figure of one person's ownership row comes from: every lot it
/// counts and the chain of relations by which the lot reaches it, what is
/// left out and why, the denominator's parts, the percent as an exact
/// fraction. Made from the row the ownership table prints, so that its sums
/// are that row's figures.
public struct Explanation: Sendable {
    /// A lot as it counts for the person.
    public struct CountedLot: Sendable {
        public var lot: Int
        public var holder: Int
        /// Shares counted (a blocker's limit, or in full under control intent, applied).
        public var shares: Shares
        /// The power the person has over it: the strongest where several paths meet.
        public var power: LotPower
        /// The relations from the person down to the holder (empty: its own).
        public var path: [ControlRelation]
        /// For a group, the member through which the lot is the group's.
        public var member: Int?
        /// Acquirable within 60 days rather than held.
        public var right: RightToAcquire?
        /// The source of a holding: its file, line and column.
        public var location: SourceLocation?
    }

    /// A right the person reaches that counts for less than its shares.
    public struct RightLeftOut: Sendable {
        public var right: RightToAcquire
        public var holder: Int
        public var shares: Shares
        public var reason: String
    }

    public var person: Int
    public var classIndex: Int
    public var asOf: CalendarDate
    public var row: OwnershipRow
    /// The lots counted in the row's aggregate (row 11).
    public var counted: [CountedLot]
    /// The lots reached only through a relation the person disclaims
    /// (`disclaims = yes`): left out of row 11, counted beneficially (Rule 13d-4).
    public var disclaimed: [CountedLot]
    /// The person's relations the rule of three cuts.
    public var cut: [ControlRelation]
    /// Rights reached that count for less than their shares, with why.
    public var leftOut: [RightLeftOut]
    public var blocked: [BlockedRight]
    /// The blocker's room worked out at this person: with the cap c, B the
    /// shares it counts and A those acquirable, both without capped rights,
    /// and O outstanding, floor((c·(O + A) − B) / (1 − c)) (see Blockers).
    public var blockerRooms: [(right: RightToAcquire, b: Shares, a: Shares, room: Int)]
    public var outstanding: Shares
    /// Where the outstanding figure comes from.
    public var outstandingSource: String
    /// Rights counted in the denominator: those counted in the row, held by
    /// the person or by a person it controls; nobody else's.
    public var denominatorRights: [CountedLot]

    /// Explains `person`'s row of class `k` on `asOf` (nil when it has none).
    /// `attributor`: as for `Headroom.rows`.
    public static func of(_ c: Case, person p: Int, classIndex k: Int, asOf: CalendarDate, attributor: Attributor? = nil) -> Explanation? {
        let replayed = c.replayed(through: asOf).restricted(toClass: k)
        let o = (attributor.map { Attributor(replayed, sharing: $0) } ?? Attributor(replayed)).compute(classIndex: k, asOf: asOf)
        guard let row = o.row(of: p) else { return nil }
        // The shortest chain of relations from p (a group: from each of its
        // members, Rule 13d-5(b)(1)) down to each person it reaches.
        let members = row.isGroup ? replayed.memberships.filter { $0.group == p }.map(\.member) : []
        var path: [Int: [ControlRelation]] = [:], member: [Int: Int] = [:]
        for m in row.isGroup ? members : [p] where path[m] == nil {
            path[m] = []
            if row.isGroup { member[m] = m }
        }
        var queue = row.isGroup ? members : [p]
        while !queue.isEmpty {
            var next: [Int] = []
            for q in queue where o.controls.indices.contains(q) {
                for r in o.controls[q] where path[r.controlled] == nil {
                    path[r.controlled] = path[q]! + [r]
                    member[r.controlled] = member[q]
                    next.append(r.controlled)
                }
            }
            queue = next
        }
        func counted(_ a: AttributedLot) -> CountedLot {
            let lot = o.lots[a.lot]
            var right: RightToAcquire?, location: SourceLocation?
            switch lot.source {
            case .right(let r): right = r
            case .holding(let h): location = replayed.holdings.location(h)
            }
            let shares = row.lotsInFull.contains(Int32(a.lot)) ? lot.sharesWithIntent : lot.shares
            return CountedLot(lot: a.lot, holder: lot.holder, shares: shares, power: a.power, path: path[lot.holder] ?? [],
                              member: member[lot.holder], right: right, location: location)
        }
        let included = row.lots.filter { !$0.excluded && $0.power.isBeneficial }.map(counted)
        let excluded = row.lots.filter { $0.excluded && $0.power.isBeneficial }.map(counted)
        let cutFlags = replayed.cutByRuleOfThree
        let cut = replayed.relations.indices.filter { cutFlags[$0] && replayed.relations[$0].controller == p }.map { replayed.relations[$0] }
        // Rights of the persons p reaches, on the date, and what of each is not counted.
        var leftOut: [RightLeftOut] = []
        for r in replayed.rightsToAcquire(classIndex: k, asOf: asOf) {
            guard let holder = r.holder, path[holder] != nil else { continue }
            if !r.isOutstanding {
                leftOut.append(RightLeftOut(right: r, holder: holder, shares: r.outstandingShares,
                                            reason: "not outstanding on \(asOf): expired, matured, or not yet issued"))
            } else if r.acquirableWithin60Days < r.outstandingShares {
                let later = r.outstandingShares - r.acquirableWithin60Days
                leftOut.append(RightLeftOut(right: r, holder: holder, shares: later,
                                            reason: "not acquirable within 60 days of \(asOf) (by \(AcquisitionWindow.end(asOf: asOf))): unvested or not yet exercisable (Rule 13d-3(d)(1)(i))"))
            }
        }
        let outstanding = o.sharesOutstanding
        let source = replayed.classes[k].reportedOutstanding != nil
            ? (c.events.contains { $0.classIndex == k && $0.date <= asOf } ? "classes.csv's outstanding, as transactions.csv's events through \(asOf) leave it"
                : "classes.csv's outstanding")
            : "the sum of the class's holdings in holdings.csv"
        // The denominator adds the rights the person counts, and no one
        // else's (Rule 13d-3(d)(1)(i)).
        let denominatorRights = included.filter { $0.right != nil }
        let blocked = o.blockedRights(in: row)
        let uncapped = included.filter { $0.right?.cap == nil }
        let b = uncapped.reduce(Shares.zero) { $0 + $1.shares }
        let a = uncapped.filter { $0.right != nil }.reduce(Shares.zero) { $0 + $1.shares }
        let rooms = blocked.map { x -> (right: RightToAcquire, b: Shares, a: Shares, room: Int) in
            let cap = x.right.cap!.ratio
            let room = cap < .one ? max(0, ((cap * (outstanding.fraction + a.fraction) - b.fraction) / (.one - cap)).floor) : 0
            return (x.right, b, a, Int(room))
        }
        return Explanation(person: p, classIndex: k, asOf: asOf, row: row, counted: included, disclaimed: excluded, cut: cut,
                           leftOut: leftOut, blocked: blocked, blockerRooms: rooms, outstanding: outstanding,
                           outstandingSource: source, denominatorRights: denominatorRights)
    }

    /// The sum of the counted lots' shares: row 11.
    public var countedShares: Shares { counted.reduce(Shares.zero) { $0 + $1.shares } }
    /// The sum of the counted lots' shares with a power, by power.
    public func countedShares(_ power: (LotPower) -> Bool) -> Shares {
        counted.reduce(Shares.zero) { power($1.power) ? $0 + $1.shares : $0 }
    }
    /// The denominator: outstanding plus the counted rights in it.
    public var denominator: Shares { denominatorRights.reduce(outstanding) { $0 + $1.shares } }
    /// What the person beneficially owns, disclaimed shares included, and of
    /// the denominator that adds their rights too: the figures of every
    /// threshold (Rule 13d-4).
    public var beneficialShares: Shares { disclaimed.reduce(countedShares) { $0 + $1.shares } }
    public var beneficialDenominator: Shares { disclaimed.filter { $0.right != nil }.reduce(denominator) { $0 + $1.shares } }
}
