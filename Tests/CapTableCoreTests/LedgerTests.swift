import CSVReading
import Testing
@testable import CapTableCore
@testable import InputFiles

private func d(_ s: String) -> CalendarDate { try! ValueParser.date(s, column: "date").get() }

/// transactions.csv: every event type, replayed to a date. Figures by hand beside each step.
@Suite struct LedgerTests {
    static let files: [String: String] = [
        "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"10,000\",2025-01-01\n",
        "persons.csv": "id,name,kind\na,A,entity\nb,B,entity\nc,C,entity\n",
        "holdings.csv": "holder,class,shares\na,c,1000\nb,c,500\n",
        "options.csv": "id,holder,kind,class,shares,exercise_price\no1,a,option,c,300,3.00\n",
        "convertibles.csv": "id,holder,kind,class,principal,conversion_price,units,conversion_ratio,issued\nn1,b,note,c,1000,2,,,2025-01-01\np1,a,preferred,c,,,100,1.5,\n",
        "transactions.csv": """
        date,event,id,holder,from,to,kind,class,shares,instrument,new_instrument,principal,units,ratio,exercise_price
        2025-02-01,issue,,c,,,,c,400,,,,,,
        2025-02-02,issue,w9,b,,,warrant,c,200,,,,,,5.00
        2025-03-01,transfer,,,a,b,,c,250,,,,,,
        2025-03-02,transfer,,,b,c,,,,n1,n1b,400,,,
        2025-04-01,exercise,,,,,,,100,o1,,,,,
        2025-04-02,convert,,,,,,,,n1b,,,,,
        2025-04-03,convert,,,,,,,,p1,,,30,,
        2025-05-01,repurchase,,c,,,,c,100,,,,,,
        2025-05-02,cancel,,,,,,,50,w9,,,,,
        2025-06-01,split,,,,,,c,,,,,,2,
        2025-07-01,outstanding,,,,,,c,"25,000",,,,,,

        """,
    ]

    static func load(_ files: [String: String] = files) -> Result<Case, CaseError> {
        CaseLoader.load(files: files.mapValues { Array($0.utf8) })
    }

    func held(_ c: Case, _ id: String) -> Int {
        c.holdings.filter { c.persons[$0.holder].id == id }.reduce(0) { $0 + $1.shares.count }
    }

    @Test func everyEventInTurn() throws {
        let base = try Self.load().get()
        // Before the first event: the version-1 files.
        var c = base.replayed(through: d("2025-01-31"))
        #expect(c.sharesOutstanding(classIndex: 0) == Shares(10_000))
        // issue shares (an event on the as-of date is included): 10,000 + 400.
        c = base.replayed(through: d("2025-02-01"))
        #expect(c.sharesOutstanding(classIndex: 0) == Shares(10_400))
        #expect(held(c, "c") == 400)
        #expect(!c.grants.contains { $0.id == "w9" })
        // issue an instrument: a warrant of 200 at $5.
        c = base.replayed(through: d("2025-02-02"))
        #expect(c.grants.first { $0.id == "w9" }?.shares == Shares(200))
        // transfer 250 shares from a to b: 750 and 750.
        c = base.replayed(through: d("2025-03-01"))
        #expect(held(c, "a") == 750 && held(c, "b") == 750)
        // a partial transfer of $400 of note n1 becomes note n1b, held by c; n1 keeps $600.
        c = base.replayed(through: d("2025-03-02"))
        #expect(c.convertibles.first { $0.id == "n1" }?.principal == Money(cents: 60_000))
        #expect(c.convertibles.first { $0.id == "n1b" }.map { c.persons[$0.holder].id } == "c")
        // exercise 100 of o1's 300: a holds 850, o1 keeps 200, outstanding 10,500.
        c = base.replayed(through: d("2025-04-01"))
        #expect(held(c, "a") == 850)
        #expect(c.grants.first { $0.id == "o1" }?.shares == Shares(200))
        #expect(c.sharesOutstanding(classIndex: 0) == Shares(10_500))
        // convert n1b whole: $400 / $2 = 200 shares to c; outstanding 10,700.
        c = base.replayed(through: d("2025-04-02"))
        #expect(held(c, "c") == 600)
        #expect(c.sharesOutstanding(classIndex: 0) == Shares(10_700))
        // convert 30 of p1's 100 units at 1.5: 45 shares to a; 70 units left; 10,745.
        c = base.replayed(through: d("2025-04-03"))
        #expect(held(c, "a") == 895)
        #expect(c.convertibles.first { $0.id == "p1" }?.units == Shares(70))
        #expect(c.sharesOutstanding(classIndex: 0) == Shares(10_745))
        // repurchase 100 from c: 500; outstanding 10,645.
        c = base.replayed(through: d("2025-05-01"))
        #expect(held(c, "c") == 500)
        #expect(c.sharesOutstanding(classIndex: 0) == Shares(10_645))
        // cancel 50 of w9's 200.
        c = base.replayed(through: d("2025-05-02"))
        #expect(c.grants.first { $0.id == "w9" }?.shares == Shares(150))
    }

    /// A 2-for-1 split doubles shares and grants and halves prices: o1 200 at $3 → 400 at $1.50;
    /// w9 150 at $5 → 300 at $2.50; n1's $2 → $1 ($600: 600 shares); p1's ratio 1.5 → 3 (70 units: 210).
    @Test func splitAppliesToGrantsAndPrices() throws {
        let c = try Self.load().get().replayed(through: d("2025-06-30"))
        #expect(held(c, "a") == 1790 && held(c, "b") == 1500 && held(c, "c") == 1000)
        #expect(c.sharesOutstanding(classIndex: 0) == Shares(21_290))
        let o1 = try #require(c.grants.first { $0.id == "o1" })
        #expect(o1.shares == Shares(400) && o1.exercisePrice?.dollars == Fraction(3, 2))
        let w9 = try #require(c.grants.first { $0.id == "w9" })
        #expect(w9.shares == Shares(300) && w9.exercisePrice?.dollars == Fraction(5, 2))
        #expect(c.convertibles.first { $0.id == "n1" }?.sharesOnConversion(on: d("2025-06-30"), calendar: c.calendar) == Shares(600))
        #expect(c.convertibles.first { $0.id == "p1" }?.sharesOnConversion(on: d("2025-06-30"), calendar: c.calendar) == Shares(210))
    }

    /// outstanding: a new figure from the issuer's latest report.
    @Test func newOutstandingFigure() throws {
        let c = try Self.load().get().replayed(through: d("2025-07-01"))
        #expect(c.sharesOutstanding(classIndex: 0) == Shares(25_000))
    }

    static func error(_ transactions: String) -> Diagnostic? {
        var files = Self.files
        files["transactions.csv"] = "date,event,holder,from,to,class,shares,instrument,new_instrument,principal\n" + transactions
        if case .failure(.invalid(let ds)) = Self.load(files) { return ds.first }
        return nil
    }

    /// A replay that would make a balance negative, or names nothing known, is an error at its row.
    @Test func replayErrors() {
        let tooMany = Self.error("2025-02-01,transfer,,a,b,c,1001,,,\n")
        #expect(tooMany?.location == SourceLocation(file: "transactions.csv", line: 2, column: 1))
        #expect(tooMany?.message == "\"a\" holds 1000 shares of class \"c\", fewer than the 1001 this takes")
        let unknown = Self.error("2025-02-01,exercise,,,,,,o2,,\n")
        #expect(unknown?.message.contains("instrument \"o2\" is not in options.csv, convertibles.csv or an earlier issue; did you mean \"o1\"?") == true)
        let partial = Self.error("2025-02-01,transfer,,b,c,,,n1,,400\n")
        #expect(partial?.message.contains("needs new_instrument") == true)
        let notHers = Self.error("2025-02-01,transfer,,a,c,,,n1,,\n")
        #expect(notHers?.message == "instrument \"n1\" is not held by \"a\"")
        // Balances go negative only in order: the second repurchase finds 0 left.
        let second = Self.error("2025-02-01,repurchase,b,,,c,500,,,\n2025-02-02,repurchase,b,,,c,1,,,\n")
        #expect(second?.location.line == 3)
    }

    /// An instrument issued in transactions.csv takes an id of its own: one
    /// that options.csv or convertibles.csv defines is refused at its row.
    @Test func issuedInstrumentIdAlreadyDefined() {
        var files = Self.files
        files["transactions.csv"] = "date,event,id,holder,kind,class,shares\n2025-02-02,issue,n1,b,warrant,c,200\n"
        guard case .failure(.invalid(let ds)) = Self.load(files) else { Issue.record("loaded"); return }
        #expect(ds.map(\.description) == [
            "transactions.csv:2:18: error: instrument \"n1\" is defined twice: at convertibles.csv:2:1 and here"])
    }
}

/// The seed note's weighted-average adjustment (Exhibit C, section 15(e)).
/// 1,000,000 shares outstanding; a $100,000 note at $1.00 (100,000 shares on conversion).
/// 1. 10,000 shares for $9,000 ($0.90): A = 1,100,000, new = 1,109,000 / 1,110,000 = $0.999099…;
///    the adjustment $0.000900… is under $.01: carried, the price stays $1.00.
/// 2. 20,000 for $16,000 ($0.80): A = 1,110,000, new = 1,126,000 / 1,130,000 = $0.996460…;
///    $0.003539… + $0.000900… = $0.004440… is still under $.01: carried.
/// 3. 50,000 for $40,000 ($0.80): A = 1,130,000, new = 1,170,000 / 1,180,000 = $0.991525…;
///    $0.008474… + $0.004440… = $0.012915… ≥ $.01: $1.00 − $0.012915… = $0.987084…, to the cent $0.99.
///    Without the carried part it would be $0.008474… and no adjustment at all.
/// Then $100,000 / $0.99 = 101,010.1: 101,010 shares.
@Suite struct AntiDilutionTests {
    static func files(_ antiDilution: String) -> [String: String] {
        [
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"1,000,000\",2025-01-01\n",
            "persons.csv": "id,name,kind\na,A,entity\nb,B,entity\n",
            "holdings.csv": "holder,class,shares\n",
            "convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued,anti_dilution\nn,a,note,c,\"100,000\",1.00,2024-01-01,\(antiDilution)\n",
            "transactions.csv": "date,event,holder,class,shares,consideration\n2025-02-01,issue,b,c,\"10,000\",\"9,000\"\n2025-03-01,issue,b,c,\"20,000\",\"16,000\"\n2025-04-01,issue,b,c,\"50,000\",\"40,000\"\n",
        ]
    }

    func price(_ c: Case) -> Fraction? { c.convertibles[0].conversionPrice?.dollars }

    @Test func carriedForwardSubCentAdjustments() throws {
        let base = try CaseLoader.load(files: Self.files("weighted_average").mapValues { Array($0.utf8) }).get()
        #expect(price(base.replayed(through: d("2025-02-01"))) == Fraction(1))
        #expect(price(base.replayed(through: d("2025-03-01"))) == Fraction(1))
        let after = base.replayed(through: d("2025-04-01"))
        #expect(price(after) == Fraction(99, 100))
        #expect(after.convertibles[0].sharesOnConversion(on: d("2025-04-01"), calendar: after.calendar) == Shares(101_010))
    }

    /// Without `weighted_average` the price never moves.
    @Test func notMarkedNotAdjusted() throws {
        let base = try CaseLoader.load(files: Self.files("none").mapValues { Array($0.utf8) }).get()
        #expect(price(base.replayed(through: d("2025-04-01"))) == Fraction(1))
    }
}
