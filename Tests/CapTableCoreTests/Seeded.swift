/// Numbers at random from a seed, the same on every run (a linear
/// congruential generator), for tests over many generated files.
struct Seeded {
    private var state: UInt64

    init(_ seed: UInt64) { state = seed }

    /// A number in 0..<n.
    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }
}
