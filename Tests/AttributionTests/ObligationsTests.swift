import Attribution
import CapTableCore
import InputFiles
import Testing

/// Filing obligations under Regulation 13D-G, each case worked by hand.
/// Deadlines count the SEC's business days: weekdays but the federal
/// holidays of 5 U.S.C. 6103 (Rule 0-3(a); Regulation S-T Rule 11).
@Suite struct ObligationsTests {
    /// 1,000,000 shares outstanding; `who` (filer type `filer`) holds
    /// `held`, `other` holds `others`; then the ledger's rows and any other files.
    static func obligations(filer: String, held: Int, others: Int = 1_000, _ transactions: String, from: String, to: String,
                            status: String? = nil, files extra: [String: String] = [:], voting: String = "yes") throws -> [Obligation] {
        var files = [
            "classes.csv": "class,issuer,title,outstanding,as_of,voting\nc,I,Common,\"\(1_000_000 + others - 1_000)\",2025-06-30,\(voting)\n",
            "persons.csv": "id,name,kind,filer_type\nwho,Who,entity,\(filer)\nother,Other,entity,\n",
            "holdings.csv": "holder,class,shares\nwho,c,\(held)\nother,c,\(others)\nrest,c,\(1_000_000 - held - 1_000)\n",
            "transactions.csv": "date,event,holder,class,shares,from,to\n" + transactions.split(separator: "\n").map { line in
                // Each row padded to the header's seven fields (a quoted count holds a comma).
                let fields = line.split(separator: "\"").enumerated().map { $0.offset % 2 == 0 ? $0.element.filter { $0 == "," }.count : 0 }
                return line + String(repeating: ",", count: max(0, 6 - fields.reduce(0, +)))
            }.joined(separator: "\n") + "\n",
        ]
        files["persons.csv"]! += "rest,Rest,entity,\n"
        for (k, v) in extra { files[k] = v }
        let c = try CaseLoader.load(files: files.mapValues { Array($0.utf8) }).get()
        let e = Obligations.evaluate(c, classIndex: 0, from: d(from), to: d(to), statusDate: d(status ?? to))
        return e.obligations.filter { c.persons[$0.person].id == "who" }
    }

    static func d(_ s: String) -> CalendarDate { try! ValueParser.date(s, column: "date").get() }

    /// A passive investor (Rule 13d-1(c)) crossing 5%, 10% and 20%, each next to a federal holiday.
    /// - 40,000 + 20,000 on Tuesday, November 25, 2025: 60,000 of 1,020,000 = 5.88%. Schedule 13G
    ///   within 5 business days (13d-1(c)): Wed 26, [Thu 27 Thanksgiving], Fri 28, Mon Dec 1, Tue 2, Wed 3.
    /// - + 60,000 on Wednesday, December 24: 120,000 of 1,080,000 = 11.1%. Amendment within 2
    ///   business days (13d-2(d)): [Thu 25 Christmas], Fri 26, Mon 29.
    /// - + 150,000 on Friday, January 16, 2026: 270,000 of 1,230,000 = 21.95%. Schedule 13D within
    ///   5 business days (13d-1(f)(1)): [Mon 19 Martin Luther King Jr. Day], Tue 20, Wed 21, Thu 22,
    ///   Fri 23, Mon 26. December 31's quarterly test finds no change since December 24's amendment.
    @Test func passiveCrossesFiveTenTwenty() throws {
        let o = try Self.obligations(filer: "passive", held: 40_000, """
            2025-11-25,issue,who,c,"20,000"
            2025-12-24,issue,who,c,"60,000"
            2026-01-16,issue,who,c,"150,000"

            """, from: "2025-11-01", to: "2026-02-28")
        #expect(o.map(\.filing) == [.schedule13G, .amendment13G, .schedule13D])
        #expect(o.map(\.triggerDate) == [Self.d("2025-11-25"), Self.d("2025-12-24"), Self.d("2026-01-16")])
        #expect(o.map(\.due) == [Self.d("2025-12-03"), Self.d("2025-12-29"), Self.d("2026-01-26")])
        #expect(o.map { $0.rule.prefix(13) } == ["Rule 13d-1(c)", "Rule 13d-2(d)", "Rule 13d-1(f)"])
        #expect(o.last?.note?.contains("10 days after the Schedule 13D is filed") == true)
        // Status on February 28, 2026, with nothing in filings.csv: all three are past due.
        #expect(o.allSatisfy { $0.status == .overdue })
    }

    /// A qualified institutional investor over 5% inside a quarter, back under it before the
    /// quarter's end: 40,000 + 20,000 on February 10, 2026 (5.88%), 20,000 sold on March 5
    /// (40,000 of 1,020,000, 3.9%). Rule 13d-1(b)(2) tests the quarter's last day only: nothing due.
    @Test func qiiOverAndBackInsideAQuarter() throws {
        let o = try Self.obligations(filer: "qii", held: 40_000, """
            2026-02-10,issue,who,c,"20,000"
            2026-03-05,transfer,,c,"20,000",who,other

            """, from: "2026-01-01", to: "2026-04-30")
        #expect(o.isEmpty, "\(o.map(\.trigger))")
    }

    /// A qualified institutional investor over 10% at a month's end before it has filed: 40,000 +
    /// 90,000 on January 15, 2026 (130,000 of 1,090,000 = 11.9%). The initial Schedule 13G within 5
    /// business days after the month's end (13d-1(b)(2)): Saturday, January 31: Mon Feb 2, Tue 3,
    /// Wed 4, Thu 5, Fri 6. Nothing more at March 31: no change since.
    @Test func qiiOverTenAtAMonthsEndBeforeFiling() throws {
        let o = try Self.obligations(filer: "qii", held: 40_000, "2026-01-15,issue,who,c,\"90,000\"\n",
                                     from: "2026-01-01", to: "2026-03-31")
        #expect(o.map(\.filing) == [.schedule13G])
        #expect(o.first?.triggerDate == Self.d("2026-01-31"))
        #expect(o.first?.due == Self.d("2026-02-06"))
        #expect(o.first?.rule.hasPrefix("Rule 13d-1(b)(2)") == true)
    }

    /// An exempt investor (Rule 13d-1(d)) over 5% at a quarter's end: 40,000 + 20,000 on November
    /// 10, 2025. December 31 + 45 days = Saturday, February 14, 2026; Monday the 16th is
    /// Washington's Birthday: Tuesday, February 17 (Rule 0-3(a)).
    @Test func exemptInvestorAtTheQuartersEnd() throws {
        let o = try Self.obligations(filer: "exempt", held: 40_000, "2025-11-10,issue,who,c,\"20,000\"\n",
                                     from: "2025-11-01", to: "2025-12-31")
        #expect(o.map(\.filing) == [.schedule13G])
        #expect(o.first?.triggerDate == Self.d("2025-12-31"))
        #expect(o.first?.due == Self.d("2026-02-17"))
        #expect(o.first?.rule.hasPrefix("Rule 13d-1(d)") == true)
    }

    /// Over 5% only because the issuer bought back shares: 48,000 of 1,099,000 (4.37%), then the
    /// issuer repurchases 160,000 of `rest`'s on April 15, 2026: 48,000 of 939,000 = 5.11%. No
    /// acquisition, so no Schedule 13D (Section 13(d)(1) and Rule 13d-1(a) need one; C&DI 101.01):
    /// a notice. Still over 5% on June 30: Schedule 13G under Rule 13d-1(d) within 45 days, August
    /// 14 (a Friday). Then 2,000 bought on Monday, July 20 (50,000 of 941,000, 5.3%): an
    /// acquisition while over 5%, Schedule 13D within 5 business days: Tue 21, Wed 22, Thu 23,
    /// Fri 24, Mon 27.
    @Test func buybackCrossing() throws {
        let o = try Self.obligations(filer: "13d", held: 48_000, others: 100_000, """
            2026-04-15,repurchase,rest,c,"160,000"
            2026-07-20,issue,who,c,"2,000"

            """, from: "2026-04-01", to: "2026-07-31")
        #expect(o.map(\.filing) == [nil, .schedule13G, .schedule13D])
        #expect(o.map(\.triggerDate) == [Self.d("2026-04-15"), Self.d("2026-06-30"), Self.d("2026-07-20")])
        #expect(o.map(\.due) == [nil, Self.d("2026-08-14"), Self.d("2026-07-27")])
        #expect(o.first?.trigger.contains("without an acquisition") == true)
        #expect(o.first?.status == Obligation.Status.none)
    }

    /// A non-voting class is no "equity security" of Regulation 13D-G (Rule 13d-1(i)): 60,000 +
    /// 100,000 (15.7%) calls for nothing.
    @Test func nonVotingClass() throws {
        let o = try Self.obligations(filer: "13d", held: 60_000, "2025-12-24,issue,who,c,\"100,000\"\n",
                                     from: "2025-12-01", to: "2025-12-31", voting: "no")
        #expect(o.isEmpty)
    }

    /// Schedule 13D amendments (Rule 13d-2(a)), counted from the position on --from (6%, no
    /// filings.csv): + 15,000 on Wednesday, December 24, 2025 (15,000 ≥ 1% of 1,015,000 = 10,150):
    /// within 2 business days, [Christmas] Fri 26, Mon 29. Then 30,000 transferred away on Monday,
    /// January 5, 2026 (45,000 of 1,015,000, 4.4%): no longer over 5%, Tue 6, Wed 7.
    @Test func thirteenDAmendments() throws {
        let o = try Self.obligations(filer: "13d", held: 60_000, """
            2025-12-24,issue,who,c,"15,000"
            2026-01-05,transfer,,c,"30,000",who,other

            """, from: "2025-12-01", to: "2026-01-31")
        #expect(o.map(\.filing) == [.amendment13D, .amendment13D])
        #expect(o.map(\.due) == [Self.d("2025-12-29"), Self.d("2026-01-07")])
        #expect(o.last?.trigger.hasPrefix("no longer more than 5%") == true)
    }

    /// holidays.csv is the instruments' calendar, never the SEC's: Election Day, Tuesday, November
    /// 4, 2025, is a New York legal holiday but no federal one. A 13D filer crossing on Monday,
    /// November 3 (40,000 + 20,000): Tue 4, Wed 5, Thu 6, Fri 7, Mon 10. With November 5 in
    /// filing_closures.csv the SEC's fifth business day is Wednesday the 12th (the 11th is
    /// Veterans Day).
    @Test func calendars() throws {
        let holidays = ["holidays.csv": "date,name\n2025-11-04,Election Day (New York)\n"]
        let o = try Self.obligations(filer: "13d", held: 40_000, "2025-11-03,issue,who,c,\"20,000\"\n",
                                     from: "2025-10-31", to: "2025-11-30", files: holidays)
        #expect(o.map(\.due) == [Self.d("2025-11-10")])
        var closed = holidays
        closed["filing_closures.csv"] = "date,name\n2025-11-05,closure\n"
        let p = try Self.obligations(filer: "13d", held: 40_000, "2025-11-03,issue,who,c,\"20,000\"\n",
                                     from: "2025-10-31", to: "2025-11-30", files: closed)
        #expect(p.map(\.due) == [Self.d("2025-11-12")])
    }

    /// A passive filer (13G filed May 28, 2025) comes to hold with control intent on Wednesday,
    /// September 10: Schedule 13D within 5 business days (13d-1(e)(1)), Thu 11, Fri 12, Mon 15,
    /// Tue 16, Wed 17, with the cooling-off of 13d-1(e)(2). Filed on the 16th: filed.
    @Test func controlIntent() throws {
        let filed13G = "person,class,form,filed,event_date,shares\nwho,c,13G,2025-06-01,2025-05-28,\"60,000\"\n"
        let o = try Self.obligations(filer: "passive", held: 60_000, "2025-09-10,control_intent,who\n",
                                     from: "2025-09-01", to: "2025-09-30", files: ["filings.csv": filed13G])
        #expect(o.map(\.filing) == [.schedule13D])
        #expect(o.first?.due == Self.d("2025-09-17"))
        #expect(o.first?.note?.hasPrefix("Rule 13d-1(e)(2)") == true)
        #expect(o.first?.status == .overdue)
        let both = filed13G + "who,c,13D,2025-09-16,2025-09-10,\"60,000\"\n"
        let p = try Self.obligations(filer: "passive", held: 60_000, "2025-09-10,control_intent,who\n",
                                     from: "2025-09-01", to: "2025-09-30", files: ["filings.csv": both])
        #expect(p.first?.status == .filed)
    }

    /// Rule 13d-2(c): a qualified institutional investor that has filed (13G for 60,000, 6%, event
    /// December 31, 2024). + 60,000 on January 20, 2025: 120,000 of 1,060,000 = 11.3% at the
    /// month's end, Friday, January 31: an amendment within 5 business days, Mon Feb 3 … Fri 7.
    /// + 80,000 on March 10: 200,000 of 1,140,000 = 17.5%, 6.2 points from the 11.3% reported, at
    /// the month's end, Monday, March 31: Tue Apr 1 … Mon Apr 7. The quarter's end (13d-2(b))
    /// finds nothing since that amendment.
    @Test func qiiMonthEndAmendments() throws {
        let filed = "person,class,form,filed,event_date,shares\nwho,c,13G,2025-02-10,2024-12-31,\"60,000\"\n"
        let o = try Self.obligations(filer: "qii", held: 60_000, """
            2025-01-20,issue,who,c,"60,000"
            2025-03-10,issue,who,c,"80,000"

            """, from: "2025-01-01", to: "2025-06-29", files: ["filings.csv": filed])
        #expect(o.map(\.filing) == [.amendment13G, .amendment13G])
        #expect(o.map(\.triggerDate) == [Self.d("2025-01-31"), Self.d("2025-03-31")])
        #expect(o.map(\.due) == [Self.d("2025-02-07"), Self.d("2025-04-07")])
        #expect(o.allSatisfy { $0.rule.hasPrefix("Rule 13d-2(c)") })
    }

    /// Rule 13d-2(b): an exempt investor on Schedule 13G (60,000, 6%). + 20,000 on May 5, 2025
    /// (20,000 ≥ 1% of 1,020,000): at the quarter's end, June 30, an amendment within 45 days,
    /// Thursday, August 14. 40,000 transferred away on August 1 (40,000 of 1,020,000, 3.9%): at
    /// September 30, no longer over 5% by a disposition: Friday, November 14.
    @Test func quarterlyAmendments() throws {
        let filed = "person,class,form,filed,event_date,shares\nwho,c,13G,2025-02-14,2024-12-31,\"60,000\"\n"
        let o = try Self.obligations(filer: "exempt", held: 60_000, """
            2025-05-05,issue,who,c,"20,000"
            2025-08-01,transfer,,c,"40,000",who,other

            """, from: "2025-01-01", to: "2025-10-31", files: ["filings.csv": filed])
        #expect(o.map(\.filing) == [.amendment13G, .amendment13G])
        #expect(o.map(\.triggerDate) == [Self.d("2025-06-30"), Self.d("2025-09-30")])
        #expect(o.map(\.due) == [Self.d("2025-08-14"), Self.d("2025-11-14")])
        #expect(o.allSatisfy { $0.rule.hasPrefix("Rule 13d-2(b)") })
        #expect(o.last?.trigger.hasPrefix("no longer more than 5%") == true)
    }

    /// filings.csv is the baseline of the 1% test: 50,000 reported on March 1, 2025; 59,000 on
    /// --from; + 2,000 on Tuesday, June 10: 61,000 − 50,000 = 11,000 ≥ 1% of 1,002,000 (10,020):
    /// an amendment by Thursday the 12th. Counted from --from (59,000) it would be 2,000: nothing.
    @Test func filingsAreTheBaseline() throws {
        let filed = "person,class,form,filed,event_date,shares\nwho,c,13D,2025-03-05,2025-03-01,\"50,000\"\n"
        let o = try Self.obligations(filer: "13d", held: 59_000, "2025-06-10,issue,who,c,\"2,000\"\n",
                                     from: "2025-06-01", to: "2025-06-30", files: ["filings.csv": filed])
        #expect(o.map(\.filing) == [.amendment13D])
        #expect(o.first?.due == Self.d("2025-06-12"))
        let without = try Self.obligations(filer: "13d", held: 59_000, "2025-06-10,issue,who,c,\"2,000\"\n",
                                           from: "2025-06-01", to: "2025-06-30")
        #expect(without.isEmpty)
    }
}

/// Disclaimers and Section 16, worked by hand.
@Suite struct DisclaimerAndSectionSixteenTests {
    /// A managing member sharing power over a fund's 1,500 of 10,000 shares (15%) and disclaiming
    /// them: rows 7 to 11 leave them out, but it beneficially owns them for every line (Rule 13d-4
    /// is no exemption).
    @Test func disclaimedFifteenPercentIsOverTheLines() throws {
        let s = Scenario(persons: persons("fund", "gp", "lin:individual"),
                         holdings: "holder,class,shares,voting,dispositive\nfund,c,1500,sole,sole\n",
                         relations: "controller,controlled,role,voting,dispositive,disclaims\ngp,fund,general_partner,sole,sole,no\nlin,gp,managing_member,shared,shared,yes\n")
        let lin = try #require(try s.ownership()["lin"])
        #expect(lin.aggregate == .zero && lin.excluded == Shares(1_500))
        #expect(lin.beneficiallyOwned == Shares(1_500))
        #expect(Threshold.tenPercent.isCrossed(by: lin.beneficialPercent))
        #expect(lin.tenPercentOwner)
    }

    /// `disclaims = statement`: the same shares stay in every row (aggregate 1,500, nothing excluded).
    @Test func statementKeepsTheShares() throws {
        let s = Scenario(persons: persons("fund", "lin:individual"),
                         holdings: "holder,class,shares,voting,dispositive\nfund,c,1500,sole,sole\n",
                         relations: "controller,controlled,role,voting,dispositive,disclaims\nlin,fund,managing_member,shared,shared,statement\n")
        let lin = try #require(try s.ownership()["lin"])
        #expect(lin.aggregate == Shares(1_500) && lin.excluded == .zero && lin.sharedVotingPower == Shares(1_500))
    }

    /// A group made over 5% by a member's disclaimed shares (Rule 13d-5(b)(1)): A holds 300 of
    /// 10,000; B disclaims its fund's 300. The group owns 600 (6%); its rows 7 to 11 show A's 300.
    @Test func groupCountsMembersDisclaimedShares() throws {
        let s = Scenario(persons: persons("a", "b", "fund", "g:group"),
                         holdings: "holder,class,shares,voting,dispositive\na,c,300,sole,sole\nfund,c,300,sole,sole\n",
                         relations: "controller,controlled,role,voting,dispositive,disclaims\nb,fund,general_partner,sole,sole,yes\n",
                         groups: "group,member\ng,a\ng,b\n")
        let g = try #require(try s.ownership()["g"])
        #expect(g.aggregate == Shares(300))
        #expect(g.beneficiallyOwned == Shares(600))
        #expect(Threshold.fivePercent.isCrossed(by: g.beneficialPercent))
    }

    /// Rule 16a-1(a)(1): A (600 of 10,000, 6%) and B (500, 5%) in a group of 1,100 (11%): each is
    /// a ten percent owner through the group; C (900, 9%) outside it is not.
    @Test func groupMembersAreTenPercentOwners() throws {
        let s = Scenario(persons: persons("a", "b", "c", "g:group"),
                         holdings: "holder,class,shares,voting,dispositive\na,c,600,sole,sole\nb,c,500,sole,sole\nc,c,900,sole,sole\n",
                         groups: "group,member\ng,a\ng,b\n")
        let rows = try s.ownership()
        #expect(rows["a"]?.tenPercentOwner == true)
        #expect(rows["b"]?.tenPercentOwner == true)
        #expect(rows["g"]?.tenPercentOwner == true)
        #expect(rows["c"]?.tenPercentOwner == false)
    }
}

/// Rule 13d-3(d)(1)(i) proviso: "any person who acquires a security or power specified in
/// paragraphs (d)(1)(i)(A), (B) or (C) ... with the purpose or effect of changing or influencing
/// the control of the issuer ... immediately upon such acquisition shall be deemed to be the
/// beneficial owner", directly or indirectly.
@Suite struct ControlIntentThroughControlTests {
    /// A fund holds an option on 1,000 shares first exercisable January 1, 2026, a year after the
    /// as-of date (outside the 60 days). The fund, without control intent, counts none of it. Its
    /// general partner, with control intent, counts all 1,000: 1,000 of 10,000 + 1,000 = 9.09%.
    @Test func controllerWithIntentCountsTheFundsRight() throws {
        let s = Scenario(persons: persons("fund", "gp:entity:ci"),
                         holdings: "holder,class,shares,voting,dispositive\n",
                         options: "id,holder,kind,class,shares,exercisable_from\no1,fund,option,c,1000,2026-01-01\n",
                         relations: "controller,controlled,role,voting,dispositive\ngp,fund,general_partner,sole,sole\n")
        let rows = try s.ownership()
        #expect(rows["fund"]?.aggregate ?? .zero == .zero)
        let gp = try #require(rows["gp"])
        #expect(gp.aggregate == Shares(1_000))
        #expect(gp.denominator == Shares(11_000))
        #expect(gp.soleVotingPower == Shares(1_000))
    }

    /// The same general partner without control intent counts nothing.
    @Test func withoutIntentNothing() throws {
        let s = Scenario(persons: persons("fund", "gp"),
                         holdings: "holder,class,shares,voting,dispositive\n",
                         options: "id,holder,kind,class,shares,exercisable_from\no1,fund,option,c,1000,2026-01-01\n",
                         relations: "controller,controlled,role,voting,dispositive\ngp,fund,general_partner,sole,sole\n")
        #expect(try s.ownership()["gp"]?.aggregate ?? .zero == .zero)
    }
}
