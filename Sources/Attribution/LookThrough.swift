import CapTableCore
import Foundation

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

    /// The holders and everyone above them, controllers before the persons
    /// they control; `marks` remembers who has been seen.
    func upward(from holders: some Sequence<Int>, marks: Marks) -> [Int] {
        marks.clear()
        var stack: [Int] = []
        for h in holders where marks.insert(h) { stack.append(h) }
        var all = stack
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

/// A set of persons and a number for each, for one class at a time: cleared
/// by moving to a new stamp rather than by writing every entry.
final class Marks {
    private var stamps: [UInt32]
    private var values: [Int32]
    private var stamp: UInt32 = 1

    init(count: Int) {
        stamps = [UInt32](repeating: 0, count: count)
        values = [Int32](repeating: 0, count: count)
    }

    func clear() {
        stamp &+= 1
        if stamp == 0 {
            for i in stamps.indices { stamps[i] = 0 }
            stamp = 1
        }
    }

    /// False when already in the set.
    func insert(_ p: Int) -> Bool {
        if stamps[p] == stamp { return false }
        stamps[p] = stamp
        return true
    }

    func contains(_ p: Int) -> Bool { stamps[p] == stamp }

    subscript(p: Int) -> Int? {
        get { stamps[p] == stamp ? Int(values[p]) : nil }
        set {
            stamps[p] = stamp
            values[p] = Int32(newValue ?? 0)
        }
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
    /// Every slot's lists, one after another: for each, sorted by lot.
    private var entries: [Entry] = []
    /// Per slot: where its included lots are, and its excluded ones.
    private var includedRange: [Range<Int>]
    private var excludedRange: [Range<Int>]

    /// Lots the person in `slot` beneficially owns (after its own disclaimers), with its power, by lot.
    func included(_ slot: Int) -> ArraySlice<Entry> { entries[includedRange[slot]] }
    /// Lots it reaches only through relations it disclaims, by lot.
    func excluded(_ slot: Int) -> ArraySlice<Entry> { entries[excludedRange[slot]] }

    init(graph: ControlGraph, lots: [Lot], marks: Marks) {
        topDown = graph.upward(from: lots.lazy.map(\.holder), marks: marks)
        let n = topDown.count
        for (i, p) in topDown.enumerated() { marks[p] = i }
        // Each slot's own lots, in lot order: a counting sort by slot.
        var ownStart = [Int](repeating: 0, count: n + 1)
        for lot in lots { ownStart[marks[lot.holder]! + 1] += 1 }
        for s in 0..<n { ownStart[s + 1] += ownStart[s] }
        var own = [Entry](repeating: Entry(lot: 0, power: LotPower(voting: .none, dispositive: .none)), count: lots.count)
        var fill = ownStart
        for (i, lot) in lots.enumerated() {
            let s = marks[lot.holder]!
            own[fill[s]] = Entry(lot: Int32(i), power: lot.power)
            fill[s] += 1
        }
        // Everything each person reaches, disclaimers ignored, bottom-up.
        var reachRange = [Range<Int>](repeating: 0..<0, count: n)
        includedRange = reachRange
        excludedRange = reachRange
        entries.reserveCapacity(lots.count)
        var gathered: [(entry: Entry, disclaimed: Bool)] = []
        for s in stride(from: n - 1, through: 0, by: -1) {
            let mine = own[ownStart[s]..<ownStart[s + 1]]
            let controls = graph.controls[topDown[s]]
            let relations = controls.isEmpty ? controls : controls.filter { marks.contains($0.controlled) }
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
