/// A whole number of shares. Never negative in input; at most 10^15.
public struct Shares: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var count: Int

    public init(_ count: Int) { self.count = count }

    public static let zero = Shares(0)
    public static func + (a: Shares, b: Shares) -> Shares { Shares(a.count + b.count) }
    public static func - (a: Shares, b: Shares) -> Shares { Shares(a.count - b.count) }
    public static func += (a: inout Shares, b: Shares) { a.count += b.count }
    public static func < (a: Shares, b: Shares) -> Bool { a.count < b.count }

    public var fraction: Fraction { Fraction(Int128(count)) }
    public var description: String { "\(count)" }
}

/// An amount of money in whole cents.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var cents: Int128

    public init(cents: Int128) { self.cents = cents }

    public static let zero = Money(cents: 0)
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    /// The amount in dollars, exactly.
    public var dollars: Fraction { Fraction(cents, 100) }

    /// A dollar amount rounded to the cent, half up.
    public init(roundingHalfUp dollars: Fraction) {
        self.cents = (dollars * Fraction(100)).roundedHalfUp
    }

    /// `$19,047,600.00`.
    public var description: String {
        let whole = String(cents / 100), part = cents % 100
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return "$\(grouped).\(part < 10 ? "0" : "")\(part)"
    }
}

/// A price per share, in dollars, kept as an exact fraction (`1 5/16` is 21/16).
public struct Price: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var dollars: Fraction

    public init(dollars: Fraction) { self.dollars = dollars }
    public static func < (a: Price, b: Price) -> Bool { a.dollars < b.dollars }
    public var description: String { "$\(dollars)" }
}

/// A percentage such as `9.99` (meaning 9.99%), exact.
public struct Percent: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Fraction

    public init(_ value: Fraction) { self.value = value }
    public static func < (a: Percent, b: Percent) -> Bool { a.value < b.value }
    /// The percentage as a ratio: 9.99% is 999/10000.
    public var ratio: Fraction { value / Fraction(100) }
    public var description: String { "\(value)%" }
}

/// Groups digits by thousands: 93840935 → 93,840,935.
public func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}
