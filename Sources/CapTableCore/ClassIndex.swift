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
        for (i, g) in c.grants.enumerated() { grants[g.classIndex].append(Int32(i)) }
        for (i, v) in c.convertibles.enumerated() { convertibles[v.classIndex].append(Int32(i)) }
    }
}
