import CapTableCore

/// One part of a row's aggregate, by where it comes from.
public struct OwnershipComponent: Sendable {
    public enum Source: Sendable {
        /// Shares the person holds in its own name.
        case heldDirectly
        /// Shares it can acquire under its own instrument.
        case right(RightToAcquire)
        /// What a person it controls beneficially owns, attributed through this relation.
        case controlled(ControlRelation)
        /// What a member of the group (or of a combined row) beneficially owns.
        case member(Int)
    }

    public var source: Source
    public var shares: Shares
    /// Of `shares`, those acquirable within 60 days.
    public var acquirable: Shares
}

/// A capped right counted below its full amount (a blocker that binds).
public struct BlockedRight: Sendable {
    public var right: RightToAcquire
    public var counted: Shares
    public var full: Shares
}

extension ClassOwnership {
    /// Splits a row's aggregate by source, each share in exactly one part:
    /// held directly, each own instrument, then each controlled person (or,
    /// given `members`, each member) in order; a lot reached several ways is
    /// given to the first. The parts add up to the aggregate.
    public func components(of row: OwnershipRow, members: [Int]? = nil) -> [OwnershipComponent] {
        var parts: [OwnershipComponent] = []
        var order: [(Int, Int)] = []  // held directly, then own rights in lot order, then channels in order
        var index: [String: Int] = [:]
        func add(_ key: String, _ source: OwnershipComponent.Source, _ l: Int, rank: (Int, Int)) {
            let lot = lots[l]
            let i = index[key] ?? {
                parts.append(OwnershipComponent(source: source, shares: .zero, acquirable: .zero))
                order.append(rank)
                return parts.count - 1
            }()
            index[key] = i
            // A person with control intent counts the rights it reaches through control in full.
            let shares = row.lotsInFull.contains(Int32(l)) ? lot.sharesWithIntent : lot.shares
            parts[i].shares += shares
            if lot.isRight { parts[i].acquirable += shares }
        }
        let reached = reachedLots()
        let channels: [(key: String, source: OwnershipComponent.Source, lots: Set<Int>)]
        if let members {
            channels = members.map { m in ("member \(m)", .member(m), Set(self.row(of: m)?.lots.filter { !$0.excluded }.map { $0.lot } ?? [])) }
        } else if row.isGroup || !controls.indices.contains(row.person) {
            channels = []
        } else {
            channels = controls[row.person].filter { !$0.disclaims }.map { r in
                ("controlled \(r.controlled)", .controlled(r), reached[r.controlled] ?? [])
            }
        }
        for a in row.lots where !a.excluded && a.power.isBeneficial {
            let lot = lots[a.lot]
            if members == nil && lot.holder == row.person {
                if case .right(let r) = lot.source { add("right \(r.id)", .right(r), a.lot, rank: (1, a.lot)) }
                else { add("direct", .heldDirectly, a.lot, rank: (0, 0)) }
            } else if let c = channels.firstIndex(where: { $0.lots.contains(a.lot) }) {
                add(channels[c].key, channels[c].source, a.lot, rank: (2, c))
            }
        }
        return parts.indices.sorted { order[$0] < order[$1] }.map { parts[$0] }
    }

    /// What a row leaves out through each disclaimed relation (row 12).
    public func disclaimed(by row: OwnershipRow) -> [(relation: ControlRelation, shares: Shares)] {
        // A group or a combined row has no relations of its own.
        guard !row.isGroup, controls.indices.contains(row.person) else { return [] }
        let reached = reachedLots()
        var out: [(relation: ControlRelation, shares: Shares)] = []
        var counted = Set<Int>()
        for r in controls[row.person] where r.disclaims {
            var shares = Shares.zero
            for a in row.lots where a.excluded && a.power.isBeneficial && !counted.contains(a.lot)
                && (reached[r.controlled]?.contains(a.lot) ?? false) {
                shares += lots[a.lot].shares
                counted.insert(a.lot)
            }
            if shares.count > 0 { out.append((r, shares)) }
        }
        return out
    }

    /// What a row includes through each relation whose disclaimer is a
    /// statement (`disclaims = statement`): the shares stay in the row, and
    /// the disclaimer is printed beside them.
    public func statedDisclaimers(by row: OwnershipRow) -> [(relation: ControlRelation, shares: Shares)] {
        guard !row.isGroup, controls.indices.contains(row.person) else { return [] }
        let stated = controls[row.person].filter(\.statesDisclaimer)
        guard !stated.isEmpty else { return [] }
        let reached = reachedLots()
        var out: [(relation: ControlRelation, shares: Shares)] = []
        var counted = Set<Int>()
        for r in stated {
            var shares = Shares.zero
            for a in row.lots where !a.excluded && a.power.isBeneficial && !counted.contains(a.lot)
                && (reached[r.controlled]?.contains(a.lot) ?? false) {
                shares += lots[a.lot].shares
                counted.insert(a.lot)
            }
            if shares.count > 0 { out.append((r, shares)) }
        }
        return out
    }

    /// The capped rights in a row that count less than their full amount.
    public func blockedRights(in row: OwnershipRow) -> [BlockedRight] {
        row.lots.compactMap { a in
            let lot = lots[a.lot]
            guard !a.excluded, case .right(let r) = lot.source, lot.shares < lot.fullShares else { return nil }
            return BlockedRight(right: r, counted: lot.shares, full: lot.fullShares)
        }
    }

    /// Every lot each person reaches (beneficially or only through a disclaimer).
    func reachedLots() -> [Int: Set<Int>] {
        var out: [Int: Set<Int>] = [:]
        for row in rows where !row.isGroup { out[row.person] = Set(row.lots.map(\.lot)) }
        return out
    }
}
