import CapTableCore

/// Blockers (`cap_percent`): a capped right may not be exercised or converted
/// beyond the point where the holder, together with its affiliates, would
/// beneficially own more than the cap.
///
/// The affiliates are the holder and every person attributed the holder's
/// shares through control (not through a disclaimed relation, not cut by the
/// rule of three). For each such person P, with B its beneficial ownership and
/// A its acquirable shares, both without capped rights, and O outstanding,
/// its room is floor((cap·(O + A) − B) / (1 − cap)), never below zero; the
/// capped rights P reaches together count no more than that. Limits apply
/// from the top controllers down, a lower one only lowering what is left (each
/// right counts the least share any binding limit gives it);
/// where one binds several rights the room is shared in proportion to their
/// full amounts by the largest-remainder method, ties by instrument id. The
/// lowest cap among the rights a person reaches applies.
enum Blockers {
    static func apply(to lots: inout [Lot], columns: inout LotColumns, reach: LookThrough, outstanding: Shares) {
        // The lots read in place: a lot copied out would retain its right's id.
        let capped = lots.withUnsafeBufferPointer { lots in
            lots.indices.filter {
                guard case .right(let r) = lots[$0].source else { return false }
                return r.cap != nil && lots[$0].fullShares.count > 0
            }
        }
        guard !capped.isEmpty else { return }
        var isCapped = [Bool](repeating: false, count: lots.count)
        for l in capped { isCapped[l] = true }
        let o = outstanding.fraction
        for s in reach.topDown.indices {
            guard reach.included(s).contains(where: { isCapped[Int($0.lot)] }) else { continue }
            let reached = reach.included(s).lazy.map { Int($0.lot) }.filter { isCapped[$0] }.sorted { lots[$0].sortKey < lots[$1].sortKey }
            guard !reached.isEmpty else { continue }
            let cap = reached.map { lots[$0].cap!.ratio }.min()!
            guard cap < .one else { continue }
            var b = Shares.zero, a = Shares.zero
            for e in reach.included(s) where !isCapped[Int(e.lot)] && e.power.isBeneficial {
                let l = Int(e.lot)
                b += Shares(columns.shares[l])
                if columns.isRight[l] { a += Shares(columns.shares[l]) }
            }
            let room = max(0, ((cap * (o + a.fraction) - b.fraction) / (.one - cap)).floor)
            // Tested on full amounts, so that each right ends at the least of
            // the shares every binding limit gives it, in whatever order the
            // limits are met.
            let full = reached.reduce(Int128(0)) { $0 + Int128(lots[$1].fullShares.count) }
            guard full > room else { continue }
            let shares = largestRemainder(Int(room), weights: reached.map { lots[$0].fullShares.count })
            for (l, share) in zip(reached, shares) where share < lots[l].shares.count {
                lots[l].shares = Shares(share)
                lots[l].sharesWithIntent = Shares(share)
                columns.shares[l] = share
            }
        }
    }

    /// Splits `total` in proportion to `weights`, in whole units: each gets the
    /// floor of its quota, and the units left go to the largest remainders,
    /// earlier entries first on a tie (callers order by instrument id).
    static func largestRemainder(_ total: Int, weights: [Int]) -> [Int] {
        let sum = Int128(weights.reduce(0, +))
        guard sum > 0 else { return weights.map { _ in 0 } }
        var shares = weights.map { Int(Int128(total) * Int128($0) / sum) }
        let remainders = weights.map { Int128(total) * Int128($0) % sum }
        var left = total - shares.reduce(0, +)
        for i in remainders.indices.sorted(by: { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }) {
            guard left > 0 else { break }
            shares[i] += 1
            left -= 1
        }
        return shares
    }
}
