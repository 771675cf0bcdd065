import Testing

/// `Inputs/savvis-ledger`: the seed's case followed from the closing to the note's maturity.
/// WCAS VIII's $19,047,600 note: 10% a year, 30/360, paid in kind on the last business day of
/// August and February (New York legal holidays), from August 31, 2001; it matures on
/// February 20, 2006 "or the next preceding Business Day": February 20, 2006 is Washington's
/// Birthday, so Friday, February 17. Each figure below is computed by hand from the note's terms:
/// PIK = principal × 10% × (30/360 days) / 360, rounded to the cent; shares = floor(principal × 16 / 21).
@Suite struct SavvisLedgerTests {
    static let payments: [(date: String, days: Int, principal: String, shares: String)] = [
        ("2001-08-31", 191, "$20,058,181.00", "15282423"),   // 19,047,600 × 0.1 × 191/360 = 1,010,581.00
        ("2002-02-28", 178, "$21,049,946.62", "16038054"),   // 20,058,181 × 0.1 × 178/360 = 991,765.62
        ("2002-08-30", 182, "$22,114,138.37", "16848867"),   // Aug 31 is a Saturday
        ("2003-02-28", 178, "$23,207,559.66", "17681950"),
        ("2003-08-29", 181, "$24,374,384.19", "18570959"),   // Aug 30–31 a weekend
        ("2004-02-27", 178, "$25,579,562.07", "19489190"),   // Feb 28–29 a weekend
        ("2004-08-31", 184, "$26,886,961.91", "20485304"),
        ("2005-02-28", 178, "$28,216,372.80", "21498188"),
        ("2005-08-31", 183, "$29,650,705.08", "22591013"),
    ]

    /// On each payment date the note's principal (PIK added) and the shares it converts into.
    @Test(arguments: payments)
    func paymentDates(_ p: (date: String, days: Int, principal: String, shares: String)) throws {
        // The workbook's Instruments sheet shows the interest paid in kind so far: principal − $19,047,600.
        let book = try Harness.temporaryDirectory().appendingPathComponent("book.xlsx")
        let run = try Harness.run(["export", "Inputs/savvis-ledger", "--format", "xlsx", "--as-of", p.date, "--output", book.path])
        #expect(run.status == 0)
        let principalCents = Int(p.principal.filter(\.isNumber))!
        let pik = principalCents - 1_904_760_000
        let expected = "$" + CoverPageTests.grouped(pik / 100) + "." + String(format: "%02d", pik % 100)
        #expect(try sheetRows(book, sheet: 3).first { $0["Instrument"] == "R-01" }?["PIK added"] == expected, "\(p.date)")
        let cap = try Harness.run(["cap-table", "Inputs/savvis-ledger", "--as-of", p.date, "--format", "csv"])
        #expect(Harness.records(cap.stdout).first { $0["holder"] == "wcas8" }?["as_converted"] == p.shares, "\(p.date)")
    }

    /// At maturity: $29,650,705.08 + 167 days accrued ($1,375,463.26) = $31,026,168.34: 23,638,985
    /// shares; 29,888,985 of 117,479,920 = 25.4%. The day after, the note has been repaid.
    @Test func maturity() throws {
        let at = try Harness.run(["ownership", "Inputs/savvis-ledger", "--as-of", "2006-02-17", "--format", "csv"])
        let wcas8 = try #require(Harness.records(at.stdout).first { $0["person"] == "wcas8" })
        #expect(wcas8["acquirable"] == "23638985")
        #expect(wcas8["percent_text"] == "25.4%")
        let after = try Harness.run(["ownership", "Inputs/savvis-ledger", "--as-of", "2006-02-18", "--format", "csv"])
        #expect(Harness.records(after.stdout).first { $0["person"] == "wcas8" }?["aggregate"] == "6250000")
    }

    /// Every event of WCAS VIII from the closing to maturity, found day by day: the 20% line
    /// (x ≥ 15,647,734 conversion shares: 4x ≥ 93,840,935 − 4 × 6,250,000 … reached when accrual
    /// after August 31, 2001 passes $479,469.88, day 87 of 30/360: November 27) and each 1% step
    /// (938,410 shares or more since the last): from 20,762,457 first on October 10, 2001 (day 40:
    /// 21,702,228), then as the list shows.
    @Test func changesToMaturity() throws {
        let run = try Harness.run(["changes", "Inputs/savvis-ledger", "--from", "2001-02-20", "--to", "2006-02-17", "--format", "csv"])
        #expect(run.status == 0)
        let events = Harness.records(run.stdout).filter { $0["record"] == "event" && $0["person"] == "wcas8" }
        #expect(events.map { "\($0["date"]!) \($0["to_aggregate"]!) \($0["event"]!)" } == [
            "2001-10-10 21702228 acquired 939,771 shares since the last filing (1% of the class or more)",
            "2001-11-27 21901748 now 20% or more",
            "2002-05-18 22644455 acquired 942,227 shares since the last filing (1% of the class or more)",
            "2002-12-14 23585612 acquired 941,157 shares since the last filing (1% of the class or more)",
            "2003-06-29 24526260 acquired 940,648 shares since the last filing (1% of the class or more)",
            "2004-01-04 25465784 acquired 939,524 shares since the last filing (1% of the class or more)",
            "2004-06-30 26405070 acquired 939,286 shares since the last filing (1% of the class or more)",
            "2004-12-17 27344173 acquired 939,103 shares since the last filing (1% of the class or more)",
            "2005-05-28 28285643 acquired 941,470 shares since the last filing (1% of the class or more)",
            "2005-11-02 29230080 acquired 944,437 shares since the last filing (1% of the class or more)",
        ])
        // A 1% step by a 13D filer over 5%: an amendment within 2 business days (October 10, 2001
        // is a Wednesday: Thursday 11, Friday 12).
        #expect(events.first?["filing"] == "Schedule 13D/A")
        #expect(events.first?["due"] == "2001-10-12")
        let position = try #require(Harness.records(run.stdout).first { $0["record"] == "position" && $0["person"] == "wcas8" })
        #expect(position["from_aggregate"] == "20762457")
        #expect(position["to_aggregate"] == "29888985")
    }

    /// `obligations` lists WCAS VIII's Schedule 13D amendments (Rule 13d-2(a): 2 business days),
    /// each due date counted by hand on the SEC's calendar (federal holidays; holidays.csv's New
    /// York holidays do not count): Wed Oct 10, 2001 → Thu 11, Fri 12; Sat May 18, 2002 → Mon 20,
    /// Tue 21; Sat Dec 14 → Mon 16, Tue 17; Sun Jun 29, 2003 → Mon 30, Tue Jul 1; Sun Jan 4, 2004 →
    /// Mon 5, Tue 6; Wed Jun 30 → Thu Jul 1, Fri 2; Fri Dec 17 → Mon 20, Tue 21; Sat May 28, 2005 →
    /// [Mon 30 Memorial Day] Tue 31, Wed Jun 1; Wed Nov 2 → Thu 3, Fri 4.
    @Test func obligationsToMaturity() throws {
        let run = try Harness.run(["obligations", "Inputs/savvis-ledger", "--from", "2001-02-20", "--to", "2006-02-17", "--format", "csv"])
        #expect(run.status == 1)  // nothing in filings.csv: every amendment is overdue on February 17, 2006
        let rows = Harness.records(run.stdout).filter { $0["person"] == "wcas8" }
        #expect(rows.map { "\($0["trigger_date"]!) \($0["due"]!)" } == [
            "2001-10-10 2001-10-12", "2002-05-18 2002-05-21", "2002-12-14 2002-12-17", "2003-06-29 2003-07-01",
            "2004-01-04 2004-01-06", "2004-06-30 2004-07-02", "2004-12-17 2004-12-21", "2005-05-28 2005-06-01",
            "2005-11-02 2005-11-04",
        ])
        #expect(rows.allSatisfy { $0["filing"] == "Schedule 13D/A" && $0["status"] == "overdue" && $0["rule"]!.hasPrefix("Rule 13d-2(a)") })
    }
}
