import CapTableCore
import CSVReading
import RawMemory

/// A person's shares over its own denominator, kept as an exact ratio.
///
/// The one place a percent of class is rounded: to one decimal, half up, as
/// the Schedule 13D cover instructions ask ("rounded off to the nearest
/// tenth"); thresholds are tested on the exact ratio, never on that text.
public struct PercentOfClass: Sendable, Equatable {
    public var shares: Shares
    public var denominator: Shares

    public init(shares: Shares, denominator: Shares) {
        self.shares = shares
        self.denominator = denominator
    }

    /// shares / denominator (zero when the denominator is zero).
    public var ratio: Fraction {
        denominator.count == 0 ? .zero : Fraction(Int128(shares.count), Int128(denominator.count))
    }

    /// The exact percentage.
    public var percent: Fraction {
        denominator.count == 0 ? .zero : Fraction(Int128(shares.count) * 100, Int128(denominator.count))
    }

    /// The sign of `percent` − `value`, by cross-multiplying rather than
    /// reducing the percent to lowest terms first.
    public func compared(to value: Fraction) -> Int {
        // In 64 bits when the products fit, as they do for counts under
        // about 10^12 against a percent of small terms: 128-bit products are slower.
        if let vn = Int64(exactly: value.numerator), let vd = Int64(exactly: value.denominator),
           shares.count >= 0, denominator.count > 0 {
            let (l1, o1) = Int64(shares.count).multipliedReportingOverflow(by: 100)
            let (left, o2) = l1.multipliedReportingOverflow(by: vd)
            let (right, o3) = vn.multipliedReportingOverflow(by: Int64(denominator.count))
            if !o1 && !o2 && !o3 { return left < right ? -1 : left > right ? 1 : 0 }
        }
        let left = denominator.count == 0 ? 0 : Int128(shares.count) * 100 * value.denominator
        let right = value.numerator * Int128(Swift.max(denominator.count, 1))
        return left < right ? -1 : left > right ? 1 : 0
    }

    /// As a filing prints it: `19.2%`, `less than 0.1%`, `0.0%` for no shares.
    public var text: String {
        let out = ByteBuffer(capacity: 24)
        appendText(to: out)
        return out.string
    }

    static let oneTenth = Fraction(1, 10)

    /// shares × 100 / denominator, half up, as a whole number of millionths
    /// (six decimals) and of tenths (one decimal), both from one division:
    /// in 64 bits, as it fits for any count under about 4 × 10^10; nil
    /// otherwise, or for no denominator.
    ///
    /// With x = shares × 10^8 / denominator exactly, t = ⌊x⌋ and r the
    /// remainder: millionths = ⌊x + ½⌋ = t + (2r ≥ denominator ? 1 : 0), and
    /// tenths = ⌊x / 10^5 + ½⌋ = ⌊(t + 50,000) / 100,000⌋, since
    /// ⌊(x + a) / b⌋ = ⌊(⌊x⌋ + a) / b⌋ for whole a and b > 0. The second is
    /// a division by a constant, which the compiler makes a multiplication.
    @inline(__always)
    func rounded() -> (millionths: UInt64, tenths: UInt64)? {
        let n = shares.count, d = denominator.count
        guard n >= 0, d > 0, n <= 40_000_000_000, d <= 100_000_000_000_000_000 else { return nil }
        let (t, r) = (Int64(n) * 100_000_000).quotientAndRemainder(dividingBy: Int64(d))
        let millionths = UInt64(t) + (2 * r >= Int64(d) ? 1 : 0)
        return (millionths, (UInt64(t) + 50_000) / 100_000)
    }

    /// The most bytes `putText` and `putSixDecimals` write; `putBoth`, twice that and a comma.
    public static let mostBytes = 32

    /// Writes `sixDecimals`, a comma and `text` where both are worked out in
    /// 64 bits, and returns how many bytes the six decimals took; nil where
    /// they need the general arithmetic (what was written is then of no account).
    @inline(__always)
    public func putBoth(_ out: inout ByteBuffer.Cursor) -> Int? {
        guard let r = rounded() else { return nil }
        let start = out.count
        put(millionths: r.millionths, &out)
        let six = out.count - start
        out.put(0x2C)
        put(tenths: r.tenths, &out)
        return six
    }

    /// Writes `text` where it is worked out in 64 bits; false (nothing
    /// written) where it needs the general arithmetic.
    @inline(__always)
    public func putText(_ out: inout ByteBuffer.Cursor) -> Bool {
        // No shares is 0.0% with no denominator too, where `rounded` has none.
        guard let tenths = rounded()?.tenths ?? (shares.count == 0 ? 0 : nil) else { return false }
        put(tenths: tenths, &out)
        return true
    }

    /// Writes `sixDecimals` where it is worked out in 64 bits; false (nothing written) otherwise.
    @inline(__always)
    public func putSixDecimals(_ out: inout ByteBuffer.Cursor) -> Bool {
        guard let r = rounded() else { return false }
        put(millionths: r.millionths, &out)
        return true
    }

    @inline(__always)
    private func put(millionths: UInt64, _ out: inout ByteBuffer.Cursor) {
        out.putDigits(millionths / 1_000_000)
        out.put(0x2E)
        out.putDigits(millionths % 1_000_000, width: 6)
    }

    /// `text` from the tenths, rounded: `0.0%` for no shares, and under a
    /// tenth exactly (not as rounded), shares × 1000 < denominator, `less than 0.1%`.
    @inline(__always)
    private func put(tenths: UInt64, _ out: inout ByteBuffer.Cursor) {
        if shares.count == 0 { out.put("0.0%"); return }
        if shares.count * 1000 < denominator.count { out.put("less than 0.1%"); return }
        out.putDigits(tenths / 10)
        out.put(0x2E)
        out.put(UInt8(truncatingIfNeeded: tenths % 10) &+ 0x30)
        out.put(0x25)
    }

    /// As a filing prints it with `places` decimals (1 or 2), half up:
    /// `19.16%`, `less than 0.01%`, `0.00%` for no shares. One decimal is `text`.
    public func text(places: Int) -> String {
        guard places != 1 else { return text }
        let zero = "0." + String(repeating: "0", count: places)
        if shares.count == 0 || denominator.count == 0 { return zero + "%" }
        var unit: Int128 = 1
        for _ in 0..<places { unit *= 10 }
        // Under one unit of the last decimal exactly (not as rounded).
        if Int128(shares.count) * 100 * unit < Int128(denominator.count) { return "less than 0." + String(repeating: "0", count: places - 1) + "1%" }
        return percent.decimalText(places: places) + "%"
    }

    /// `text`, written as bytes.
    public func appendText(to out: ByteBuffer) {
        var done = false
        out.write(upTo: PercentOfClass.mostBytes) { done = putText(&$0) }
        if done { return }
        if compared(to: PercentOfClass.oneTenth) < 0 { out.append("less than 0.1%"); return }
        appendDecimal(places: 1, to: out)
        out.append(0x25)
    }

    /// The percentage with six decimals, half up: the `percent` column.
    public var sixDecimals: String {
        let out = ByteBuffer(capacity: 24)
        appendSixDecimals(to: out)
        return out.string
    }

    /// `sixDecimals`, written as bytes.
    public func appendSixDecimals(to out: ByteBuffer) {
        var done = false
        out.write(upTo: PercentOfClass.mostBytes) { done = putSixDecimals(&$0) }
        if !done { appendDecimal(places: 6, to: out) }
    }

    private func appendDecimal(places: Int, to out: ByteBuffer) {
        if denominator.count == 0 {
            Fraction.appendDecimal(0, 1, places: places, to: out)
        } else {
            Fraction.appendDecimal(Int128(shares.count) * 100, Int128(denominator.count), places: places, to: out)
        }
    }

}

/// A line a holder can cross, tested on the exact ratio.
public struct Threshold: Sendable, Hashable, CustomStringConvertible {
    public var percent: Percent
    /// True: "N% or more"; false: "more than N%".
    public var inclusive: Bool

    public init(moreThan percent: Percent) { self.percent = percent; inclusive = false }
    public init(atLeast percent: Percent) { self.percent = percent; inclusive = true }

    /// The least percent a row can have and be listed against `lines`: a
    /// row under the lowest line, less the warning band, crosses none and
    /// is within the band of none. Nil when there is no line.
    public static func lowest(_ lines: [Threshold], warnWithin band: Fraction?) -> Fraction? {
        lines.map(\.percent.value).min().map { line in band.map { line - $0 } ?? line }
    }

    /// More than 5%: a Schedule 13D or 13G is due (Rule 13d-1(a)–(d)).
    public static let fivePercent = Threshold(moreThan: Percent(Fraction(5)))
    /// More than 10%: a Section 16 ten-percent owner (Rule 16a-1(a)(1)).
    public static let tenPercent = Threshold(moreThan: Percent(Fraction(10)))
    /// 20% or more: no longer eligible to file as a passive investor (Rule 13d-1(c)).
    public static let twentyPercent = Threshold(atLeast: Percent(Fraction(20)))
    public static let standard = [fivePercent, tenPercent, twentyPercent]

    public func isCrossed(by p: PercentOfClass) -> Bool {
        let order = p.compared(to: percent.value)
        return inclusive ? order >= 0 : order > 0
    }

    /// `more than 5%`, `20% or more`.
    public var description: String {
        let number = percent.value.denominator == 1 ? "\(percent.value.numerator)" : Self.trimmed(percent.value.decimalText(places: 6))
        return inclusive ? "\(number)% or more" : "more than \(number)%"
    }

    public static func trimmed(_ s: String) -> String {
        var s = s
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
