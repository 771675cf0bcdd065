import Foundation
import Testing

/// Ledgers and instruments whose figures cannot be represented: each is an
/// error naming its row (exit 65), never a trap; every figure after the
/// ledger stays within the limit of 10^15 and the rules the files obey.
@Suite struct HostileLedgerTests {
    static let classes = "class,issuer,title,outstanding,as_of\nc,I,Common,\"93,840,935\",2001-12-31\n"
    static let persons = "id,name,kind\nw,W,entity\nx,X,entity\nrest,Rest,entity\n"

    /// A hundred issues in a row below the seed note's conversion price ($1 5/16), each of 40,000
    /// shares for $40,000: each adjusts the price by about $.0001 (section 15(e): 40,000 ×
    /// ($1 5/16 − $1) / (A + 40,000), A about 108,353,392), under a cent, carried forward. The
    /// carry passes a cent at the 89th issue (worked out with exact fractions): $1.3125 − $.0100…
    /// rounds to $1.30; the eleven after carry $.0012 in all. $19,047,600 / $1.30 = 14,652,000
    /// shares, of 93,840,935 + 4,000,000 outstanding.
    @Test func hundredSmallIssues() throws {
        var ledger = "date,event,holder,class,shares,consideration\n"
        var day = Date(timeIntervalSince1970: 983_404_800)  // 2001-03-01
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd"
        format.timeZone = TimeZone(identifier: "UTC")
        for _ in 0..<100 {
            ledger += "\(format.string(from: day)),issue,x,c,\"40,000\",\"$40,000\"\n"
            day += 86_400
        }
        let dir = try Harness.makeCase([
            "classes.csv": Self.classes, "persons.csv": Self.persons,
            "holdings.csv": "holder,class,shares\nw,c,\"6,250,000\"\nrest,c,\"87,590,935\"\n",
            "convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued,maturity,rate,interest,anti_dilution\nn1,w,note,c,\"$19,047,600\",1 5/16,2001-02-20,2006-02-20,0,none,weighted_average\n",
            "transactions.csv": ledger,
        ])
        let run = try Harness.run(["ownership", dir.path, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let w = try #require(Harness.records(run.stdout).first { $0["person"] == "w" })
        #expect(w["acquirable"] == "14652000")
        #expect(w["denominator"] == String(97_840_935 + 14_652_000))
    }

    static func refused(_ files: [String: String], _ expected: String, status: Int32 = 65) throws {
        var all = ["classes.csv": classes, "persons.csv": persons, "holdings.csv": "holder,class,shares\nw,c,\"1,000\"\n"]
        for (k, v) in files { all[k] = v }
        let run = try Harness.run(["validate", try Harness.makeCase(all).path])
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(expected), "expected “\(expected)” in:\n\(run.stderr.prefix(2_000))")
        #expect(!run.stderr.contains("Swift runtime failure"))
    }

    /// A split of 10,000 on 10^15 shares: 10^19, past the limit (and past 2^63).
    @Test func splitPastTheLimit() throws {
        try Self.refused([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,1000000000000000,2025-12-31\n",
            "holdings.csv": "holder,class,shares\nw,c,1000000000000000\n",
            "transactions.csv": "date,event,class,ratio\n2025-01-02,split,c,10000\n",
        ], "transactions.csv:2:1: error: this split would make a lot of \"w\" more than 10^15 shares")
    }

    /// Eight splits of 1.000001: the exercise price $1.00 becomes 10^6k / 1,000,001^k; at the
    /// seventh its terms pass 10^38, more than 128 bits hold exactly.
    @Test func eightSmallSplits() throws {
        let ledger = "date,event,class,ratio\n" + (1...8).map { "2025-01-0\($0),split,c,1.000001\n" }.joined()
        try Self.refused([
            "options.csv": "id,holder,kind,class,shares,exercise_price\no1,w,option,c,100,1.00\n",
            "transactions.csv": ledger,
        ], "transactions.csv:8:1: error: this split would make grant \"o1\"'s exercise price a price the calculator cannot hold exactly")
    }

    /// Preferred of 10^15 units at 100,000 shares each converts into 10^20 shares (past 2^63).
    @Test func preferredPastTheLimit() throws {
        try Self.refused([
            "convertibles.csv": "id,holder,kind,class,units,conversion_ratio\np1,w,preferred,c,1000000000000000,100000\n",
            "transactions.csv": "date,event,instrument\n2001-03-01,convert,p1\n",
        ], "transactions.csv:2:1: error: preferred \"p1\" would convert into 100000000000000000000 shares, past the limit of 10^15")
    }

    /// Ten thousand issues of 10^15 shares: each would pass the limit, each is an error, and the
    /// report counts all 10,000 though it prints 100.
    @Test func tenThousandHugeIssues() throws {
        let ledger = "date,event,holder,class,shares\n" + String(repeating: "2001-03-01,issue,x,c,1000000000000000\n", count: 10_000)
        let dir = try Harness.makeCase(["classes.csv": "class,issuer,title,as_of\nc,I,Common,2001-12-31\n", "persons.csv": Self.persons,
                                        "holdings.csv": "holder,class,shares\nw,c,\"1,000\"\n", "transactions.csv": ledger])
        let run = try Harness.run(["validate", dir.path])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("transactions.csv:2:1: error: this issue of 1,000,000,000,000,000 shares would make class \"c\" 1,000,000,000,001,000 shares, past the limit of 10^15"))
        #expect(run.stderr.hasSuffix("10000 errors in \(dir.path) (the first 100 shown)\n"))
        #expect(run.stderr.split(separator: "\n").count == 101)
    }

    /// An `outstanding` event below what the holdings hold (1,000).
    @Test func outstandingBelowHeld() throws {
        try Self.refused([
            "classes.csv": "class,issuer,title,as_of\nc,I,Common,2001-12-31\n",
            "transactions.csv": "date,event,class,shares\n2001-03-01,outstanding,c,500\n",
        ], "transactions.csv:2:1: error: outstanding 500 is below the 1,000 shares of class \"c\" held in holdings")
    }

    /// Simple interest past $10^15: $900,000,000,000,000 at 12% from January 1, 2000 is more than
    /// $10^15 by June 2025 (about $2.75 × 10^15 of interest): validate replays to the class's date
    /// and says so, as every other command would.
    @Test func simpleInterestPastTheLimit() throws {
        try Self.refused([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"1,000\",2025-06-30\n",
            "convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued,maturity,rate,interest\nn1,w,note,c,\"$900,000,000,000,000\",1000000,2000-01-01,2099-12-31,12,simple\n",
        ], "convertibles.csv:2:1: error: note \"n1\" converts on 2025-06-30 into more than 10^15 shares, or its amount grows past $10^15")
    }

    /// A first payment before the note is issued: interest for days before it existed.
    @Test func firstPaymentBeforeIssue() throws {
        try Self.refused([
            "convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued,interest,rate,pik_months,first_payment\nn1,w,note,c,1000,2,2025-01-01,pik,10,6,2024-12-31\n",
        ], "convertibles.csv:2:40: error: first_payment 2024-12-31 is before issued 2025-01-01")
    }

    /// An option first exercisable after it expires can never be exercised.
    @Test func exercisableAfterExpiry() throws {
        try Self.refused([
            "options.csv": "id,holder,kind,class,shares,exercisable_from,expires\no1,w,option,c,100,2026-01-01,2025-12-31\n",
        ], "options.csv:2:19: error: exercisable_from 2026-01-01 is after expires 2025-12-31: the right can never be exercised")
    }
}
