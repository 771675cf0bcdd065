import CapTableCore

/// The control relations that attribute ownership, with an order to walk them.
struct ControlGraph: Sendable {
    /// Relations by controller, without those cut by the rule of three.
    var controls: [[ControlRelation]]
    /// The controllers of each person, through the relations kept.
    var controllers: [[Int32]]
    /// Each person's place in an order that puts every controller before the
    /// persons it controls.
    var rank: [Int32]

    /// Rule of three: where an entity decides by a majority of three or more
    /// controllers (`majority_rule`), none of them is attributed its
    /// securities through that control.
    init(_ c: Case) {
        let n = c.persons.count
        var controllerCount = [Int](repeating: 0, count: n)
        for r in c.relations { controllerCount[r.controlled] += 1 }
        controls = [[ControlRelation]](repeating: [], count: n)
        controllers = [[Int32]](repeating: [], count: n)
        var inDegree = [Int](repeating: 0, count: n)
        for r in c.relations where !(c.persons[r.controlled].majorityRule && controllerCount[r.controlled] >= 3) {
            controls[r.controller].append(r)
            controllers[r.controlled].append(Int32(r.controller))
            inDegree[r.controlled] += 1
        }
        // Kahn's algorithm; the loader has rejected cycles.
        rank = [Int32](repeating: 0, count: n)
        var next: Int32 = 0
        var ready = (0..<n).filter { inDegree[$0] == 0 }.reversed() as [Int]
        while let p = ready.popLast() {
            rank[p] = next
            next += 1
            for r in controls[p] {
                inDegree[r.controlled] -= 1
                if inDegree[r.controlled] == 0 { ready.append(r.controlled) }
            }
        }
    }

    /// The holders and everyone above them, controllers before the persons they control.
    func upward(from holders: some Sequence<Int>) -> [Int] {
        var seen = Set<Int>()
        var stack: [Int] = []
        for h in holders where seen.insert(h).inserted { stack.append(h) }
        var all = stack
        while let p = stack.popLast() {
            for q in controllers[p] where seen.insert(Int(q)).inserted {
                stack.append(Int(q))
                all.append(Int(q))
            }
        }
        return all.sorted { rank[$0] < rank[$1] }
    }
}

/// General-partner and managing-member look-through (Rule 13d-3(a)): a
/// controller is attributed everything the persons it controls beneficially
/// own, to any depth, each lot once with the strongest power it has over it.
///
/// A disclaimer (Rule 13d-4) is personal: a person's own disclaimed relations
/// move what it reaches only through them to `excluded`; a person above it is
/// attributed by its own relations.
///
/// Only the persons a class's lots reach are visited: the holders and their
/// controllers, each once, bottom-up, so that a controller reuses what the
/// persons below it reach instead of walking every path again.
struct LookThrough {
    /// The persons reached, controllers before the persons they control.
    let topDown: [Int]
    /// Where each reached person is in `topDown`.
    let slot: [Int: Int]
    /// Lots each reached person beneficially owns (after its own disclaimers), with its power.
    var included: [[Int: LotPower]]
    /// Lots it reaches only through relations it disclaims.
    var excluded: [[Int: LotPower]]

    init(graph: ControlGraph, lots: [Lot]) {
        topDown = graph.upward(from: lots.lazy.map(\.holder))
        var slot: [Int: Int] = [:]
        slot.reserveCapacity(topDown.count)
        for (i, p) in topDown.enumerated() { slot[p] = i }
        self.slot = slot
        let n = topDown.count
        var own = [[Int: LotPower]](repeating: [:], count: n)
        for (i, lot) in lots.enumerated() {
            let s = slot[lot.holder]!
            own[s][i] = lot.power.strongest(own[s][i])
        }
        // Everything each person reaches, disclaimers ignored, bottom-up.
        var reach = [[Int: LotPower]](repeating: [:], count: n)
        included = reach
        excluded = reach
        for s in stride(from: n - 1, through: 0, by: -1) {
            var all = own[s]
            var kept = own[s]
            var disclaimed: [Int: LotPower] = [:]
            for r in graph.controls[topDown[s]] {
                guard let child = slot[r.controlled] else { continue }
                for (l, power) in reach[child] {
                    let mine = power.through(r)
                    all[l] = mine.strongest(all[l])
                    if r.disclaims {
                        disclaimed[l] = mine.strongest(disclaimed[l])
                    } else {
                        kept[l] = mine.strongest(kept[l])
                    }
                }
            }
            reach[s] = all
            included[s] = kept
            excluded[s] = disclaimed.filter { kept[$0.key] == nil }
        }
    }
}
