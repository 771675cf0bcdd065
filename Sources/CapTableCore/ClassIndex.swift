/// Where each class's holdings, grants and convertibles are in a case, so
/// that a book of many classes is scanned once rather than once per class.
public struct ClassIndex: Sendable {
    public private(set) var holdings: [[Int32]]
    public private(set) var grants: [[Int32]]
    public private(set) var convertibles: [[Int32]]

    public init(_ c: Case) {
        let n = c.classes.count
        holdings = [[Int32]](repeating: [], count: n)
        grants = holdings
        convertibles = holdings
        for (i, k) in c.holdings.classes.enumerated() { holdings[Int(k)].append(Int32(i)) }
        for i in c.grants.indices { grants[c.grants.classIndex(i)].append(Int32(i)) }
        for (i, v) in c.convertibles.enumerated() { convertibles[v.classIndex].append(Int32(i)) }
    }
}

/// `items` grouped by a key in `0..<keys`, each group in the items' order (a
/// counting sort): the group of key k is `items[start[k]..<start[k + 1]]`.
@inlinable public func grouped<T>(_ items: [T], keys: Int, by key: (T) -> Int) -> (start: [Int], items: [T]) {
    var start = [Int](repeating: 0, count: keys + 1)
    for item in items { start[key(item) + 1] += 1 }
    for k in 0..<keys { start[k + 1] += start[k] }
    var fill = start
    let sorted = [T](unsafeUninitializedCapacity: items.count) { buffer, count in
        for item in items {
            let k = key(item)
            (buffer.baseAddress! + fill[k]).initialize(to: item)
            fill[k] += 1
        }
        count = items.count
    }
    return (start, sorted)
}
