/// Where each class's holdings, grants and convertibles are in a case, so
/// that a book of many classes is scanned once rather than once per class.
public struct ClassIndex: Sendable {
    /// Indices grouped by class, each group in file order: one array for
    /// every class rather than an array per class.
    public struct Groups: Sendable {
        let start: [Int]
        /// Nil when every group is a run of consecutive indices, in key order.
        let items: [Int32]?

        /// The indices of class `k`, in file order.
        public subscript(k: Int) -> Members { Members(range: start[k]..<start[k + 1], items: items) }
    }

    /// The indices of one class: a part of `Groups.items`, or the range itself.
    public struct Members: RandomAccessCollection, Sendable {
        let range: Range<Int>
        let items: [Int32]?
        public var startIndex: Int { range.lowerBound }
        public var endIndex: Int { range.upperBound }
        @inline(__always)
        public subscript(i: Int) -> Int32 { items?[i] ?? Int32(truncatingIfNeeded: i) }
    }

    public let holdings: Groups
    public let grants: Groups
    public let convertibles: Groups
    /// A bit per person: `control_intent`. A class's rights ask it of their
    /// holders, spread over every person of the book; these bits stay in
    /// the cache, where the persons do not.
    let intent: [UInt64]

    /// Whether person `p` has control intent.
    @inline(__always)
    public func hasIntent(_ p: Int) -> Bool { intent[p >> 6] & (1 << UInt64(p & 63)) != 0 }

    public init(_ c: Case) {
        let n = c.classes.count
        let h = c.holdings
        // A file that lists its lots class by class needs no list of them.
        holdings = h.classRanges(classes: n).map { Groups(start: $0, items: nil) }
            ?? ClassIndex.group(count: h.count, classes: n) { h.classIndex($0) }
        grants = ClassIndex.group(count: c.grants.count, classes: n) { c.grants.classIndex($0) }
        convertibles = ClassIndex.group(count: c.convertibles.count, classes: n) { c.convertibles[$0].classIndex }
        var intent = [UInt64](repeating: 0, count: (c.persons.count + 63) / 64)
        for p in c.persons.indices where c.persons[p].controlIntent { intent[p >> 6] |= 1 << UInt64(p & 63) }
        self.intent = intent
    }

    static func group(count: Int, classes: Int, _ key: (Int) -> Int) -> Groups {
        let g = grouped(count: count, keys: classes, by: key)
        return Groups(start: g.start, items: g.items)
    }
}

/// The indices `0..<count` grouped by a key in `0..<keys`, each group in
/// increasing order (a counting sort): the group of key k is
/// `items[start[k]..<start[k + 1]]`.
@inlinable public func grouped(count: Int, keys: Int, by key: (Int) -> Int) -> (start: [Int], items: [Int32]) {
    precondition(count <= Int(Int32.max), "more than 2^31 items to group")
    // end[k] is where group k ends; the items are placed from the last,
    // each group filled from its end, so that end[k] is where it starts
    // after: no second array of positions.
    var end = [Int](repeating: 0, count: keys + 1)
    for i in 0..<count { end[key(i)] += 1 }
    var total = 0
    for k in 0..<keys {
        total += end[k]
        end[k] = total
    }
    end[keys] = count
    let items = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
        for i in stride(from: count - 1, through: 0, by: -1) {
            let k = key(i)
            end[k] -= 1
            buffer[end[k]] = Int32(truncatingIfNeeded: i)
        }
        initialized = count
    }
    return (end, items)
}

/// `items` grouped by a key in `0..<keys`, each group in the items' order (a
/// counting sort): the group of key k is `items[start[k]..<start[k + 1]]`.
@inlinable public func grouped<T>(_ items: [T], keys: Int, by key: (T) -> Int) -> (start: [Int], items: [T]) {
    let g = grouped(count: items.count, keys: keys) { key(items[$0]) }
    return (g.start, g.items.map { items[Int($0)] })
}
