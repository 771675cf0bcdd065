import Testing
@testable import CapTableCore
import CSVReading

/// The compact grant table gives back every grant as it was given, whatever
/// of its fields are set aside, and a grant replaced in place leaves nothing
/// of the one before.
@Suite struct GrantTableTests {
    func same(_ a: Grant, _ b: Grant) -> Bool {
        a.id == b.id && a.holder == b.holder && a.kind == b.kind && a.classIndex == b.classIndex && a.shares == b.shares
            && a.exercisePrice == b.exercisePrice && a.exercisableFrom == b.exercisableFrom && a.expires == b.expires
            && a.vesting?.start == b.vesting?.start && a.vesting?.months == b.vesting?.months
            && a.vesting?.cliffMonths == b.vesting?.cliffMonths && a.vesting?.everyMonths == b.vesting?.everyMonths
            && a.cap == b.cap && a.note == b.note && a.location == b.location
    }

    let start = CalendarDate(year: 2024, month: 1, day: 15)!
    var grants: [Grant] {
        [
            Grant(id: "o1", holder: 3, kind: .option, classIndex: 0, shares: Shares(4800),
                  exercisePrice: Price(dollars: Fraction(14)), exercisableFrom: nil, expires: CalendarDate(year: 2034, month: 1, day: 15),
                  vesting: VestingSchedule(start: start, months: 48, cliffMonths: 12, everyMonths: 1),
                  cap: Percent(Fraction(999, 100)), note: nil, location: SourceLocation(file: "options.csv", line: 2, column: 1)),
            Grant(id: "a-long-warrant-identifier", holder: nil, kind: .warrant, classIndex: 2, shares: Shares(1_000_000_000_000_000),
                  exercisePrice: Price(dollars: Fraction(21, 16)), exercisableFrom: start, expires: nil,
                  vesting: nil, cap: nil, note: "unnamed holders", location: SourceLocation(file: "options.csv", line: 3, column: 1)),
            // A schedule past 32 bits, a place in another file and column.
            Grant(id: "r1", holder: 0, kind: .rsu, classIndex: 1, shares: Shares(10), exercisePrice: Price(dollars: Fraction(14)),
                  exercisableFrom: nil, expires: nil,
                  vesting: VestingSchedule(start: start, months: 5_000_000_000, cliffMonths: 0, everyMonths: 3),
                  cap: Percent(Fraction(999, 100)), note: nil, location: SourceLocation(file: "transactions.csv", line: 9, column: 4)),
            // Vesting numbers just past 16 bits, shares at 2^32 - 1 and 2^32, dates at the edges of 32-bit packing.
            Grant(id: "o2", holder: 1, kind: .option, classIndex: 0, shares: Shares(4_294_967_295), exercisePrice: nil,
                  exercisableFrom: CalendarDate(year: 9999, month: 12, day: 31), expires: CalendarDate(year: 1, month: 1, day: 1),
                  vesting: VestingSchedule(start: start, months: 65_536, cliffMonths: 65_535, everyMonths: 1),
                  cap: nil, note: nil, location: SourceLocation(file: "options.csv", line: 6, column: 1)),
            Grant(id: "o3", holder: 1, kind: .option, classIndex: 0, shares: Shares(4_294_967_296), exercisePrice: nil,
                  exercisableFrom: CalendarDate(year: -1_000_000, month: 2, day: 29), expires: CalendarDate(year: 1_000_000, month: 12, day: 31),
                  vesting: VestingSchedule(start: CalendarDate(year: 1_000_000, month: 6, day: 30)!, months: 65_535, cliffMonths: 0, everyMonths: 65_535),
                  cap: nil, note: nil, location: SourceLocation(file: "options.csv", line: 7, column: 1)),
            Grant(id: "o4", holder: 1, kind: .option, classIndex: 0, shares: Shares(4_294_967_294), exercisePrice: nil,
                  exercisableFrom: nil, expires: CalendarDate(year: 2030, month: 2, day: 28)!.adding(days: 1_600_000_000),
                  vesting: nil, cap: nil, note: nil, location: SourceLocation(file: "options.csv", line: 8, column: 1)),
        ]
    }

    @Test func everyGrantComesBackAsGiven() {
        let table = GrantTable(grants)
        #expect(table.count == grants.count)
        #expect(table.indices.map(table.shareCount) == grants.map(\.shares.count))
        for (i, g) in grants.enumerated() {
            #expect(same(table[i], g), "grant \(i)")
            #expect(table.classIndex(i) == g.classIndex)
        }
    }

    @Test func aGrantReplacedLeavesNothingBehind() {
        var table = GrantTable(grants)
        for i in 1..<grants.count { table[i] = grants[0] }
        for i in grants.indices { #expect(same(table[i], grants[0]), "grant \(i)") }
        for i in 1..<grants.count { table[i] = grants[grants.count - i] }
        for i in 1..<grants.count { #expect(same(table[i], grants[grants.count - i]), "grant \(i)") }
        table[0] = grants[2]
        #expect(same(table[0], grants[2]))
        table[0].shares = Shares(7)
        #expect(table[0].shares == Shares(7) && table[0].vesting?.months == 5_000_000_000)
    }
}

/// A person's fields kept aside read back as given, each set on its own,
/// and a copy changed leaves the original as it was.
@Suite struct PersonAsideTests {
    @Test func fieldsAsideAreValues() {
        let here = SourceLocation(file: "persons.csv", line: 2, column: 1)
        var a = Person(id: "p1", name: "One", kind: .individual, type: "IN", citizenship: nil, majorityRule: false,
                       controlIntent: false, location: here)
        #expect(a.citizenship == nil && a.roles.isEmpty && a.address == nil && a.sourceOfFunds.isEmpty && a.citizenshipCode == nil)
        a.citizenship = "United States"
        a.roles = [.director, .officer]
        var b = a
        b.address = "1 Main St"
        b.citizenship = nil
        b.sourceOfFunds = ["PF"]
        #expect(a.citizenship == "United States" && a.roles == [.director, .officer] && a.address == nil && a.sourceOfFunds.isEmpty)
        #expect(b.citizenship == nil && b.roles == [.director, .officer] && b.address == "1 Main St" && b.sourceOfFunds == ["PF"])
        b.citizenshipCode = "DE"
        b.roles = []
        #expect(b.citizenshipCode == "DE" && b.roles.isEmpty && a.citizenshipCode == nil)
        let c = Person(id: "f1", name: "Fund", kind: .entity, type: "PN", citizenship: "Delaware", majorityRule: true,
                       controlIntent: true, reporting: true, roles: [.nominee], address: "A", sourceOfFunds: ["WC", "AF"],
                       citizenshipCode: "DE", location: here, filerType: .qii)
        #expect(c.citizenship == "Delaware" && c.roles == [.nominee] && c.address == "A" && c.sourceOfFunds == ["WC", "AF"])
        #expect(c.citizenshipCode == "DE" && c.filerType == .qii && c.reporting == true && c.majorityRule && c.controlIntent)
    }

    /// A type outside row 14's codes, and a place that is not column 1 of
    /// persons.csv, are kept aside and come back as given, also when changed.
    @Test func typeAndPlaceComeBack() {
        let places = [SourceLocation(file: "persons.csv", line: 2, column: 1), SourceLocation(file: "persons.csv", line: 3, column: 5),
                      SourceLocation(file: "transactions.csv", line: 4, column: 1), SourceLocation(file: "persons.csv", line: 3_000_000_000, column: 1)]
        for place in places {
            for type in ["IN", "PN", "OO", "XX", ""] {
                var p = Person(id: "p", name: "P", kind: .entity, type: type, citizenship: nil, majorityRule: false,
                               controlIntent: false, location: place)
                #expect(p.type == type && p.location == place)
                p.citizenship = "Delaware"
                let other = places[(places.firstIndex(of: place)! + 1) % places.count]
                p.type = type == "XX" ? "CO" : "ZZ"
                p.location = other
                #expect(p.type == (type == "XX" ? "CO" : "ZZ") && p.location == other && p.citizenship == "Delaware")
                p.type = type
                p.location = place
                p.citizenship = nil
                #expect(p.type == type && p.location == place && p.citizenship == nil)
            }
        }
    }
}

/// Holdings keep no line per lot, only runs of consecutive lines: every
/// lot's place still comes back as given, across skipped lines, places in
/// another file or column, and lots replaced in place.
@Suite struct HoldingPlacesTests {
    func lot(_ line: Int, file: String = "holdings.csv", column: Int = 1) -> Holding {
        Holding(holder: 0, classIndex: 0, shares: Shares(line), voting: .sole, dispositive: .shared, note: nil,
                location: SourceLocation(file: file, line: line, column: column))
    }

    @Test func everyPlaceComesBack() {
        // Even lots go through the general append, odd ones through the loader's (always column 1).
        let places = [lot(2), lot(3), lot(4), lot(7), lot(8), lot(3, file: "transactions.csv"), lot(10, column: 4), lot(11),
                      lot(12), lot(2_147_483_650), lot(2_147_483_651)]
        var table = HoldingTable()
        for (k, h) in places.enumerated() {
            if k % 2 == 0 {
                table.append(h)
            } else {
                table.append(holder: 0, classIndex: 0, shares: h.shares.count, voting: .sole, dispositive: .shared,
                             file: h.location.file, line: h.location.line)
            }
        }
        #expect(table.map(\.location) == places.map(\.location))
        table[1] = lot(40)
        table[3] = lot(5)
        table[4] = lot(8)
        #expect(table[1].location.line == 40 && table[3].location.line == 5 && table[4].location.line == 8)
        #expect(table[0].location.line == 2 && table[2].location.line == 4 && table[6].location.column == 4 && table[7].location.line == 11)
    }

    /// A lot's class comes back whether the file lists its lots class by
    /// class (kept as runs), in runs out of class order, or mixed (kept as a
    /// column once runs stop paying); a lot that changes class keeps the
    /// others' as they were. Class ranges are given only for runs in order.
    @Test func classesComeBackFromRunsOrColumn() {
        func table(_ classes: [Int]) -> HoldingTable {
            var t = HoldingTable()
            for (i, k) in classes.enumerated() {
                t.append(holder: 0, classIndex: Int32(k), shares: 1, voting: .sole, dispositive: .sole, file: "holdings.csv", line: i + 2)
            }
            return t
        }
        func classes(_ t: HoldingTable) -> [Int] {
            var seen: [Int] = []
            t.forEachClass { i, k in
                #expect(i == seen.count)
                seen.append(k)
            }
            #expect(seen == t.indices.map(t.classIndex))
            return seen
        }
        let inOrder = [0, 0, 0, 2, 2, 3]
        var t = table(inOrder)
        #expect(classes(t) == inOrder && t.classRanges(classes: 5) == [0, 3, 3, 5, 6, 6])
        let outOfOrder = [1, 1, 0, 0, 2]
        #expect(classes(table(outOfOrder)) == outOfOrder && table(outOfOrder).classRanges(classes: 3) == nil)
        let mixed = (0..<2000).map { ($0 * 7919) % 13 }
        #expect(classes(table(mixed)) == mixed && table(mixed).classRanges(classes: 13) == nil)
        t[1] = Holding(holder: 0, classIndex: 3, shares: Shares(1), voting: .sole, dispositive: .sole, note: nil,
                       location: SourceLocation(file: "holdings.csv", line: 3, column: 1))
        #expect(classes(t) == [0, 3, 0, 2, 2, 3] && t.classRanges(classes: 5) == nil)
        let index = ClassIndex(Case.with(holdings: table(inOrder), classes: 5))
        #expect((0..<5).map { Array(index.holdings[$0]) } == [[0, 1, 2], [], [3, 4], [5], []])
        let unordered = ClassIndex(Case.with(holdings: table(outOfOrder), classes: 3))
        #expect((0..<3).map { Array(unordered.holdings[$0]) } == [[2, 3], [0, 1], [4]])
    }

    /// Each class's shares, summed a run at a time or lot by lot from the
    /// class column, wide lots counted at their count, not their marker.
    @Test func sharesAddUpByClass() {
        func table(_ lots: [(classIndex: Int32, shares: Int)]) -> HoldingTable {
            var t = HoldingTable()
            for (i, lot) in lots.enumerated() {
                t.append(holder: 0, classIndex: lot.classIndex, shares: lot.shares, voting: .sole, dispositive: .sole, file: "holdings.csv", line: i + 2)
            }
            return t
        }
        // Runs: class 0 holds 5 + 4,294,967,295 (wide) + 7; class 2 holds 10^15 (wide) + 1.
        let runs = table([(0, 5), (0, 4_294_967_295), (0, 7), (2, 1_000_000_000_000_000), (2, 1)])
        #expect(runs.classRanges(classes: 3) != nil)
        #expect(runs.sharesByClass(classes: 3) == [4_294_967_307, 0, 1_000_000_000_000_001])
        // A class column (classes mixed lot by lot): class k of lot i is i % 3, i shares each, 3,000 lots.
        let mixed = table((0..<3000).map { (Int32($0 % 3), $0) })
        #expect(mixed.classRanges(classes: 3) == nil)
        // Class k: k + (k + 3) + ... + (k + 2,997) = 1,000 k + 3 (0 + 1 + ... + 999) = 1,000 k + 1,498,500.
        #expect(mixed.sharesByClass(classes: 3) == [1_498_500, 1_499_500, 1_500_500])
    }

    /// Shares take 32 bits; counts from 2^32 - 1 up (to the 10^15 limit) are kept aside and come back.
    @Test func wideShareCountsComeBack() {
        let counts = [0, 1, 4_294_967_294, 4_294_967_295, 4_294_967_296, 1_000_000_000_000_000, 7]
        var table = HoldingTable()
        for (k, n) in counts.enumerated() {
            if k % 2 == 0 {
                table.append(Holding(holder: 0, classIndex: 0, shares: Shares(n), voting: .sole, dispositive: .sole, note: nil,
                                     location: SourceLocation(file: "holdings.csv", line: k + 2, column: 1)))
            } else {
                table.append(holder: 0, classIndex: 0, shares: n, voting: .sole, dispositive: .sole, file: "holdings.csv", line: k + 2)
            }
        }
        #expect(table.indices.map(table.shareCount) == counts)
        #expect(table.map(\.shares.count) == counts)
        table[3] = Holding(holder: 0, classIndex: 0, shares: Shares(5), voting: .sole, dispositive: .sole, note: nil,
                           location: SourceLocation(file: "holdings.csv", line: 5, column: 1))
        table[1] = Holding(holder: 0, classIndex: 0, shares: Shares(5_000_000_000), voting: .sole, dispositive: .sole, note: nil,
                           location: SourceLocation(file: "holdings.csv", line: 3, column: 1))
        #expect(table.indices.map(table.shareCount) == [0, 5_000_000_000, 4_294_967_294, 5, 4_294_967_296, 1_000_000_000_000_000, 7])
    }
}

/// A convertible keeps what fits in compact fields and the rest aside:
/// every value comes back as given, at the edges of each field and when
/// changed from one kind of storage to the other.
@Suite struct ConvertibleStorageTests {
    func note(_ principal: Money?, _ price: Fraction?, months: [Int], place: CSVReading.SourceLocation) -> Convertible {
        Convertible(id: "n", holder: 3, kind: .note, classIndex: 2, principal: principal, conversionPrice: price.map { Price(dollars: $0) },
                    units: nil, conversionRatio: nil, issued: nil, convertibleFrom: nil, maturity: nil, rate: Percent(Fraction(8)),
                    interest: .pik, dayCount: .thirty360, pikMonths: months, firstPayment: nil, convertsInterest: true, cap: nil,
                    note: nil, location: place)
    }

    @Test func everyValueComesBack() {
        let big = Int128(Int64.max) + 1
        let principals: [Money?] = [nil, .zero, Money(cents: 1), Money(cents: Int128(Int64.max)), Money(cents: big),
                                    Money(cents: Int128(Int64.min)), Money(cents: -5)]
        let prices: [Fraction?] = [nil, .zero, Fraction(21, 16), Fraction(Int128(Int64.max), 3), Fraction(big, 7), Fraction(1, big),
                                   Fraction(-1, 3)]
        let months: [[Int]] = [[], [2, 8], [1, 12], [8, 2], [2, 2], [0], [13], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]
        let places = [SourceLocation(file: "convertibles.csv", line: 2, column: 1), SourceLocation(file: "convertibles.csv", line: 2, column: 7),
                      SourceLocation(file: "transactions.csv", line: 9, column: 1)]
        for (k, principal) in principals.enumerated() {
            let price = prices[k], place = places[k % places.count], m = months[k % months.count]
            var n = note(principal, price, months: m, place: place)
            #expect(n.principal == principal && n.conversionPrice?.dollars == price && n.pikMonths == m && n.location == place)
            #expect(n.holder == 3 && n.classIndex == 2 && n.rate == Percent(Fraction(8)) && n.cap == nil && n.units == nil)
            // Change every field to the next case's value, then back.
            let j = (k + 1) % principals.count
            n.principal = principals[j]
            n.conversionPrice = prices[j].map { Price(dollars: $0) }
            n.pikMonths = months[j % months.count]
            n.location = places[j % places.count]
            n.conversionRatio = prices[j]
            n.rate = Percent(prices[j] ?? .zero)
            n.cap = prices[j].map(Percent.init)
            n.note = k % 2 == 0 ? "a note" : nil
            n.carriedAdjustment = prices[j] ?? .zero
            n.units = Shares(k)
            #expect(n.principal == principals[j] && n.conversionPrice?.dollars == prices[j] && n.pikMonths == months[j % months.count])
            #expect(n.location == places[j % places.count] && n.conversionRatio == prices[j] && n.rate.value == (prices[j] ?? Fraction.zero))
            #expect(n.cap?.value == prices[j] && n.note == (k % 2 == 0 ? "a note" : nil) && n.carriedAdjustment == (prices[j] ?? Fraction.zero))
            #expect(n.units == Shares(k))
            n.principal = principal
            n.conversionPrice = price.map { Price(dollars: $0) }
            n.pikMonths = m
            n.location = place
            (n.conversionRatio, n.cap, n.note, n.carriedAdjustment, n.units) = (nil, nil, nil, .zero, nil)
            n.rate = Percent(Fraction(8))
            #expect(n.principal == principal && n.conversionPrice?.dollars == price && n.pikMonths == m && n.location == place)
            #expect(n.conversionRatio == nil && n.cap == nil && n.note == nil && n.carriedAdjustment == .zero && n.units == nil)
        }
    }
}

extension Case {
    /// A case of `classes` classes and these holdings, for the class index.
    static func with(holdings: HoldingTable, classes: Int) -> Case {
        var c = Case()
        c.classes = (0..<classes).map {
            ShareClass(id: "c\($0)", issuer: "I", title: "Common", cusip: nil, reportedOutstanding: nil,
                       asOf: CalendarDate(year: 2025, month: 1, day: 1)!, reserved: nil, location: SourceLocation(file: "classes.csv", line: $0 + 2, column: 1))
        }
        c.holdings = holdings
        return c
    }
}

/// The notes of a holdings table, kept in shared buffers: each lot's own,
/// whatever the order they are given in, changed or removed.
@Suite struct NoteStoreTests {
    @Test func notesByLot() {
        var notes = NoteStore()
        notes[5] = "fifth"
        notes[2] = "second, given after"
        notes[9] = "ninth"
        notes[5] = "fifth, changed"
        notes[9] = nil
        #expect(notes[2] == "second, given after" && notes[5] == "fifth, changed")
        #expect(notes[9] == nil && notes[3] == nil && notes[0] == nil)
        var joined = NoteStore()
        joined[1] = "first of the whole"
        joined.append(contentsOf: notes, base: 10)
        #expect(joined[1] == "first of the whole" && joined[12] == "second, given after" && joined[15] == "fifth, changed")
        #expect(joined[2] == nil && joined[19] == nil)
    }
}
