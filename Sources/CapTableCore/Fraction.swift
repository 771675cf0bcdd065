import CSVReading
import RawMemory

/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Prices such as `1 5/16`, percentages such as `9.99` and every ratio the
/// calculator tests are fractions; nothing on the way from input to a
/// reported figure is floating point. Components are 128-bit, and the
/// inputs are bounded (shares and dollars at 10^15, six decimals), so the
/// products the calculator forms stay far inside that range.
public struct Fraction: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    public init(_ numerator: Int128, _ denominator: Int128 = 1) {
        precondition(denominator != 0, "zero denominator")
        let sign: Int128 = denominator < 0 ? -1 : 1
        let g = Fraction.gcd(numerator.magnitude, denominator.magnitude)
        let divisor = g == 0 ? 1 : Int128(g)
        self.numerator = Fraction.quotient(sign * numerator, divisor)
        self.denominator = Fraction.quotient(sign * denominator, divisor)
    }

    /// a / b, truncated, in 64 bits where both fit, as most terms do: a
    /// 128-bit division is a library call, several times slower.
    @inline(__always)
    static func quotient(_ a: Int128, _ b: Int128) -> Int128 {
        if let x = Int64(exactly: a), let y = Int64(exactly: b), y != -1 { return Int128(x / y) }
        return a / b
    }

    public init(_ value: Int) { self.init(Int128(value)) }

    /// A fraction already in lowest terms with a positive denominator, as one taken apart was.
    init(lowestTerms numerator: Int128, _ denominator: Int128) {
        (self.numerator, self.denominator) = (numerator, denominator)
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        // Most figures fit in 64 bits, where division is a machine instruction.
        if a <= UInt128(UInt64.max) && b <= UInt128(UInt64.max) { return UInt128(gcd(UInt64(a), UInt64(b))) }
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    public static let zero = Fraction(0)
    public static let one = Fraction(1)

    public static func + (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func - (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func * (a: Fraction, b: Fraction) -> Fraction {
        let g1 = Int128(max(1, gcd(a.numerator.magnitude, b.denominator.magnitude)))
        let g2 = Int128(max(1, gcd(b.numerator.magnitude, a.denominator.magnitude)))
        // Each term in lowest terms and cross-reduced: the product is in
        // lowest terms, over a positive denominator, with nothing to divide out.
        return Fraction(lowestTerms: quotient(a.numerator, g1) * quotient(b.numerator, g2),
                        quotient(a.denominator, g2) * quotient(b.denominator, g1))
    }
    public static func / (a: Fraction, b: Fraction) -> Fraction {
        a * Fraction(b.denominator, b.numerator)
    }
    public static func < (a: Fraction, b: Fraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    // MARK: Checked arithmetic: nil where a term would pass 128 bits.

    /// a + b, over the least common denominator; nil on overflow.
    public func adding(_ b: Fraction) -> Fraction? {
        let g = Int128(Fraction.gcd(denominator.magnitude, b.denominator.magnitude))
        let (l, o1) = (denominator / g).multipliedReportingOverflow(by: b.denominator)
        let (x, o2) = numerator.multipliedReportingOverflow(by: b.denominator / g)
        let (y, o3) = b.numerator.multipliedReportingOverflow(by: denominator / g)
        let (n, o4) = x.addingReportingOverflow(y)
        guard !o1, !o2, !o3, !o4 else { return nil }
        return Fraction(n, l)
    }

    /// a − b; nil on overflow.
    public func subtracting(_ b: Fraction) -> Fraction? {
        guard b.numerator != .min else { return nil }
        return adding(Fraction(lowestTerms: -b.numerator, b.denominator))
    }

    /// a × b, cross-reduced first; nil on overflow.
    public func multiplied(by b: Fraction) -> Fraction? {
        let g1 = Int128(max(1, Fraction.gcd(numerator.magnitude, b.denominator.magnitude)))
        let g2 = Int128(max(1, Fraction.gcd(b.numerator.magnitude, denominator.magnitude)))
        let (n, o1) = (numerator / g1).multipliedReportingOverflow(by: b.numerator / g2)
        let (d, o2) = (denominator / g2).multipliedReportingOverflow(by: b.denominator / g1)
        guard !o1, !o2 else { return nil }
        return Fraction(lowestTerms: n, d)
    }

    /// a ÷ b; nil on overflow or for b = 0.
    public func divided(by b: Fraction) -> Fraction? {
        guard b.numerator != 0, b.numerator != .min else { return nil }
        return multiplied(by: Fraction(b.denominator, b.numerator))
    }

    /// The value rounded half up to a whole number of `unit`s (a unit of
    /// 1/10^k), as a fraction of denominator at most `unit`'s; nil on overflow.
    public func rounded(toUnitsOf unit: Int128) -> Fraction? {
        guard let scaled = Fraction.scaledHalfUp(numerator, denominator, unit) else { return nil }
        return Fraction(scaled, unit)
    }

    /// The greatest integer not above the value.
    public var floor: Int128 {
        let q = numerator / denominator
        return (numerator % denominator != 0 && numerator < 0) ? q - 1 : q
    }

    /// The nearest integer, halves rounded up: floor((2p + q) / 2q).
    public var roundedHalfUp: Int128 {
        Fraction(2 * numerator + denominator, 2 * denominator).floor
    }

    public var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    /// The value written as a decimal with exactly `places` digits after the
    /// point, rounded half up. The only place a ratio becomes decimal text.
    /// n·scale/d rounded half up, in one integer division; nil if it would overflow.
    static func scaledHalfUp(_ n: Int128, _ d: Int128, _ scale: Int128) -> Int128? {
        // The same in 64 bits when it fits, as it does for any share count
        // under about 4.6 × 10^9 at six places: a 128-bit division is slow.
        if let n = Int64(exactly: n), let d = Int64(exactly: d), let scale = Int64(exactly: scale), n >= 0, d > 0 {
            let (m, o1) = n.multipliedReportingOverflow(by: 2 &* scale)
            let (top, o2) = m.addingReportingOverflow(d)
            if !o1 && !o2 && scale <= Int64.max / 2 && d <= Int64.max / 2 { return Int128(top / (2 * d)) }
        }
        let (m, o1) = n.multipliedReportingOverflow(by: 2 * scale)
        let (top, o2) = m.addingReportingOverflow(d)
        let (bottom, o3) = d.multipliedReportingOverflow(by: 2)
        guard !o1, !o2, !o3, d > 0 else { return nil }
        let q = top / bottom
        return top % bottom != 0 && top < 0 ? q - 1 : q
    }

    public func decimalText(places: Int) -> String { Fraction.decimalText(numerator, denominator, places: places) }

    /// n/d with `places` decimals, half up, without reducing n/d first; d > 0.
    public static func decimalText(_ n: Int128, _ d: Int128, places: Int) -> String {
        let out = ByteBuffer(capacity: 48)
        appendDecimal(n, d, places: places, to: out)
        return out.string
    }

    /// n/d with `places` decimals, half up, written as bytes; d > 0.
    public static func appendDecimal(_ n: Int128, _ d: Int128, places: Int, to out: ByteBuffer) {
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Fraction.scaledHalfUp(n, d, scale) ?? (Fraction(n, d) * Fraction(scale)).roundedHalfUp
        if scaled < 0 { out.append(0x2D) }
        if let small = UInt64(exactly: scaled.magnitude) {
            out.appendDigits(small, point: places)
        } else {
            out.appendDigits(scaled.magnitude, point: places)
        }
    }
}
