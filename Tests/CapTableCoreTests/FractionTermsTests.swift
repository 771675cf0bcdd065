import Testing
@testable import CapTableCore

/// Exact fractions: in lowest terms over a positive denominator, whatever
/// the terms' size, on both sides of 64 bits.
@Suite struct FractionTermsTests {
    /// Greatest common divisor by Euclid's algorithm, written out here as the reference.
    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (a, b) = (a.magnitude, b.magnitude)
        while b != 0 { (a, b) = (b, a % b) }
        return Int128(a)
    }

    static func expectLowest(_ f: Fraction, _ n: Int128, _ d: Int128, sourceLocation: SourceLocation = #_sourceLocation) {
        // The reference: n/d divided by their gcd, the sign on the numerator.
        let g = gcd(n, d), sign: Int128 = d < 0 ? -1 : 1
        #expect(f.numerator == sign * n / g && f.denominator == sign * d / g, "\(n)/\(d)", sourceLocation: sourceLocation)
    }

    @Test func termsAreReducedAsWorkedByHand() {
        #expect(Fraction(6, -4).numerator == -3 && Fraction(6, -4).denominator == 2)
        #expect(Fraction(0, -5).numerator == 0 && Fraction(0, -5).denominator == 1)
        #expect(Fraction(Int128(Int64.min), -1).numerator == -Int128(Int64.min))
        #expect(Fraction(Int128(Int64.min), 2).numerator == Int128(Int64.min) / 2)
        let p = Fraction(2, 3) * Fraction(9, 4)
        #expect(p.numerator == 3 && p.denominator == 2)
        let q = Fraction(-2, 3) * Fraction(3, -4)
        #expect(q.numerator == 1 && q.denominator == 2)
        let z = Fraction(0) * Fraction(7, 9)
        #expect(z.numerator == 0 && z.denominator == 1)
        let r = Fraction(5, 6) / Fraction(-10, 9)
        #expect(r.numerator == -3 && r.denominator == 4)
    }

    /// Random terms, small and past 64 bits: a fraction made, and a product
    /// of two, are the terms divided by their gcd, as the reference divides them.
    @Test func randomTermsAreInLowestTerms() {
        var seed: UInt64 = 11
        func next() -> Int128 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let x = Int128(Int64(bitPattern: seed)) >> Int128(seed % 56)
            switch seed % 5 {
            case 0: return x * 1_000_003            // past 64 bits at times
            case 1: return Int128(seed % 17) - 8     // small, zero and negative
            case 2: return Int128(Int64.min) + Int128(seed % 3)
            default: return x
            }
        }
        for _ in 0..<20_000 {
            let (n1, d1, n2, d2) = (next(), next(), next(), next())
            guard d1 != 0, d2 != 0 else { continue }
            Self.expectLowest(Fraction(n1, d1), n1, d1)
            let a = Fraction(n1, d1), b = Fraction(n2, d2)
            // The product's terms fit when each factor's do in 60 bits.
            guard a.numerator.magnitude < 1 << 60, a.denominator < 1 << 60,
                  b.numerator.magnitude < 1 << 60, b.denominator < 1 << 60 else { continue }
            Self.expectLowest(a * b, a.numerator * b.numerator, a.denominator * b.denominator)
        }
    }
}
