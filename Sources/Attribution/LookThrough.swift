import CapTableCore

/// The control relations that attribute ownership, with an order to walk them.
struct ControlGraph {
    /// Relations by controller, without those cut by the rule of three.
    var controls: [[ControlRelation]]
    /// Every controller before the persons it controls.
    var topDown: [Int]

    /// Rule of three: where an entity decides by a majority of three or more
    /// controllers (`majority_rule`), none of them is attributed its
    /// securities through that control.
    init(_ c: Case) {
        let n = c.persons.count
        var controllerCount = [Int](repeating: 0, count: n)
        for r in c.relations { controllerCount[r.controlled] += 1 }
        controls = [[ControlRelation]](repeating: [], count: n)
        var inDegree = [Int](repeating: 0, count: n)
        for r in c.relations where !(c.persons[r.controlled].majorityRule && controllerCount[r.controlled] >= 3) {
            controls[r.controller].append(r)
            inDegree[r.controlled] += 1
        }
        // Kahn's algorithm; the loader has rejected cycles.
        var order: [Int] = []
        order.reserveCapacity(n)
        var ready = (0..<n).filter { inDegree[$0] == 0 }.reversed() as [Int]
        while let p = ready.popLast() {
            order.append(p)
            for r in controls[p] {
                inDegree[r.controlled] -= 1
                if inDegree[r.controlled] == 0 { ready.append(r.controlled) }
            }
        }
        topDown = order
    }
}

/// General-partner and managing-member look-through (Rule 13d-3(a)): a
/// controller is attributed everything the persons it controls beneficially
/// own, to any depth, each lot once with the strongest power it has over it.
///
/// A disclaimer (Rule 13d-4) is personal: a person's own disclaimed relations
/// move what it reaches only through them to `excluded`; a person above it is
/// attributed by its own relations.
struct LookThrough {
    /// Lots a person beneficially owns (after its own disclaimers), with its power.
    var included: [[Int: LotPower]]
    /// Lots it reaches only through relations it disclaims.
    var excluded: [[Int: LotPower]]

    init(graph: ControlGraph, lots: [Lot], personCount n: Int) {
        var own = [[Int: LotPower]](repeating: [:], count: n)
        for (i, lot) in lots.enumerated() { own[lot.holder][i] = lot.power.strongest(own[lot.holder][i]) }
        // Everything each person reaches, disclaimers ignored, bottom-up.
        var reach = [[Int: LotPower]](repeating: [:], count: n)
        included = reach
        excluded = reach
        for p in graph.topDown.reversed() {
            var all = own[p]
            var kept = own[p]
            var disclaimed: [Int: LotPower] = [:]
            for r in graph.controls[p] {
                for (l, power) in reach[r.controlled] {
                    let mine = power.through(r)
                    all[l] = mine.strongest(all[l])
                    if r.disclaims {
                        disclaimed[l] = mine.strongest(disclaimed[l])
                    } else {
                        kept[l] = mine.strongest(kept[l])
                    }
                }
            }
            reach[p] = all
            included[p] = kept
            excluded[p] = disclaimed.filter { kept[$0.key] == nil }
        }
    }
}
