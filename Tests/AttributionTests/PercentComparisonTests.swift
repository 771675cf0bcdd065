import Testing
@testable import Attribution
import CapTableCore
import RawMemory

@Suite struct PercentComparisonTests {
    /// The cross-multiplied comparison agrees with comparing the reduced percent, at the lines and around them.
    @Test func comparisonAgreesWithTheExactPercent() {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let lines = [Fraction(5), Fraction(10), Fraction(20), Fraction(1, 10), Fraction(999, 100), Fraction(0)]
        for _ in 0..<20_000 {
            let denominator = next(3) == 0 ? 0 : 1 + next(1_000_000)
            let shares = denominator == 0 ? next(10) : next(denominator + 1)
            let p = PercentOfClass(shares: Shares(shares), denominator: Shares(denominator))
            for line in lines {
                let expected = p.percent < line ? -1 : p.percent > line ? 1 : 0
                #expect(p.compared(to: line) == expected)
            }
        }
        // Counts up to the 10^15 limit, past where the products leave 64 bits.
        for _ in 0..<20_000 {
            let denominator = 1 + next(1_000_000) * next(1_000_000_000)
            let shares = next(1_000_000) * next(1_000_000_000) % (denominator + 1)
            let p = PercentOfClass(shares: Shares(shares), denominator: Shares(denominator))
            for line in lines + [Fraction(123_456_789, 1_000_000_007)] {
                let expected = p.percent < line ? -1 : p.percent > line ? 1 : 0
                #expect(p.compared(to: line) == expected, "\(shares)/\(denominator) against \(line)")
            }
        }
        // Exactly on the lines.
        #expect(PercentOfClass(shares: Shares(5), denominator: Shares(100)).compared(to: Fraction(5)) == 0)
        #expect(Threshold.twentyPercent.isCrossed(by: PercentOfClass(shares: Shares(1), denominator: Shares(5))))
        #expect(!Threshold.fivePercent.isCrossed(by: PercentOfClass(shares: Shares(1), denominator: Shares(20))))
    }

    /// The percent's two texts, written in 64 bits where they fit, are
    /// the exact ratio rounded half up as the general arithmetic rounds it:
    /// at random, at the halves, at a tenth, past the 64-bit range, with no denominator.
    @Test func percentTextsAgreeWithTheExactRatio() {
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var cases: [(Int, Int)] = [(0, 0), (3, 0), (0, 7), (1, 1000), (1, 1001), (1, 999), (1, 2_000_000_000), (1, 3),
                                   (2, 3), (1, 16), (1, 8_000_000), (5, 100), (40_000_000_000, 40_000_000_001),
                                   (40_000_000_001, 50_000_000_000), (999_999_999_999_999, 1_000_000_000_000_000),
                                   // 1.2499999%: six decimals round up to 1.250000, the tenth stays 1.2% (no double rounding);
                                   // 0.15% exactly rounds up to 0.2%; 0.1499999% to 0.1%.
                                   (12_499_999, 1_000_000_000), (3, 2000), (1_499_999, 1_000_000_000)]
        for _ in 0..<20_000 {
            let d = 1 + next(10) * next(1_000_000_000) + next(1000)
            cases.append((next(d + 1), d))
        }
        for (n, d) in cases {
            let p = PercentOfClass(shares: Shares(n), denominator: Shares(d))
            let six = d == 0 ? "0.000000" : Fraction.decimalText(Int128(n) * 100, Int128(d), places: 6)
            #expect(p.sixDecimals == six, "\(n)/\(d)")
            // With no denominator, shares are under any tenth (the percent is taken as zero).
            let one = n == 0 ? "0.0%" : d == 0 || Int128(n) * 1000 < Int128(d) ? "less than 0.1%"
                : Fraction.decimalText(Int128(n) * 100, Int128(d), places: 1) + "%"
            #expect(p.text == one, "\(n)/\(d)")
            // Both at once, as the ownership table writes them, and the six decimals' length.
            let both = ByteBuffer(capacity: 2 * PercentOfClass.mostBytes + 1)
            var six6: Int?
            both.write(upTo: 2 * PercentOfClass.mostBytes + 1) { six6 = p.putBoth(&$0) }
            if d > 0 && n <= 40_000_000_000 {
                #expect(both.string == six + "," + one, "\(n)/\(d)")
                #expect(six6 == six.utf8.count, "\(n)/\(d)")
            } else {
                #expect(six6 == nil, "\(n)/\(d)")
            }
        }
        #expect(PercentOfClass(shares: Shares(12_499_999), denominator: Shares(1_000_000_000)).text == "1.2%")
        #expect(PercentOfClass(shares: Shares(12_499_999), denominator: Shares(1_000_000_000)).sixDecimals == "1.250000")
        #expect(PercentOfClass(shares: Shares(3), denominator: Shares(2000)).text == "0.2%")
    }

    @Test func textsAsTheFilingPrintsThem() {
        #expect(PercentOfClass(shares: Shares(192), denominator: Shares(1000)).text == "19.2%")
        #expect(PercentOfClass(shares: Shares(1), denominator: Shares(1001)).text == "less than 0.1%")
        #expect(PercentOfClass(shares: Shares(1), denominator: Shares(1000)).text == "0.1%")
        #expect(PercentOfClass(shares: Shares(0), denominator: Shares(0)).text == "0.0%")
        #expect(PercentOfClass(shares: Shares(1), denominator: Shares(3)).sixDecimals == "33.333333")
        #expect(PercentOfClass(shares: Shares(2), denominator: Shares(3)).sixDecimals == "66.666667")
        #expect(PercentOfClass(shares: Shares(0), denominator: Shares(0)).sixDecimals == "0.000000")
    }
}

/// The radix sort of the look-through gives the order of a full sort for
/// the keys it is given: low halves increasing within each high half.
@Suite struct SortByHighHalfTests {
    @Test(arguments: [0, 1, 2, 63, 1000, 5000])
    func sameOrderAsAFullSort(count: Int) {
        var generator = SystemRandomNumberGenerator()
        // Holders drawn from few values and from many, some past 2^24 and 2^31.
        for spread in [UInt64(3), 1 << 20, 1 << 26, 1 << 32] {
            var keys = (0..<count).map { UInt64.random(in: 0..<spread, using: &generator) << 32 | UInt64($0) }
            let expected = keys.sorted()
            sortByHighHalf(&keys)
            #expect(keys == expected)
        }
    }
}

/// A class's slots are put in person order by merging the persons in the
/// graph, sorted, with the holders outside it, which come in order: the
/// result is that of sorting both, and still is if the second run is not
/// in order after all.
@Suite struct MergedKeysTests {
    @Test(arguments: [(0, 0), (0, 5), (5, 0), (3, 40), (200, 1000)])
    func sameAsSortingBoth(counts: (Int, Int)) {
        var generator = SystemRandomNumberGenerator()
        let sorted = (0..<counts.0).map { _ in UInt64.random(in: 0..<1 << 40, using: &generator) }.sorted()
        let rest = (0..<counts.1).map { _ in UInt64.random(in: 0..<1 << 40, using: &generator) }
        #expect(merged(sorted, rest.sorted()) == (sorted + rest).sorted())
        #expect(merged(sorted, rest) == (sorted + rest).sorted())
    }
}
