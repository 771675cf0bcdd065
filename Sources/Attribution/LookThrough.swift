import CapTableCore
import CSVReading
import Foundation
import RawMemory

/// The control relations that attribute ownership, with an order to walk them.
/// The relations that attribute ownership (the rule of three's cuts left
/// out), by controller: one array of relation numbers for every controller
/// rather than an array of relations each.
public struct Controls: Sendable {
    private let relations: [ControlRelation]
    private let start: [Int32]
    private let items: [Int32]

    /// `kept` (numbers of `relations`) by controller, among `persons` persons.
    init(_ relations: [ControlRelation], kept: [Int32], persons: Int) {
        let g = grouped(count: kept.count, keys: persons) { relations[Int(kept[$0])].controller }
        self.relations = relations
        start = g.start.map { Int32(truncatingIfNeeded: $0) }
        items = g.items.map { kept[Int($0)] }
    }

    /// The persons.
    public var indices: Range<Int> { 0..<start.count - 1 }

    /// The relations of controller `p`, in file order.
    public subscript(p: Int) -> [ControlRelation] {
        items[Int(start[p])..<Int(start[p + 1])].map { relations[Int($0)] }
    }

    /// Whether `p` controls anyone.
    func isController(_ p: Int) -> Bool { start[p] != start[p + 1] }

    /// Where the numbers of controller `p`'s relations are (`number(at:)`):
    /// its relations read in place, not copied out, nor through a slice,
    /// which would retain the array for every person of a loop over them.
    @inline(__always) func numberRange(of p: Int) -> Range<Int> { Int(start[p])..<Int(start[p + 1]) }
    @inline(__always) func number(at i: Int) -> Int { Int(items[i]) }
}

extension Case {
    /// For each relation of relations.csv, whether the rule of three cuts
    /// it: its controlled entity decides by a majority (`majority_rule`) of
    /// three or more controllers, so that none of them is attributed the
    /// entity's securities through that control (the staff's position; see
    /// docs/rules.md).
    public var cutByRuleOfThree: [Bool] {
        var controllerCount = [Int32](repeating: 0, count: persons.count)
        for r in relations { controllerCount[r.controlled] += 1 }
        return relations.map { controllerCount[$0.controlled] >= 3 && persons[$0.controlled].majorityRule }
    }
}

struct ControlGraph: Sendable {
    /// Relations by controller, without those cut by the rule of three.
    var controls: Controls
    /// The relations kept, by the person controlled: those of person p are
    /// `edges[edgeStart[p]..<edgeStart[p + 1]]`, 8 bytes each, so that a walk
    /// up from a class's holders reads two small arrays rather than a
    /// relation of 72 bytes behind an array per person.
    var edgeStart: [Int32]
    var edges: [Edge]
    /// Each person's place in an order that puts every controller before the
    /// persons it controls.
    var rank: [Int32]

    /// A relation as the person controlled sees it.
    struct Edge: Sendable {
        var controller: Int32
        var power: LotPower
        var disclaims: Bool
    }

    /// A byte per person, so that a class's holders are sorted out without
    /// touching the person, its relations or its groups: a book of a million
    /// persons keeps this in cache, and the rest is read only where a bit says.
    var flags: [PersonFlags]

    /// Rule of three: where an entity decides by a majority of three or more
    /// controllers (`majority_rule`), none of them is attributed its
    /// securities through that control.
    init(_ c: Case) {
        let n = c.persons.count
        let relations = c.relations
        // Fields read in place: a relation or a person is not copied, with
        // its strings; a person only where a count says it must be.
        let cut = c.cutByRuleOfThree
        let kept = relations.indices.filter { !cut[$0] }.map { Int32($0) }
        controls = Controls(relations, kept: kept, persons: n)
        let byControlled = grouped(count: kept.count, keys: n) { relations[Int(kept[$0])].controlled }
        edgeStart = byControlled.start.map { Int32($0) }
        edges = byControlled.items.map {
            let r = relations[Int(kept[Int($0)])]
            return Edge(controller: Int32(r.controller), power: LotPower(voting: r.voting, dispositive: r.dispositive), disclaims: r.disclaims)
        }
        // A person's controllers kept, by the relations grouped by the person controlled.
        var inDegree = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for p in 0..<n { buffer[p] = Int32(truncatingIfNeeded: byControlled.start[p + 1] - byControlled.start[p]) }
            initialized = n
        }
        var flags = [PersonFlags](repeating: [], count: n)
        for p in 0..<n {
            var f: PersonFlags = c.persons[p].kind == .group ? .group : []
            if controls.isController(p) { f.insert(.controls) }
            if inDegree[p] > 0 { f.insert(.controlled) }
            flags[p] = f
        }
        for m in c.memberships { flags[m.member].insert(.member) }
        self.flags = flags
        // Kahn's algorithm; the loader has rejected cycles.
        var rank = [Int32](repeating: 0, count: n)
        var next: Int32 = 0
        var ready = (0..<n).filter { inDegree[$0] == 0 }.reversed() as [Int]
        while let p = ready.popLast() {
            rank[p] = next
            next += 1
            for i in controls.numberRange(of: p) {
                let controlled = relations[controls.number(at: i)].controlled
                inDegree[controlled] -= 1
                if inDegree[controlled] == 0 { ready.append(controlled) }
            }
        }
        self.rank = rank
    }

    /// Where the relations by which `p` is controlled are in `edges`: a
    /// range rather than a slice, which would
    /// retain the array shared by every thread, for every person walked.
    func edgeRange(of p: Int) -> Range<Int> { Int(edgeStart[p])..<Int(edgeStart[p + 1]) }

    /// The persons above `persons` (marked), and `persons` themselves, in
    /// rank order: controllers before the persons they control.
    @inline(__always)
    func upward(from persons: [Int], marks: Marks) -> [Int] {
        // Breadth first, each person's place in the graph asked for when it
        // is found and read only after the persons found before it: in a
        // large book these are far apart in memory, and their fetches then
        // overlap instead of each waiting for the last.
        var all = persons
        edgeStart.withUnsafeBufferPointer { starts in
            edges.withUnsafeBufferPointer { edges in
                rank.withUnsafeBufferPointer { rank in
                    for p in persons { prefetch(starts.baseAddress! + p); prefetch(rank.baseAddress! + p) }
                    var next = 0
                    while next < all.count {
                        let p = all[next]
                        next += 1
                        for k in Int(starts[p])..<Int(starts[p + 1]) where marks.insert(Int(edges[k].controller)) {
                            let c = Int(edges[k].controller)
                            prefetch(starts.baseAddress! + c)
                            prefetch(rank.baseAddress! + c)
                            all.append(c)
                        }
                        // The edges of a person some places on, whose start has come in by now.
                        if next + 4 < all.count { prefetch(edges.baseAddress! + Int(starts[all[next + 4]])) }
                    }
                }
            }
        }
        // By rank, as one integer key each: rank in the high half, person in the low.
        var keys = all.map { UInt64(UInt32(rank[$0])) << 32 | UInt64(UInt32($0)) }
        sortByHighHalf(&keys)  // ranks are unique: the same order as sorting the whole keys
        return keys.map { Int(UInt32(truncatingIfNeeded: $0)) }
    }
}

/// Sorts keys by their high 32 bits, keeping keys with the same high half
/// in the order they were in: a radix sort, a byte at a time, that skips a
/// byte every key shares (a book's persons need 20 bits, not 32). Where the
/// low halves are already increasing within each high half, the order is
/// that of sorting the whole keys.
func sortByHighHalf(_ keys: inout [UInt64]) {
    let n = keys.count
    guard n > 1 else { return }
    // The four bytes' counts in one pass over the keys, rather than a pass for each.
    var counts = [Int](repeating: 0, count: 4 * 256)
    keys.withUnsafeBufferPointer { keys in
        counts.withUnsafeMutableBufferPointer { c in
            for k in keys {
                c[Int(truncatingIfNeeded: k >> 32) & 0xFF] += 1
                c[256 + Int(truncatingIfNeeded: k >> 40) & 0xFF] += 1
                c[512 + Int(truncatingIfNeeded: k >> 48) & 0xFF] += 1
                c[768 + Int(truncatingIfNeeded: k >> 56)] += 1
            }
        }
    }
    var other: [UInt64] = []
    for byte in 0..<4 {
        let shift = UInt64(32 + 8 * byte), base = 256 * byte
        if counts[base + Int(truncatingIfNeeded: keys[0] >> shift) & 0xFF] == n { continue }
        if other.isEmpty { other = [UInt64](repeating: 0, count: n) }
        var total = 0
        for i in base..<base + 256 { (counts[i], total) = (total, total + counts[i]) }
        keys.withUnsafeBufferPointer { from in
            other.withUnsafeMutableBufferPointer { to in
                counts.withUnsafeMutableBufferPointer { c in
                    for k in from {
                        let d = base + Int(truncatingIfNeeded: k >> shift) & 0xFF
                        to[c[d]] = k
                        c[d] += 1
                    }
                }
            }
        }
        swap(&keys, &other)
    }
}

/// Two runs of keys as one increasing run: `sorted`, which is, and `rest`,
/// which is expected to be and is sorted first if it is not.
func merged(_ sorted: [UInt64], _ rest: [UInt64]) -> [UInt64] {
    guard zip(rest, rest.dropFirst()).allSatisfy({ $0 <= $1 }) else { return (sorted + rest).sorted() }
    var out: [UInt64] = []
    out.reserveCapacity(sorted.count + rest.count)
    var i = 0
    for k in rest {
        while i < sorted.count && sorted[i] < k {
            out.append(sorted[i])
            i += 1
        }
        out.append(k)
    }
    out.append(contentsOf: sorted[i...])
    return out
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

    /// Controls or is controlled: in the control graph.
    var inGraph: Bool { !isDisjoint(with: [.controls, .controlled]) }
}

/// Marks for each thread computing a class, made once and reused.
final class MarksPool: Sendable {
    /// The marks no thread is using; a thread takes one out and puts it back.
    private let free = Locked<[Marks]>([])

    func with<R>(_ body: (Marks) -> R) -> R {
        let marks = free.withLock { $0.popLast() } ?? Marks()
        defer { free.withLock { $0.append(marks) } }
        return body(marks)
    }
}

/// One lot as a person has it: the lot and the power.
struct Entry {
    var lot: Int32
    var power: LotPower
}

/// A controller's path to a lot as one integer key: sorting the keys puts
/// each lot's paths together.
enum PathKey {
    /// The lot in the high half; the voting and dispositive powers (two
    /// bits each) and the disclaimed bit in the low byte.
    static func key(lot: Int32, power: LotPower, disclaimed: Bool) -> UInt64 {
        UInt64(UInt32(bitPattern: lot)) << 32 | UInt64(power.voting.rawValue << 3 | power.dispositive.rawValue << 1)
            | (disclaimed ? 1 : 0)
    }

    static func lot(_ key: UInt64) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32)) }

    static func power(_ key: UInt64) -> LotPower {
        LotPower(voting: Power(rawValue: Int(key >> 3 & 3))!, dispositive: Power(rawValue: Int(key >> 1 & 3))!)
    }

    static func isDisclaimed(_ key: UInt64) -> Bool { key & 1 != 0 }
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

    /// The slots by person, as one integer key each: person in the high
    /// half, slot in the low. The holders outside the graph come in person
    /// order already: only the persons in the graph are sorted, and the two
    /// runs merged.
    func byPerson() -> [UInt64] {
        func key(_ s: Int) -> UInt64 { UInt64(UInt32(topDown[s])) << 32 | UInt64(UInt32(s)) }
        var inGraph = (0..<graphCount).map(key)
        sortByHighHalf(&inGraph)  // each person once: the same order as sorting the whole keys
        return merged(inGraph, (graphCount..<topDown.count).map(key))
    }

    /// Calls `body` with a reader of every slot's lists, which reads them
    /// in place: a slice of the lists would retain them, for every row.
    func withLists<R>(_ body: (Lists) -> R) -> R {
        entries.withUnsafeBufferPointer { entries in
            includedRange.withUnsafeBufferPointer { included in
                excludedRange.withUnsafeBufferPointer { excluded in
                    body(Lists(entries: entries, includedRange: included, excludedRange: excluded))
                }
            }
        }
    }

    struct Lists {
        let entries: UnsafeBufferPointer<Entry>
        let includedRange: UnsafeBufferPointer<Range<Int>>
        let excludedRange: UnsafeBufferPointer<Range<Int>>
        func included(_ slot: Int) -> UnsafeBufferPointer<Entry> { UnsafeBufferPointer(rebasing: entries[includedRange[slot]]) }
        func excluded(_ slot: Int) -> UnsafeBufferPointer<Entry> { UnsafeBufferPointer(rebasing: entries[excludedRange[slot]]) }
    }

    /// Slots: the persons in the control graph, in rank order, then the
    /// holders outside it (no controller, nobody controlled) in persons.csv order.
    ///
    /// The lots are given as columns: each one's holder and power, by lot.
    init(graph: ControlGraph, holders lotHolders: [Int32], powers: [LotPower], marks: Marks) {
        // The lots by holder, as one integer key each (holder high, lot low):
        // a sort instead of a lookup per lot in a table of every person.
        var keys = lotHolders.indices.map { UInt64(UInt32(bitPattern: lotHolders[$0])) << 32 | UInt64(UInt32($0)) }
        sortByHighHalf(&keys)  // lots in order within a holder: the same order as sorting the whole keys
        var holders: [Int] = [], holderStart: [Int] = []
        var last = -1
        for (i, key) in keys.enumerated() where Int(key >> 32) != last {
            last = Int(key >> 32)
            holders.append(last)
            holderStart.append(i)
        }
        holderStart.append(keys.count)
        marks.clear()
        var inGraph: [Int] = []
        // Which holders are in the graph, by their place in `holders`: the
        // others are then never looked for in the marks.
        var holderInGraph = [Bool](repeating: false, count: holders.count)
        graph.flags.withUnsafeBufferPointer { flags in
            for (i, h) in holders.enumerated() {
                // A byte of a table of every person: asked for some holders ahead.
                if i + 16 < holders.count { prefetch(flags.baseAddress! + holders[i + 16]) }
                if flags[h].inGraph {
                    holderInGraph[i] = true
                    if marks.insert(h) { inGraph.append(h) }
                }
            }
        }
        let ordered = inGraph.isEmpty ? [] : graph.upward(from: inGraph, marks: marks)
        graphCount = ordered.count
        var topDown = ordered
        topDown.reserveCapacity(ordered.count + holders.count)
        for (i, p) in ordered.enumerated() { marks[p] = i }
        // Each slot's own lots, in lot order. The marks hold the persons in
        // the graph, and no one else.
        var ownRange = [Range<Int>](repeating: 0..<0, count: ordered.count)
        for (i, h) in holders.enumerated() {
            if holderInGraph[i], let s = marks[h] {
                ownRange[s] = holderStart[i]..<holderStart[i + 1]
            } else {
                topDown.append(h)
                ownRange.append(holderStart[i]..<holderStart[i + 1])
            }
        }
        self.topDown = topDown
        let n = topDown.count
        // Each controller's relations to the persons reached, found from
        // below: a controller of many is never scanned for the few it has here.
        var found: [(above: Int, below: Int, edge: ControlGraph.Edge)] = []
        for s in ordered.indices {
            for k in graph.edgeRange(of: ordered[s]) {
                let e = graph.edges[k]
                found.append((marks[Int(e.controller)]!, s, e))
            }
        }
        let byController = grouped(found, keys: ordered.count) { $0.above }
        // Everything each person reaches, disclaimers ignored, bottom-up.
        // The lists are built in local arrays and the inputs read through
        // pointers: a slice or a lazy view of an array retains it, and
        // this runs for every person a class reaches.
        var reachRange = [Range<Int>](repeating: 0..<0, count: n)
        var includedRange = reachRange, excludedRange = reachRange
        var entries: [Entry] = []
        entries.reserveCapacity(lotHolders.count)
        // Every path by which a controller reaches a lot, as one integer
        // key each (the lot, then the power, then whether the path is
        // disclaimed), in room kept from one controller to the next: sorting
        // integers puts a lot's paths together with no comparison closure,
        // and nothing is retained or released for each.
        var gathered = RawBuffer<UInt64>()
        defer { gathered.deallocate() }
        var disclaimed: [Entry] = []
        let graphCount = graphCount
        keys.withUnsafeBufferPointer { keys in
          powers.withUnsafeBufferPointer { powers in
            ownRange.withUnsafeBufferPointer { ownRange in
              byController.items.withUnsafeBufferPointer { items in
                byController.start.withUnsafeBufferPointer { starts in
        for s in stride(from: n - 1, through: 0, by: -1) {
            let relations = s >= graphCount ? 0..<0 : starts[s]..<starts[s + 1]
            if relations.isEmpty {
                // Nobody below: its own lots, each once (a lot has one holder).
                let start = entries.count
                for j in ownRange[s] {
                    let lot = Int32(truncatingIfNeeded: keys[j])
                    entries.append(Entry(lot: lot, power: powers[Int(lot)]))
                }
                reachRange[s] = start..<entries.count
                includedRange[s] = reachRange[s]
                excludedRange[s] = entries.count..<entries.count
                continue
            }
            gathered.removeAll()
            for j in ownRange[s] {
                let lot = Int32(truncatingIfNeeded: keys[j])
                gathered.append(PathKey.key(lot: lot, power: powers[Int(lot)], disclaimed: false))
            }
            var throughDisclaimed = false
            for r in relations {
                let (_, below, edge) = items[r]
                if edge.disclaims && !reachRange[below].isEmpty { throughDisclaimed = true }
                for k in reachRange[below] {
                    let e = entries[k]
                    gathered.append(PathKey.key(lot: e.lot, power: e.power.through(edge.power), disclaimed: edge.disclaims))
                }
            }
            var paths = UnsafeMutableBufferPointer(start: gathered.base, count: gathered.count)
            paths.sort()
            // Everything it reaches, each lot once with the strongest power of any path.
            let start = entries.count
            var i = 0
            while i < paths.count {
                let lot = PathKey.lot(paths[i])
                var any = PathKey.power(paths[i])
                i += 1
                while i < paths.count && PathKey.lot(paths[i]) == lot {
                    any = PathKey.power(paths[i]).strongest(any)
                    i += 1
                }
                entries.append(Entry(lot: lot, power: any))
            }
            reachRange[s] = start..<entries.count
            // What it reaches is what it includes only where no path it disclaims reaches anything.
            if !throughDisclaimed {
                includedRange[s] = reachRange[s]
                excludedRange[s] = entries.count..<entries.count
                continue
            }
            // A lot a kept path reaches is included, with the strongest
            // power of the kept paths: a disclaimed relation adds nothing
            // to the person's four powers. One reached by disclaimed paths
            // alone is excluded.
            disclaimed.removeAll(keepingCapacity: true)
            let k = entries.count
            i = 0
            while i < paths.count {
                let lot = PathKey.lot(paths[i])
                var keep: LotPower?, drop: LotPower?
                while i < paths.count && PathKey.lot(paths[i]) == lot {
                    let power = PathKey.power(paths[i])
                    if PathKey.isDisclaimed(paths[i]) { drop = power.strongest(drop) } else { keep = power.strongest(keep) }
                    i += 1
                }
                if let keep { entries.append(Entry(lot: lot, power: keep)) } else { disclaimed.append(Entry(lot: lot, power: drop!)) }
            }
            includedRange[s] = k..<entries.count
            entries.append(contentsOf: disclaimed)
            excludedRange[s] = includedRange[s].upperBound..<entries.count
        }
                }
              }
            }
          }
        }
        self.entries = entries
        self.includedRange = includedRange
        self.excludedRange = excludedRange
    }
}
