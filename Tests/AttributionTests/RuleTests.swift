import Attribution
import CapTableCore
import Testing

/// One test (or more) per rule of RULES.md, each built so that it fails if
/// the rule were applied wrongly. Outstanding is 10,000 unless stated.
@Suite struct DenominatorTests {
    /// Rule 13d-3(d)(1)(i): only the person's own acquirable shares join its
    /// denominator, never another holder's options.
    @Test func ownRightsOnly() throws {
        var s = Scenario(persons: persons("a", "b"))
        s.holdings += "a,c,500,sole,sole\n"
        s.options = "id,holder,kind,class,shares\nopt-a,a,option,c,1000\nopt-b,b,option,c,3000\n"
        let rows = try s.ownership()
        // a: (500 + 1,000) / (10,000 + 1,000) = 13.636…%; with b's options it would be 1,500/14,000 = 10.7%.
        #expect(rows["a"]?.aggregate == Shares(1500))
        #expect(rows["a"]?.denominator == Shares(11_000))
        #expect(rows["a"]?.percentOfClass.text == "13.6%")
        #expect(rows["b"]?.denominator == Shares(13_000))
        #expect(rows["b"]?.percentOfClass.text == "23.1%")  // 3,000 / 13,000
    }

    /// A controller's denominator includes the rights it is attributed.
    @Test func attributedRightsJoinTheControllersDenominator() throws {
        var s = Scenario(persons: persons("fund", "gp"))
        s.options = "id,holder,kind,class,shares\nw,fund,warrant,c,2000\n"
        s.relations = "controller,controlled,role\ngp,fund,general_partner\n"
        let rows = try s.ownership()
        #expect(rows["gp"]?.denominator == Shares(12_000))
        #expect(rows["gp"]?.acquirableWithin60Days == Shares(2000))
    }
}

@Suite struct WindowTests {
    /// Rights exercisable on the 60th day count; on the 61st they do not.
    /// 2025-01-01 + 60 days = 2025-03-02.
    @Test func sixtyDays() throws {
        var s = Scenario(persons: persons("a", "b"))
        s.options = "id,holder,kind,class,shares,exercisable_from\nin,a,option,c,100,2025-03-02\nout,b,option,c,100,2025-03-03\n"
        let rows = try s.ownership()
        #expect(rows["a"]?.aggregate == Shares(100))
        #expect(rows["b"]?.aggregate == Shares(0))
        #expect(rows["b"] != nil)  // it holds a right, so it has a row
    }

    /// Unvested options count for what will have vested by the window's end;
    /// a cliff on 2025-02-15 falls inside it (25% of 4,000 after 12 of 48 months).
    @Test func vestingInsideTheWindow() throws {
        var s = Scenario(persons: persons("a"))
        s.options = "id,holder,kind,class,shares,vest_start,vest_months,cliff_months\no,a,option,c,4000,2024-02-15,48,12\n"
        #expect(try s.ownership()["a"]?.aggregate == Shares(1000))
        // On 2024-12-01 the window ends on 2025-01-30, before the cliff: nothing.
        #expect(try s.ownership(asOf: "2024-12-01")["a"]?.aggregate == Shares(0))
    }

    /// Vesting is measured at expiry when the grant expires inside the window.
    @Test func expiryInsideTheWindow() throws {
        var s = Scenario(persons: persons("a"))
        s.options = "id,holder,kind,class,shares,expires,vest_start,vest_months\no,a,option,c,1200,2025-01-20,2024-01-20,24\n"
        // Measured at 2025-01-20 (12 of 24 months), not at 2025-03-02 (13 months).
        #expect(try s.ownership()["a"]?.aggregate == Shares(600))
        // After expiry it counts for nothing and is gone.
        #expect(try s.ownership(asOf: "2025-01-21")["a"] == nil)
    }

    /// Control intent (Rule 13d-3(d)(1)(i)): every right counts at once, whatever its
    /// exercise date; never an expired one. The flag of the right's holder decides.
    @Test func controlIntent() throws {
        var s = Scenario(persons: persons("a:entity:ci", "b"))
        s.options = "id,holder,kind,class,shares,exercisable_from,expires\nfar,a,option,c,700,2030-01-01,\nold,a,option,c,50,,2024-12-31\nfarb,b,option,c,700,2030-01-01,\n"
        let rows = try s.ownership()
        #expect(rows["a"]?.aggregate == Shares(700))
        #expect(rows["b"]?.aggregate == Shares(0))
    }

    /// RSUs count when they settle by the window's end.
    @Test func rsus() throws {
        var s = Scenario(persons: persons("a"))
        s.options = "id,holder,kind,class,shares,vest_start,vest_months,vest_every_months\nu,a,rsu,c,400,2024-04-01,12,3\n"
        // Instalments 2024-07-01, 10-01, 2025-01-01; by 2025-03-02 three of four.
        #expect(try s.ownership()["a"]?.aggregate == Shares(300))
    }
}

@Suite struct LookThroughTests {
    /// A controller reaching one lot by two paths counts it once.
    @Test func diamondCountsOnce() throws {
        var s = Scenario(persons: persons("fund", "gp1", "gp2", "top:individual"))
        s.holdings += "fund,c,1000,sole,sole\n"
        s.relations = "controller,controlled,role,voting,dispositive\ngp1,fund,general_partner,sole,sole\ngp2,fund,investment_adviser,shared,shared\ntop,gp1,managing_member,sole,sole\ntop,gp2,managing_member,sole,sole\n"
        let rows = try s.ownership()
        #expect(rows["top"]?.aggregate == Shares(1000))
        // The strongest power over the lot: sole through gp1.
        #expect(rows["top"]?.soleVotingPower == Shares(1000))
        #expect(rows["top"]?.sharedVotingPower == Shares(0))
        #expect(rows["gp2"]?.sharedVotingPower == Shares(1000))
    }

    /// Sole only when the relation and the controlled person's power are both sole.
    @Test func powerThroughRelations() throws {
        var s = Scenario(persons: persons("fund", "gp", "adviser"))
        s.holdings += "fund,c,100,sole,sole\nfund,c,40,shared,none\n"
        s.relations = "controller,controlled,role,voting,dispositive\ngp,fund,general_partner,sole,shared\nadviser,gp,other,shared,sole\n"
        let rows = try s.ownership()
        let gp = try #require(rows["gp"])
        #expect(gp.soleVotingPower == Shares(100))
        #expect(gp.sharedVotingPower == Shares(40))
        #expect(gp.soleDispositivePower == Shares(0))
        #expect(gp.sharedDispositivePower == Shares(100))
        let adviser = try #require(rows["adviser"])
        #expect(adviser.sharedVotingPower == Shares(140))
        #expect(adviser.sharedDispositivePower == Shares(100))
        #expect(adviser.aggregate == Shares(140))
    }

    /// Row 11 is the shares over which there is any power: at least the larger
    /// of rows 7+8 and 9+10, not their sum.
    @Test func aggregateIsNotTheSumOfPowers() throws {
        var s = Scenario(persons: persons("a"))
        s.holdings += "a,c,300,sole,sole\na,c,200,shared,none\na,c,100,none,shared\na,c,50,none,none\n"
        let a = try #require(try s.ownership()["a"])
        #expect(a.soleVotingPower + a.sharedVotingPower == Shares(500))
        #expect(a.soleDispositivePower + a.sharedDispositivePower == Shares(400))
        #expect(a.aggregate == Shares(600))  // the 50 with no power are not beneficially owned
    }

    /// Rule 13d-4: a disclaimer is personal. X disclaims Y's shares; Z,
    /// controlling X by a relation it does not disclaim, is attributed them.
    @Test func disclaimerIsPersonal() throws {
        var s = Scenario(persons: persons("y", "x", "z"))
        s.holdings += "y,c,800,sole,sole\nx,c,10,sole,sole\n"
        s.relations = "controller,controlled,role,disclaims\nx,y,general_partner,yes\nz,x,parent,no\n"
        let rows = try s.ownership()
        #expect(rows["x"]?.aggregate == Shares(10))
        #expect(rows["x"]?.excluded == Shares(800))
        #expect(rows["z"]?.aggregate == Shares(810))
        #expect(rows["z"]?.excluded == Shares(0))
    }

    /// What is reached by a kept path as well is not excluded.
    @Test func disclaimedAndKeptPaths() throws {
        var s = Scenario(persons: persons("f", "g1", "g2", "p:individual"))
        s.holdings += "f,c,500,sole,sole\n"
        s.relations = "controller,controlled,role,disclaims\ng1,f,general_partner,no\ng2,f,investment_adviser,no\np,g1,managing_member,yes\np,g2,managing_member,no\n"
        let p = try #require(try s.ownership()["p"])
        #expect(p.aggregate == Shares(500))
        #expect(p.excluded == Shares(0))
    }

    /// A lot reached by a kept path and a disclaimed one is included with the
    /// power of the kept path alone, whether or not some other lot is
    /// reached only through the disclaimed relation: P reaches H's lot
    /// through A (shared) and through B (sole, disclaimed).
    @Test func keptLotHasTheKeptPathsPowerWhateverElseIsDisclaimed() throws {
        var s = Scenario(persons: persons("h", "h2", "a", "b", "p"))
        s.holdings += "h,c,100,sole,sole\n"
        s.relations = "controller,controlled,role,voting,dispositive,disclaims\na,h,general_partner,sole,sole,no\n"
            + "b,h,investment_adviser,sole,sole,no\np,a,parent,shared,shared,no\np,b,parent,sole,sole,yes\n"
        let alone = try #require(try s.ownership()["p"])
        #expect(alone.soleVotingPower == Shares(0))
        #expect(alone.sharedVotingPower == Shares(100))
        #expect(alone.soleDispositivePower == Shares(0))
        #expect(alone.sharedDispositivePower == Shares(100))
        #expect(alone.aggregate == Shares(100))
        #expect(alone.excluded == Shares(0))
        // Another lot, reached only through B: excluded, and nothing else changes.
        s.holdings += "h2,c,7,sole,sole\n"
        s.relations! += "b,h2,investment_adviser,sole,sole,no\n"
        let more = try #require(try s.ownership()["p"])
        #expect(more.soleVotingPower == Shares(0))
        #expect(more.sharedVotingPower == Shares(100))
        #expect(more.sharedDispositivePower == Shares(100))
        #expect(more.aggregate == Shares(100))
        #expect(more.excluded == Shares(7))
        // B, which disclaims nothing, has its sole power over both.
        #expect(try s.ownership()["b"]?.soleVotingPower == Shares(107))
    }

    /// Rule of three: three or more controllers of a majority-rule entity are
    /// not attributed its securities; with two, they are.
    @Test func ruleOfThree() throws {
        var three = Scenario(persons: persons("e:entity:mr", "m1:individual", "m2:individual", "m3:individual"))
        three.holdings += "e,c,900,sole,sole\n"
        three.relations = "controller,controlled,role\nm1,e,managing_member\nm2,e,managing_member\nm3,e,managing_member\n"
        let r3 = try three.ownership()
        #expect(r3["m1"] == nil)
        #expect(r3["e"]?.aggregate == Shares(900))

        var two = three
        two.relations = "controller,controlled,role\nm1,e,managing_member\nm2,e,managing_member\n"
        #expect(try two.ownership()["m1"]?.aggregate == Shares(900))

        var notMarked = three
        notMarked.persons = persons("e", "m1:individual", "m2:individual", "m3:individual")
        #expect(try notMarked.ownership()["m3"]?.aggregate == Shares(900))
    }

    /// Look-through to any depth: a five-level chain.
    @Test func anyDepth() throws {
        var s = Scenario(persons: persons("l0", "l1", "l2", "l3", "l4"))
        s.holdings += "l0,c,42,sole,sole\n"
        s.relations = "controller,controlled,role\nl1,l0,parent\nl2,l1,parent\nl3,l2,parent\nl4,l3,parent\n"
        #expect(try s.ownership()["l4"]?.sharedVotingPower == Shares(42))
    }
}

@Suite struct GroupTests {
    /// Rule 13d-5(b)(1): each share once; the denominator adds members' rights once;
    /// the strongest power any member has over a share.
    @Test func groupOfFundAndItsGeneralPartner() throws {
        var s = Scenario(persons: persons("fund", "gp", "other", "grp:group"))
        s.holdings += "fund,c,1000,sole,sole\nother,c,500,sole,sole\n"
        s.options = "id,holder,kind,class,shares\nw,fund,warrant,c,200\n"
        s.relations = "controller,controlled,role,voting,dispositive\ngp,fund,general_partner,shared,shared\n"
        s.groups = "group,member\ngrp,fund\ngrp,gp\ngrp,other\n"
        let rows = try s.ownership()
        let g = try #require(rows["grp"])
        #expect(g.aggregate == Shares(1700))  // not 1,000 + 200 counted twice
        #expect(g.denominator == Shares(10_200))
        #expect(g.soleVotingPower == Shares(1700))  // the fund's sole power is the strongest
        #expect(g.sharedVotingPower == Shares(0))
        #expect(rows["fund"]?.groups.count == 1)
    }

    /// Rows kept from a line on: those at or over it, every group member's
    /// (its group's row is made from them) and every group's, each with the
    /// figures it has when every row is kept.
    @Test func rowsFromALineKeepMembersAndGroups() throws {
        var s = Scenario(persons: persons("big", "small", "member", "tiny", "grp:group"))
        s.holdings += "big,c,600,sole,sole\nsmall,c,499,sole,sole\nmember,c,10,sole,sole\ntiny,c,500,sole,sole\n"
        s.groups = "group,member\ngrp,member\ngrp,small\n"
        let c = try s.load()
        let a = Attributor(c)
        let all = a.compute(classIndex: 0, asOf: c.classes[0].asOf)
        let some = a.compute(classIndex: 0, asOf: c.classes[0].asOf, rowsFrom: Fraction(5))
        let ids = some.rows.map { c.persons[$0.person].id }
        // 10,000 outstanding: big 6%, tiny exactly 5%; small and member are members.
        #expect(ids == ["big", "small", "member", "tiny", "grp"])
        let none = a.compute(classIndex: 0, asOf: c.classes[0].asOf, rowsFrom: Fraction(51, 10))
        #expect(none.rows.map { c.persons[$0.person].id } == ["big", "small", "member", "grp"])
        for row in some.rows {
            let whole = try #require(all.row(of: row.person))
            #expect(row.aggregate == whole.aggregate && row.denominator == whole.denominator
                    && row.soleVotingPower == whole.soleVotingPower && row.groups == whole.groups)
        }
    }

    /// A member's disclaimed shares are not the group's.
    @Test func membersDisclaimersCarry() throws {
        var s = Scenario(persons: persons("fund", "gp", "grp:group"))
        s.holdings += "fund,c,1000,sole,sole\ngp,c,5,sole,sole\n"
        s.relations = "controller,controlled,role,disclaims\ngp,fund,general_partner,yes\n"
        s.groups = "group,member\ngrp,gp\n"
        let g = try #require(try s.ownership()["grp"])
        #expect(g.aggregate == Shares(5))
        #expect(g.excluded == Shares(1000))
    }
}

@Suite struct PercentTests {
    /// Thresholds are tested on the exact ratio: 504 of 10,000 prints 5.0% and is over 5%.
    @Test func thresholdsOnExactRatio() throws {
        var s = Scenario(persons: persons("a", "b", "c2", "d", "e"))
        s.holdings += "a,c,504,sole,sole\nb,c,500,sole,sole\nc2,c,1000,sole,sole\nd,c,2000,sole,sole\ne,c,1999,sole,sole\n"
        let rows = try s.ownership()
        let a = try #require(rows["a"]), b = try #require(rows["b"])
        #expect(a.percentOfClass.text == "5.0%")
        #expect(Threshold.fivePercent.isCrossed(by: a.percentOfClass))
        #expect(b.percentOfClass.text == "5.0%")
        #expect(!Threshold.fivePercent.isCrossed(by: b.percentOfClass))   // exactly 5% is not more than 5%
        #expect(!Threshold.tenPercent.isCrossed(by: rows["c2"]!.percentOfClass))
        #expect(Threshold.twentyPercent.isCrossed(by: rows["d"]!.percentOfClass))  // 20% or more
        let e = rows["e"]!.percentOfClass
        #expect(e.text == "20.0%")                                         // 19.99 rounds to 20.0
        #expect(!Threshold.twentyPercent.isCrossed(by: e))                 // and is still below the line
    }

    /// Half up, to one decimal: 25 of 10,000 is 0.25%, printed 0.3%; below 0.1% in words.
    @Test func rounding() {
        #expect(PercentOfClass(shares: Shares(25), denominator: Shares(10_000)).text == "0.3%")
        #expect(PercentOfClass(shares: Shares(9), denominator: Shares(10_000)).text == "less than 0.1%")
        #expect(PercentOfClass(shares: Shares(10), denominator: Shares(10_000)).text == "0.1%")
        #expect(PercentOfClass(shares: Shares(0), denominator: Shares(10_000)).text == "0.0%")
        #expect(PercentOfClass(shares: Shares(1), denominator: Shares(3)).sixDecimals == "33.333333")
        #expect(PercentOfClass(shares: Shares(2), denominator: Shares(3)).sixDecimals == "66.666667")
    }
}

@Suite struct ConversionTests {
    /// Whole shares per instrument: two notes of $0.75 at $1 convert into 0 each, not 1 together.
    @Test func eachInstrumentOnItsOwn() throws {
        var s = Scenario(persons: persons("a"))
        s.convertibles = "id,holder,kind,class,principal,conversion_price,issued\nn1,a,note,c,0.75,1,2024-01-01\nn2,a,note,c,0.75,1,2024-01-01\n"
        #expect(try s.ownership()["a"]?.aggregate == Shares(0))
    }

    /// Preferred converts by its ratio, fractions dropped: 333 × 1.5 = 499.5 → 499.
    @Test func preferred() throws {
        var s = Scenario(persons: persons("a"))
        s.convertibles = "id,holder,kind,class,units,conversion_ratio\np,a,preferred,c,333,1.5\n"
        #expect(try s.ownership()["a"]?.aggregate == Shares(499))
    }

    /// A note convertible only after the window does not count.
    @Test func convertibleFromAfterTheWindow() throws {
        var s = Scenario(persons: persons("a"))
        s.convertibles = "id,holder,kind,class,principal,conversion_price,issued,convertible_from\nn,a,note,c,1000,1,2024-01-01,2025-06-01\n"
        #expect(try s.ownership()["a"]?.aggregate == Shares(0))
        #expect(try s.ownership(asOf: "2025-04-15")["a"]?.aggregate == Shares(1000))
    }
}

@Suite struct MoreRuleTests {
    /// Rights a person disclaims are never added to its denominator.
    @Test func disclaimedRightsStayOutOfTheDenominator() throws {
        var s = Scenario(persons: persons("fund", "gp"))
        s.options = "id,holder,kind,class,shares\nw,fund,warrant,c,2000\n"
        s.relations = "controller,controlled,role,disclaims\ngp,fund,general_partner,yes\n"
        let gp = try #require(try s.ownership()["gp"])
        #expect(gp.denominator == Shares(10_000))
        #expect(gp.excluded == Shares(2000))
        #expect(gp.aggregate == .zero)
    }

    /// RULES.md's example: Z controls X, X controls Y and disclaims. Z is
    /// still Y's affiliate for Y's blocker. Z owns 600; Y's 4.99% warrant:
    /// Z's room = floor((499 − 600) / 0.9501) → 0, so Y may count nothing;
    /// X, disclaiming, is no affiliate and sets no limit.
    @Test func affiliateAboveADisclaimer() throws {
        var s = Scenario(persons: persons("y", "x", "z"))
        s.holdings += "z,c,600,sole,sole\n"
        s.options = "id,holder,kind,class,shares,cap_percent\nw,y,warrant,c,1000,4.99\n"
        s.relations = "controller,controlled,role,disclaims\nx,y,general_partner,yes\nz,x,parent,no\n"
        let rows = try s.ownership()
        #expect(rows["y"]?.aggregate == .zero)
        #expect(rows["x"]?.excluded == .zero)  // the blocked right counts zero shares
    }

    /// Limits apply from the top down and a lower one only lowers: the GP's
    /// room (nothing else owned: floor(999 / 0.9001) = 1,109) does not bind,
    /// the fund's own does. The fund owns 800: floor((999 − 800) / 0.9001) = 221.
    @Test func lowerLimitBelow() throws {
        var s = Scenario(persons: persons("fund", "gp"))
        s.holdings += "fund,c,800,sole,sole\n"
        s.options = "id,holder,kind,class,shares,cap_percent\nw,fund,warrant,c,1000,9.99\n"
        s.relations = "controller,controlled,role\ngp,fund,general_partner\n"
        let rows = try s.ownership()
        #expect(rows["fund"]?.acquirableWithin60Days == Shares(221))
        #expect(rows["gp"]?.acquirableWithin60Days == Shares(221))
    }

    /// A blank `outstanding` is the sum of the holdings (a private company's full ledger).
    @Test func outstandingFromTheLedger() throws {
        var s = Scenario(persons: persons("a", "b"))
        s.classes = "class,issuer,title,as_of\nc,Issuer Inc.,Common Stock,2025-01-01\n"
        s.holdings += "a,c,300,sole,sole\nb,c,700,sole,sole\n"
        let rows = try s.ownership()
        #expect(rows["a"]?.denominator == Shares(1000))
        #expect(rows["b"]?.percentOfClass.text == "70.0%")
    }
}
