import CapTableCore
import Foundation

/// The control relations that attribute ownership, with an order to walk them.
struct ControlGraph: Sendable {
    /// Relations by controller, without those cut by the rule of three.
    var controls: [[ControlRelation]]
    /// The controllers of each person, through the relations kept.
    var controllers: [[Int32]]
    /// The relations kept, by the person controlled.
    var above: [[ControlRelation]]
    /// Each person's place in an order that puts every controller before the
    /// persons it controls.
    var rank: [Int32]
    /// A byte per person, so that a class's holders are sorted out without
    /// touching the person, its relations or its groups: a book of a million
    /// persons keeps this in cache, and the rest is read only where a bit says.
    var flags: [PersonFlags]

    /// Rule of three: where an entity decides by a majority of three or more
    /// controllers (`majority_rule`), none of them is attributed its
    /// securities through that control.
    init(_ c: Case) {
        let n = c.persons.count
        var controllerCount = [Int](repeating: 0, count: n)
        for r in c.relations { controllerCount[r.controlled] += 1 }
        controls = [[ControlRelation]](repeating: [], count: n)
        controllers = [[Int32]](repeating: [], count: n)
        above = [[ControlRelation]](repeating: [], count: n)
        var inDegree = [Int](repeating: 0, count: n)
        for r in c.relations where !(c.persons[r.controlled].majorityRule && controllerCount[r.controlled] >= 3) {
            controls[r.controller].append(r)
            controllers[r.controlled].append(Int32(r.controller))
            above[r.controlled].append(r)
            inDegree[r.controlled] += 1
        }
        flags = c.persons.map { $0.kind == .group ? [.group] : [] }
        for p in 0..<n {
            if !controls[p].isEmpty { flags[p].insert(.controls) }
            if !controllers[p].isEmpty { flags[p].insert(.controlled) }
        }
        for m in c.memberships { flags[m.member].insert(.member) }
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

    /// The persons above `persons` (marked), and `persons` themselves, in
    /// rank order: controllers before the persons they control.
    func upward(from persons: [Int], marks: Marks) -> [Int] {
        var stack = persons
        var all = persons
        while let p = stack.popLast() {
            for q in controllers[p] where marks.insert(Int(q)) {
                stack.append(Int(q))
                all.append(Int(q))
            }
        }
        // By rank, as one integer key each: rank in the high half, person in the low.
        var keys = all.map { UInt64(UInt32(rank[$0])) << 32 | UInt64(UInt32($0)) }
        keys.sort()
        return keys.map { Int(UInt32(truncatingIfNeeded: $0)) }
    }
}

/// What a person's byte in `ControlGraph.flags` says.
struct PersonFlags: OptionSet, Sendable {
    let rawValue: UInt8
    static let group = PersonFlags(rawValue: 1)
    /// Controls someone through a relation kept.
    static let controls = PersonFlags(rawValue: 2)
    /// Controlled by someone through a relation kept.
    static let controlled = PersonFlags(rawValue: 4)
    /// A member of a group.
    static let member = PersonFlags(rawValue: 8)
}

/// A set of persons and a number for each, for one class at a time: cleared
/// by moving to a new stamp rather than by writing every entry.
final class Marks {
    /// Per person: the stamp in the high half, the number in the low.
    private var entries: [UInt64]
    private var stamp: UInt64 = 1

    init(count: Int) {
        entries = [UInt64](repeating: 0, count: count)
    }

    func clear() {
        stamp += 1
        if stamp == 1 << 32 {
            for i in entries.indices { entries[i] = 0 }
            stamp = 1
        }
    }

    /// False when already in the set.
    func insert(_ p: Int) -> Bool {
        if entries[p] >> 32 == stamp { return false }
        entries[p] = stamp << 32
        return true
    }

    func contains(_ p: Int) -> Bool { entries[p] >> 32 == stamp }

    subscript(p: Int) -> Int? {
        get { entries[p] >> 32 == stamp ? Int(UInt32(truncatingIfNeeded: entries[p])) : nil }
        set { entries[p] = stamp << 32 | UInt64(UInt32(truncatingIfNeeded: newValue ?? 0)) }
    }
}

/// Marks for each thread computing a class, made once and reused.
final class MarksPool: @unchecked Sendable {
    private let count: Int
    private var free: [Marks] = []
    private let lock = NSLock()

    init(count: Int) { self.count = count }

    func with<R>(_ body: (Marks) -> R) -> R {
        lock.lock()
        let marks = free.popLast() ?? Marks(count: count)
        lock.unlock()
        defer {
            lock.lock()
            free.append(marks)
            lock.unlock()
        }
        return body(marks)
    }
}

/// One lot as a person has it: the lot and the power.
struct Entry {
    var lot: Int32
    var power: LotPower
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
    /// How many of them, from the first, are in the control graph.
    let graphCount: Int
    /// Every slot's lists, one after another: for each, sorted by lot.
    private var entries: [Entry] = []
    /// Per slot: where its included lots are, and its excluded ones.
    private var includedRange: [Range<Int>]
    private var excludedRange: [Range<Int>]

    /// Lots the person in `slot` beneficially owns (after its own disclaimers), with its power, by lot.
    func included(_ slot: Int) -> ArraySlice<Entry> { entries[includedRange[slot]] }
    /// Lots it reaches only through relations it disclaims, by lot.
    func excluded(_ slot: Int) -> ArraySlice<Entry> { entries[excludedRange[slot]] }

    /// Slots: the persons in the control graph, in rank order, then the
    /// holders outside it (no controller, nobody controlled) in persons.csv order.
    init(graph: ControlGraph, lots: [Lot], marks: Marks) {
        // The lots by holder, as one integer key each (holder high, lot low):
        // a sort instead of a lookup per lot in a table of every person.
        var keys = lots.enumerated().map { UInt64(UInt32($0.element.holder)) << 32 | UInt64(UInt32($0.offset)) }
        keys.sort()
        var holders: [Int] = [], holderStart: [Int] = []
        for (i, key) in keys.enumerated() where holders.last != Int(key >> 32) {
            holders.append(Int(key >> 32))
            holderStart.append(i)
        }
        holderStart.append(keys.count)
        marks.clear()
        var inGraph: [Int] = []
        for h in holders where !graph.flags[h].isDisjoint(with: [.controls, .controlled]) && marks.insert(h) { inGraph.append(h) }
        let ordered = inGraph.isEmpty ? [] : graph.upward(from: inGraph, marks: marks)
        graphCount = ordered.count
        var topDown = ordered
        topDown.reserveCapacity(ordered.count + holders.count)
        for (i, p) in ordered.enumerated() { marks[p] = i }
        // Each slot's own lots, in lot order.
        var ownRange = [Range<Int>](repeating: 0..<0, count: ordered.count)
        for (i, h) in holders.enumerated() {
            if !graph.flags[h].isDisjoint(with: [.controls, .controlled]), let s = marks[h] {
                ownRange[s] = holderStart[i]..<holderStart[i + 1]
            } else {
                topDown.append(h)
                ownRange.append(holderStart[i]..<holderStart[i + 1])
            }
        }
        self.topDown = topDown
        let n = topDown.count
        func own(_ s: Int) -> some Collection<Entry> {
            keys[ownRange[s]].lazy.map { key in
                let lot = Int32(truncatingIfNeeded: key)
                return Entry(lot: lot, power: lots[Int(lot)].power)
            }
        }
        // Each controller's relations to the persons reached, found from
        // below: a controller of many is never scanned for the few it has here.
        var edgeStart = [Int](repeating: 0, count: ordered.count + 1)
        for s in ordered.indices { for r in graph.above[ordered[s]] { edgeStart[marks[r.controller]! + 1] += 1 } }
        for s in ordered.indices { edgeStart[s + 1] += edgeStart[s] }
        var edges = [ControlRelation?](repeating: nil, count: edgeStart[ordered.count])
        var fill = edgeStart
        for s in ordered.indices {
            for r in graph.above[ordered[s]] {
                let c = marks[r.controller]!
                edges[fill[c]] = r
                fill[c] += 1
            }
        }
        // Everything each person reaches, disclaimers ignored, bottom-up.
        var reachRange = [Range<Int>](repeating: 0..<0, count: n)
        includedRange = reachRange
        excludedRange = reachRange
        entries.reserveCapacity(lots.count)
        var gathered: [(entry: Entry, disclaimed: Bool)] = []
        for s in stride(from: n - 1, through: 0, by: -1) {
            let mine = own(s)
            let relations = s >= graphCount ? [] : edges[edgeStart[s]..<edgeStart[s + 1]].map { $0! }
            if relations.isEmpty {
                // Nobody below: its own lots, each once (a lot has one holder).
                let start = entries.count
                entries.append(contentsOf: mine)
                reachRange[s] = start..<entries.count
                includedRange[s] = reachRange[s]
                excludedRange[s] = entries.count..<entries.count
                continue
            }
            gathered.removeAll(keepingCapacity: true)
            for e in mine { gathered.append((e, false)) }
            for r in relations {
                for e in entries[reachRange[marks[r.controlled]!]] {
                    gathered.append((Entry(lot: e.lot, power: e.power.through(r)), r.disclaims))
                }
            }
            gathered.sort { $0.entry.lot < $1.entry.lot }
            var all: [Entry] = [], kept: [Entry] = [], disclaimed: [Entry] = []
            var i = 0
            while i < gathered.count {
                let lot = gathered[i].entry.lot
                var any: LotPower?, keep: LotPower?, drop: LotPower?
                while i < gathered.count && gathered[i].entry.lot == lot {
                    let (e, d) = gathered[i]
                    any = e.power.strongest(any)
                    if d { drop = e.power.strongest(drop) } else { keep = e.power.strongest(keep) }
                    i += 1
                }
                all.append(Entry(lot: lot, power: any!))
                if let keep { kept.append(Entry(lot: lot, power: keep)) } else { disclaimed.append(Entry(lot: lot, power: drop!)) }
            }
            let start = entries.count
            entries.append(contentsOf: all)
            reachRange[s] = start..<entries.count
            if disclaimed.isEmpty {
                includedRange[s] = reachRange[s]
                excludedRange[s] = entries.count..<entries.count
            } else {
                let k = entries.count
                entries.append(contentsOf: kept)
                includedRange[s] = k..<entries.count
                entries.append(contentsOf: disclaimed)
                excludedRange[s] = includedRange[s].upperBound..<entries.count
            }
        }
    }
}
