import Attribution
import CapTableCore
import Testing

/// Events between two dates and the filings they call for. Business days
/// follow the federal holidays; each deadline is counted by hand beside it.
@Suite struct MonitoringTests {
    /// 1,000,000 shares outstanding; `who` (of filer type `filer`) holds `held`; the ledger's rows follow.
    static func events(filer: String, held: Int, _ transactions: String, from: String, to: String) throws -> [OwnershipEvent] {
        let files = [
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"1,000,000\",2025-06-30\n",
            "persons.csv": "id,name,kind,filer_type\nwho,Who,entity,\(filer)\nother,Other,entity,\n",
            "holdings.csv": "holder,class,shares\nwho,c,\(held)\nother,c,1000\n",
            "transactions.csv": "date,event,holder,class,shares\n" + transactions,
        ]
        let c = try CaseLoader.load(files: files.mapValues { Array($0.utf8) }).get()
        let d = { try ValueParser.date($0, column: "date").get() }
        let changes = Monitoring.changes(c, classIndex: 0, from: try d(from), to: try d(to))
        return changes.first { c.persons[$0.person].id == "who" }?.events ?? []
    }

    static func d(_ s: String) -> CalendarDate { try! ValueParser.date(s, column: "date").get() }

    /// Schedule 13D: 5 business days. Crossing on Thursday, July 3, 2025 (60,000 of 1,020,000 = 5.88%):
    /// Friday the 4th is Independence Day, then a weekend: Mon 7, Tue 8, Wed 9, Thu 10, Fri 11.
    @Test func initialThirteenD() throws {
        let e = try Self.events(filer: "13d", held: 40_000, "2025-07-03,issue,who,c,\"20,000\"\n", from: "2025-06-30", to: "2025-07-31")
        #expect(e.count == 1)  // the acquisition that crosses is reported by the initial filing, not as a 1% change
        #expect(e.first?.kind == .crossedAbove(.fivePercent))
        #expect(e.first?.filing == "Schedule 13D")
        #expect(e.first?.due == Self.d("2025-07-11"))
    }

    /// A passive investor's Schedule 13G: 5 business days. Friday, August 29, 2025; Monday, September 1
    /// is Labor Day: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8.
    @Test func passiveThirteenG() throws {
        let e = try Self.events(filer: "passive", held: 40_000, "2025-08-29,issue,who,c,\"15,000\"\n", from: "2025-08-01", to: "2025-09-30")
        #expect(e.map(\.filing) == ["Schedule 13G"])
        #expect(e.first?.due == Self.d("2025-09-08"))
    }

    /// Qualified institutional and exempt investors: 45 days after the quarter's end. Crossing in the
    /// fourth quarter of 2025: December 31 + 45 days = Saturday, February 14, 2026; Monday the 16th is
    /// Washington's Birthday: Tuesday, February 17.
    @Test(arguments: ["qii", "exempt"])
    func quarterEnd(filer: String) throws {
        let e = try Self.events(filer: filer, held: 40_000, "2025-11-10,issue,who,c,\"20,000\"\n", from: "2025-11-01", to: "2025-11-30")
        #expect(e.map(\.filing) == ["Schedule 13G"])
        #expect(e.first?.due == Self.d("2026-02-17"))
    }

    /// A qualified institutional investor over 10% at a month's end: 5 business days after it.
    /// Crossing on January 15, 2026 (130,000 of 1,070,000 = 12.1%); January 31 is a Saturday:
    /// Mon Feb 2, Tue 3, Wed 4, Thu 5, Fri 6.
    @Test func qiiMonthEnd() throws {
        let e = try Self.events(filer: "qii", held: 60_000, "2026-01-15,issue,who,c,\"70,000\"\n", from: "2026-01-01", to: "2026-01-31")
        let over10 = try #require(e.first { $0.kind == .crossedAbove(.tenPercent) })
        #expect(over10.filing == "Schedule 13G amendment")
        #expect(over10.due == Self.d("2026-02-06"))
    }

    /// A passive investor over 10%: 2 business days. Friday, March 6, 2026: Mon 9, Tue 10.
    @Test func passiveOverTen() throws {
        let e = try Self.events(filer: "passive", held: 60_000, "2026-03-06,issue,who,c,\"70,000\"\n", from: "2026-03-01", to: "2026-03-31")
        let over10 = try #require(e.first { $0.kind == .crossedAbove(.tenPercent) })
        #expect(over10.due == Self.d("2026-03-10"))
    }

    /// Rule 13d-2(a): a 1% acquisition by a 13D filer already over 5% (60,000 → 75,000 shares, 7.4%,
    /// no line crossed; 15,000 ≥ 1% of 1,015,000): an amendment within 2 business days.
    /// Wednesday, December 24, 2025; Thursday the 25th is Christmas: Fri 26, Mon 29.
    @Test func materialChange() throws {
        let e = try Self.events(filer: "13d", held: 60_000, "2025-12-24,issue,who,c,\"15,000\"\n", from: "2025-12-01", to: "2025-12-31")
        #expect(e.map(\.kind) == [.materialChange(shares: 15_000)])
        #expect(e.first?.filing == "Schedule 13D amendment")
        #expect(e.first?.due == Self.d("2025-12-29"))
    }

    /// A percent moved by the issuer's share count alone is no acquisition or disposition:
    /// 110,000 of 1,000,000 (11%) becomes 110,000 of 1,250,000 (8.8%), 2.2 points down; only
    /// the 10% line is crossed (downward), and there is no 1% event.
    @Test func issuerShareCountAlone() throws {
        let files = "2025-12-01,outstanding,,c,\"1,250,000\"\n"
        let e = try Self.events(filer: "13d", held: 110_000, files, from: "2025-11-01", to: "2025-12-31")
        #expect(e.map(\.kind) == [.crossedBelow(.tenPercent)])
    }

    /// Counting starts again after each 1% event. From 60,000: +6,000 (6,000 < 1% of 1,006,000),
    /// +6,000 (12,000 ≥ 10,120: reported on the second day, counting starts again), +6,000
    /// (6,000 < 10,180: not yet).
    @Test func countingRestarts() throws {
        let rows = "2025-12-01,issue,who,c,\"6,000\"\n2025-12-02,issue,who,c,\"6,000\"\n2025-12-03,issue,who,c,\"6,000\"\n"
        let e = try Self.events(filer: "13d", held: 60_000, rows, from: "2025-11-30", to: "2025-12-31")
        #expect(e.map(\.kind) == [.materialChange(shares: 12_000)])
        #expect(e.first?.date == Self.d("2025-12-02"))
    }

    /// Rule 13d-2(d): a passive investor over 10% (110,000 of 1,000,000, 11%) reaches 180,000 of
    /// 1,070,000 (16.82%) on Friday, March 6, 2026: 5.82 points, more than 5: an amendment within
    /// 2 business days, Tuesday, March 10. No line is crossed. The 70,000 shares are also a 1%
    /// acquisition, listed as an event that calls for no filing from a passive investor.
    @Test func passiveFivePoints() throws {
        let e = try Self.events(filer: "passive", held: 110_000, "2026-03-06,issue,who,c,\"70,000\"\n", from: "2026-03-01", to: "2026-03-31")
        #expect(e.count == 2, "\(e.map(\.kind))")
        guard case .percentChange(let points)? = e.first?.kind else { Issue.record("\(e)"); return }
        #expect(points == Fraction(623, 107))  // 180,000 / 1,070,000 × 100 − 11 = 5.82…
        #expect(e.first?.filing == "Schedule 13G amendment")
        #expect(e.first?.due == Self.d("2026-03-10"))
        #expect(e.last?.kind == .materialChange(shares: 70_000))
        #expect(e.last?.filing == nil)
    }

    /// Ceasing to own more than 5%: 60,000 of 1,000,000, then 20,000 repurchased on Wednesday,
    /// December 24, 2025 (40,000 of 980,000, 4.08%). A 13D filer amends within 2 business days
    /// (Christmas on the 25th: Fri 26, Mon 29); the 20,000 are also a 1% disposition.
    @Test func noLongerOverFiveThirteenD() throws {
        let e = try Self.events(filer: "13d", held: 60_000, "2025-12-24,repurchase,who,c,\"20,000\"\n", from: "2025-12-01", to: "2025-12-31")
        let below = try #require(e.first { $0.kind == .crossedBelow(.fivePercent) })
        #expect(below.filing == "Schedule 13D amendment")
        #expect(below.due == Self.d("2025-12-29"))
        #expect(e.contains { $0.kind == .materialChange(shares: -20_000) })
    }

    /// A 13G filer amends 45 days after the quarter's end: December 31 + 45 = Saturday,
    /// February 14, 2026; Monday the 16th is Washington's Birthday: Tuesday, February 17.
    @Test func noLongerOverFivePassive() throws {
        let e = try Self.events(filer: "passive", held: 60_000, "2025-12-24,repurchase,who,c,\"20,000\"\n", from: "2025-12-01", to: "2025-12-31")
        let below = try #require(e.first { $0.kind == .crossedBelow(.fivePercent) })
        #expect(below.filing == "Schedule 13G amendment")
        #expect(below.due == Self.d("2026-02-17"))
    }
}
