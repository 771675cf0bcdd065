import Foundation
import Testing

/// `headroom` and `explain` on the real cases, as a user runs them.
@Suite struct HeadroomExplainCommandTests {
    /// The seed: WCAS VIII Associates' 20,762,457 shares are the fund's
    /// 6,250,000 and the 14,512,457 on conversion of its note (Item 5(a)),
    /// over 93,840,935 outstanding plus those (the filing's denominator).
    @Test func explainTracesTheSeedsFigure() throws {
        let run = try Harness.run(["explain", "Inputs/savvis-2001", "--person", "viii-associates"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Aggregate (row 11): 20,762,457 shares = 6,250,000 + 14,512,457"))
        #expect(run.stdout.contains("6,250,000 shares held by Welsh, Carson, Anderson & Stowe VIII, L.P. (wcas8)"))
        #expect(run.stdout.contains("14,512,457 shares acquirable within 60 days under note R-01"))
        #expect(run.stdout.contains("through: viii-associates is the general partner of wcas8"))
        #expect(run.stdout.contains("Denominator: 108,353,392 shares"))
        #expect(run.stdout.contains("93,840,935 shares outstanding"))
        #expect(run.stdout.contains("Percent of class (row 13): 19.2%"))
        let json = try Harness.run(["explain", "Inputs/savvis-2001", "--person", "viii-associates", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["aggregate"] as? Int == 20_762_457)
        #expect(parsed?.first?["denominator"] as? Int == 108_353_392)
    }

    /// An individual who disclaims: its shares left out of row 11 are listed and counted beneficially.
    @Test func explainShowsDisclaimedShares() throws {
        let run = try Harness.run(["explain", "Inputs/savvis-2001", "--person", "welsh"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Disclaimed (row 12)"))
        // Item 5(a): 198,832 of his own and 29,611,670 of the funds', of 108,492,667.
        #expect(run.stdout.contains("beneficially owned: 29,810,502 shares of 108,492,667 shares"))
    }

    @Test func unknownPersonIsUsageError() throws {
        let run = try Harness.run(["explain", "Inputs/savvis-2001", "--person", "viii-asociates"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("did you mean \"viii-associates\"?"))
    }

    /// The fund-complex case: Alice holds 10,000 of 50,000,000; more than 5%
    /// is more than 2,500,000, so 2,490,000 more is the most she can buy.
    @Test func headroomOfOnePerson() throws {
        let run = try Harness.run(["headroom", "Inputs/fund-complex", "--person", "alice", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["class", "person", "name", "line", "percent_now", "headroom", "binding", "binding_percent"])
        #expect(rows[1][3] == "more than 5%" && rows[1][5] == "2490000" && rows[1][6] == "alice")
        // Sable's warrant is capped at 9.99%: 549,938 of its 2,000,000 shares are acquirable under it.
        let all = try Harness.run(["headroom", "Inputs/fund-complex"])
        #expect(all.stdout.contains("Blocker: W-1 of sable, capped at 9.99%: 549,938 of its 2,000,000 shares acquirable under the blocker now."))
    }
}

/// `what-if` on the seed, and its hypothetical events' errors.
@Suite struct WhatIfCommandTests {
    /// WCAS VII holds 3,475,566 of 93,840,935 (3.7%); 2,000,000 more bought
    /// in the market make 5,475,566, 5.83%: more than 5%, a Schedule 13D due
    /// five business days after (Rule 13d-1(a)), 2001-03-08.
    @Test func purchaseCrossesAndTriggersAFiling() throws {
        let before = try Data(contentsOf: Harness.root.appendingPathComponent("Inputs/savvis-2001/transactions.csv"))
        let run = try Harness.run(["what-if", "Inputs/savvis-2001", "--events", "Examples/what-if/purchase.csv", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map(String.init)
        let wcas7 = try #require(rows.first { $0.hasPrefix("common,wcas7,") })
        #expect(wcas7.contains(",3475566,") && wcas7.contains(",5475566,"))
        #expect(wcas7.contains("more than 5%"))
        #expect(wcas7.contains("Schedule 13D due 2001-03-08"))
        // The funds it does not touch are not listed: a purchase moves no one else's denominator.
        #expect(!rows.contains { $0.hasPrefix("common,wcas6,") })
        // The case is not changed.
        #expect(try Data(contentsOf: Harness.root.appendingPathComponent("Inputs/savvis-2001/transactions.csv")) == before)
    }

    @Test func aBadEventIsReportedAtItsRow() throws {
        let dir = try Harness.temporaryDirectory()
        let events = dir.appendingPathComponent("events.csv")
        try Data("date,event,holder,class,shares\n2001-03-01,purchase,wcas7,common,\"90,000,000\"\n2001-03-02,sale,nobody,common,5\n".utf8).write(to: events)
        let run = try Harness.run(["what-if", "Inputs/savvis-2001", "--events", events.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(events.path):3:"))
        #expect(run.stderr.contains("nobody"))
        try Data("date,event,holder,class,shares\n2001-03-01,purchase,wcas7,common,\"90,000,000\"\n".utf8).write(to: events)
        let tooMany = try Harness.run(["what-if", "Inputs/savvis-2001", "--events", events.path])
        #expect(tooMany.status == 65)
        #expect(tooMany.stderr.contains("\(events.path):2:"))
        #expect(tooMany.stderr.contains("more than its 93,840,935 outstanding"))
    }
}
