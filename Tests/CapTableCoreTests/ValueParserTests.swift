import Testing
@testable import CapTableCore

@Suite struct ValueParserTests {
    @Test(arguments: [("20762457", 20_762_457), ("20,762,457", 20_762_457), ("0", 0), ("1,000", 1000),
                      ("999", 999), ("1000000000000000", 1_000_000_000_000_000)])
    func wholeNumbers(text: String, value: Int) throws {
        #expect(try ValueParser.wholeNumber(text, column: "shares").get() == value)
    }

    /// `1,000` is a thousand or an error; never 1 (as Foundation's Decimal reads it).
    @Test(arguments: ["12a", "1,00", "1,0000", ",100", "100,", "-5", "1.5", "1 000", "", "+3", "1e3", "１２"])
    func wholeNumberRejects(text: String) {
        #expect(throws: ValueError.self) { try ValueParser.wholeNumber(text, column: "shares").get() }
    }

    @Test func wholeNumberLimit() {
        let e = ValueParser.wholeNumber("1000000000000001", column: "shares")
        #expect(throws: ValueError.self) { try e.get() }
        #expect(throws: ValueError.self) { try ValueParser.wholeNumber("99999999999999999999999", column: "shares").get() }
    }

    @Test func messageQuotesValueAndColumn() {
        guard case .failure(let e) = ValueParser.shares("12a", column: "shares") else { Issue.record(); return }
        #expect(e.message == "shares \"12a\" is not a whole number")
    }

    @Test(arguments: [("$19,047,600", 1_904_760_000), ("176800.00", 17_680_000), ("$0.5", 50), ("12.34", 1234), ("800", 80_000)])
    func money(text: String, cents: Int) throws {
        #expect(try ValueParser.money(text, column: "principal").get() == Money(cents: Int128(cents)))
    }

    @Test(arguments: ["$1.234", "1,2.00", "$", "12.", "$-5", "USD 5"])
    func moneyRejects(text: String) {
        #expect(throws: ValueError.self) { try ValueParser.money(text, column: "principal").get() }
    }

    /// `1 5/16` as old filings print it is 21/16, exactly 1.3125.
    @Test(arguments: [("1 5/16", Fraction(21, 16)), ("1.3125", Fraction(21, 16)), ("$1 5/16", Fraction(21, 16)),
                      ("5/16", Fraction(5, 16)), ("0.000001", Fraction(1, 1_000_000)), ("$2", Fraction(2))])
    func prices(text: String, value: Fraction) throws {
        #expect(try ValueParser.price(text, column: "conversion_price").get().dollars == value)
    }

    @Test(arguments: ["1 5/0", "1 17/16", "1.0000001", "1/2/3", "1  5/16 x", "abc", "1 5.5/16"])
    func priceRejects(text: String) {
        #expect(throws: ValueError.self) { try ValueParser.price(text, column: "conversion_price").get() }
    }

    @Test func percents() throws {
        #expect(try ValueParser.percent("9.99", column: "cap_percent").get().value == Fraction(999, 100))
        #expect(try ValueParser.percent("9.99%", column: "cap_percent").get().value == Fraction(999, 100))
        #expect(throws: ValueError.self) { try ValueParser.percent("100.5", column: "cap_percent").get() }
        #expect(throws: ValueError.self) { try ValueParser.percent("9.99 %%", column: "cap_percent").get() }
    }

    @Test func dates() throws {
        #expect(try ValueParser.date("2001-02-20", column: "as_of").get() == CalendarDate(year: 2001, month: 2, day: 20))
        #expect(try ValueParser.date("2000-02-29", column: "as_of").get().day == 29)
        for bad in ["2001-02-29", "2001-2-20", "02/20/2001", "2001-13-01", "20010220", "2001-02-20T00:00"] {
            #expect(throws: ValueError.self) { try ValueParser.date(bad, column: "as_of").get() }
        }
    }

    @Test func flags() throws {
        for yes in ["yes", "YES", "True", "y"] { #expect(try ValueParser.flag(yes, column: "disclaims").get()) }
        for no in ["no", "False", "N"] { #expect(try !ValueParser.flag(no, column: "disclaims").get()) }
        #expect(throws: ValueError.self) { try ValueParser.flag("1", column: "disclaims").get() }
    }

    @Test func suggestions() {
        #expect(Suggestion.nearest(to: "welsch", in: ["welsh", "carson"]) == "welsh")
        #expect(Suggestion.nearest(to: "sharez", in: ["holder", "class", "shares"]) == "shares")
        #expect(Suggestion.nearest(to: "zzzzzz", in: ["welsh"]) == nil)
    }
}

/// The word-at-a-time checks of text say what the byte-by-byte rules say:
/// ASCII is every byte below 0x80; printable ASCII holds nothing
/// `TextRule.isForbidden`, and anything else is checked scalar by scalar.
@Suite struct TextCheckTests {
    @Test func wordChecksAgreeWithTheirBytes() {
        var random = Seeded(5)
        func next(_ n: Int) -> Int { random.next(n) }
        // Bytes near every edge the checks have: controls, tab, space, tilde, DEL, 0x80, 0xFF.
        let edges: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x41, 0x7E, 0x7F, 0x80, 0x9F, 0xC3, 0xFF]
        var ascii = 0, printable = 0
        for _ in 0..<20_000 {
            var b = (0..<next(40)).map { _ in UInt8(0x20 + next(0x5F)) }
            // Most with one byte at an edge, somewhere in a word or its tail.
            if !b.isEmpty && next(4) > 0 { b[next(b.count)] = edges[next(edges.count)] }
            b.withUnsafeBufferPointer { p in
                let isASCII = p.allSatisfy { $0 < 0x80 }
                let isPrintable = p.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
                #expect(ValueParser.isASCII(p) == isASCII, "\(Array(p))")
                #expect(TextRule.isPrintableASCII(p) == isPrintable, "\(Array(p))")
                if isPrintable { #expect(!p.contains { TextRule.isForbidden(UInt32($0)) }) }
                if isASCII { ascii += 1 }
                if isPrintable { printable += 1 }
            }
        }
        #expect(ascii > 5_000 && ascii < 19_000 && printable > 3_000 && printable < ascii)
        // What `forbidden` finds is the same, whichever way it is told.
        for text in ["plain name", "tab\there", "bell\u{07}", "del\u{7F}x", "é\u{FFFE}", "Ünïcödé", "a\u{85}b"] {
            let bytes = Array(text.utf8)
            let scalar = text.unicodeScalars.enumerated().first { TextRule.isForbidden($0.element.value) }
            let found = TextRule.forbidden(in: bytes)
            #expect(found?.index == scalar?.offset && found?.scalar == scalar?.element.value, "\(text)")
        }
    }
}

@Suite struct FractionTests {
    @Test func roundingHalfUp() {
        #expect(Fraction(5, 2).roundedHalfUp == 3)
        #expect(Fraction(7, 3).roundedHalfUp == 2)
        #expect(Fraction(-5, 2).roundedHalfUp == -2)
        #expect(Fraction(25, 100).decimalText(places: 1) == "0.3")
        #expect(Fraction(1916179, 100000).decimalText(places: 1) == "19.2")
        #expect(Fraction(1, 3).decimalText(places: 6) == "0.333333")
        #expect(Fraction(2, 3).decimalText(places: 6) == "0.666667")
        #expect(Fraction(0).decimalText(places: 6) == "0.000000")
    }

    /// The decimal layout at its edges: no point, a negative below one,
    /// more digits than a 64-bit word holds, and ties rounded up.
    @Test func decimalLayout() {
        #expect(Fraction(7, 2).decimalText(places: 0) == "4")
        #expect(Fraction(-1, 8).decimalText(places: 2) == "-0.12")
        #expect(Fraction(-1, 200).decimalText(places: 2) == "0.00")
        #expect(Fraction(123_456_789, 1000).decimalText(places: 3) == "123456.789")
        // 10^30 / 3: thirty threes before the point, more than 2^64 holds scaled.
        let big = Int128(1_000_000_000_000_000) * 1_000_000_000_000_000
        #expect(Fraction.decimalText(big, 3, places: 6) == String(repeating: "3", count: 30) + ".333333")
        #expect(Fraction.decimalText(big * 2, 3, places: 6) == String(repeating: "6", count: 30) + ".666667")
    }

    /// The 64-bit path of rounding agrees with exact rational arithmetic,
    /// up to the edge where it gives way to 128 bits.
    @Test func scaledRoundingAgreesWithExactArithmetic() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let n = Int128(Int64.random(in: 0...(1 << Int64.random(in: 1...62, using: &g)), using: &g))
            let d = Int128(Int64.random(in: 1...(1 << Int64.random(in: 1...62, using: &g)), using: &g))
            for scale: Int128 in [1, 10, 1_000_000] {
                #expect(Fraction.scaledHalfUp(n, d, scale) == (Fraction(n, d) * Fraction(scale)).roundedHalfUp, "\(n)/\(d)")
            }
        }
    }

    @Test func floorOfNegatives() {
        #expect(Fraction(-1, 2).floor == -1)
        #expect(Fraction(7, 2).floor == 3)
    }

    /// Products of 10^15-share counts and six-decimal prices stay exact.
    @Test func largeProductsStayExact() {
        let big = Fraction(Int128(1_000_000_000_000_000))
        let price = Fraction(999_999, 1_000_000)
        #expect((big * price).numerator == 999_999_000_000_000)
    }
}
