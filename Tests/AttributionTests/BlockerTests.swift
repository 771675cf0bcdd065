import Attribution
import CapTableCore
import Testing

/// Blockers (`cap_percent`). Outstanding 10,000 throughout.
@Suite struct BlockerTests {
    /// A 9.99% blocker that binds: the holder owns 500; room is
    /// floor((0.0999 × 10,000 − 500) / 0.9001) = floor(499 / 0.9001) = 554.
    /// Check: (500 + 554) / 10,554 = 9.987% ≤ 9.99%; with 555, 10.0%.
    @Test func binding() throws {
        var s = Scenario(persons: persons("a"))
        s.holdings += "a,c,500,sole,sole\n"
        s.options = "id,holder,kind,class,shares,cap_percent\nw,a,warrant,c,2000,9.99\n"
        let a = try #require(try s.ownership()["a"])
        #expect(a.acquirableWithin60Days == Shares(554))
        #expect(a.aggregate == Shares(1054))
        #expect(a.denominator == Shares(10_554))
        #expect(a.percentOfClass.percent <= Fraction(999, 100))
    }

    /// One that does not bind: room 554 exceeds the 300 under the warrant.
    @Test func notBinding() throws {
        var s = Scenario(persons: persons("a"))
        s.holdings += "a,c,500,sole,sole\n"
        s.options = "id,holder,kind,class,shares,cap_percent\nw,a,warrant,c,300,9.99\n"
        #expect(try s.ownership()["a"]?.acquirableWithin60Days == Shares(300))
    }

    /// "Together with its affiliates": the general partner's own holding uses
    /// room. GP holds 900 and controls two funds with capped warrants of 1,000
    /// and 3,000 (4.99%). GP: B = 900, room = floor((499 − 900)/0.9501) < 0 → 0.
    @Test func affiliatesShareTheRoom() throws {
        var s = Scenario(persons: persons("f1", "f2", "gp"))
        s.holdings += "gp,c,900,sole,sole\n"
        s.options = "id,holder,kind,class,shares,cap_percent\nw1,f1,warrant,c,1000,4.99\nw2,f2,warrant,c,3000,4.99\n"
        s.relations = "controller,controlled,role\ngp,f1,general_partner\ngp,f2,general_partner\n"
        let rows = try s.ownership()
        #expect(rows["f1"]?.aggregate == Shares(0))
        #expect(rows["f2"]?.aggregate == Shares(0))
        #expect(rows["f1"] != nil)  // a fully blocked right still gives a row
        #expect(rows["gp"]?.aggregate == Shares(900))
    }

    /// Room shared in proportion to full amounts by largest remainder. GP holds
    /// nothing; cap 9.99%: room = floor(999 / 0.9001) = 1,109. Split 1,000 : 3,000:
    /// quotas 277.25 and 831.75 → 277 and 831, one left to the larger remainder (w2): 832.
    @Test func largestRemainder() throws {
        var s = Scenario(persons: persons("f1", "f2", "gp"))
        s.options = "id,holder,kind,class,shares,cap_percent\nw1,f1,warrant,c,1000,9.99\nw2,f2,warrant,c,3000,9.99\n"
        s.relations = "controller,controlled,role\ngp,f1,general_partner\ngp,f2,general_partner\n"
        let rows = try s.ownership()
        #expect(rows["f1"]?.aggregate == Shares(277))
        #expect(rows["f2"]?.aggregate == Shares(832))
        #expect(rows["gp"]?.aggregate == Shares(1109))
    }

    /// A disclaimed relation does not make the controller an affiliate.
    @Test func disclaimedControllerIsNoAffiliate() throws {
        var s = Scenario(persons: persons("f", "gp"))
        s.holdings += "gp,c,5000,sole,sole\n"
        s.options = "id,holder,kind,class,shares,cap_percent\nw,f,warrant,c,300,9.99\n"
        s.relations = "controller,controlled,role,disclaims\ngp,f,general_partner,yes\n"
        #expect(try s.ownership()["f"]?.aggregate == Shares(300))
    }

    /// The lowest cap among the rights a person reaches applies; an expired
    /// capped right sets no cap. Holder owns 300; caps 4.99% (live) and 1% (expired):
    /// room = floor((499 − 300) / 0.9501) = 209.
    @Test func lowestLiveCap() throws {
        var s = Scenario(persons: persons("a"))
        s.holdings += "a,c,300,sole,sole\n"
        s.options = "id,holder,kind,class,shares,cap_percent,expires\nw1,a,warrant,c,1000,4.99,\nw2,a,warrant,c,1000,1,2024-01-01\n"
        #expect(try s.ownership()["a"]?.acquirableWithin60Days == Shares(209))
    }
}

@Suite struct BlockerOrderTests {
    /// Two controllers, neither above the other, whose limits overlap: P1
    /// controls F1 and F2, P2 (owning 99 shares) controls F2 and F3; 9.99% caps.
    /// P1: room floor(999 / 0.9001) = 1,109 for w1 + w2 = 2,000 in full: 554.5 each,
    /// the odd share to w1 (tie, by id): 555 and 554.
    /// P2: room floor((999 − 99) / 0.9001) = 999 for w2 + w3 = 1,100 in full:
    /// 908.18 and 90.82 → 908 and 91 (the left share to the larger remainder).
    /// Each right takes the least: w1 555, w2 min(554, 908) = 554, w3 min(100, 91) = 91,
    /// whichever controller comes first in the files.
    @Test(arguments: [false, true])
    func overlappingLimitsInEitherOrder(reversed: Bool) throws {
        let people = reversed ? ["f1", "f2", "f3", "p2", "p1"] : ["f1", "f2", "f3", "p1", "p2"]
        var s = Scenario(persons: "id,name,kind\n" + people.map { "\($0),\($0.uppercased()),entity" }.joined(separator: "\n") + "\n")
        s.holdings += "p2,c,99,sole,sole\n"
        s.options = "id,holder,kind,class,shares,cap_percent\nw1,f1,warrant,c,1000,9.99\nw2,f2,warrant,c,1000,9.99\nw3,f3,warrant,c,100,9.99\n"
        let relations = ["p1,f1,general_partner", "p1,f2,general_partner", "p2,f2,investment_adviser", "p2,f3,investment_adviser"]
        s.relations = "controller,controlled,role\n" + (reversed ? relations.reversed() : relations).joined(separator: "\n") + "\n"
        let rows = try s.ownership()
        #expect(rows["f1"]?.aggregate == Shares(555))
        #expect(rows["f2"]?.aggregate == Shares(554))
        #expect(rows["f3"]?.aggregate == Shares(91))
        #expect(rows["p1"]?.aggregate == Shares(1109))
        #expect(rows["p2"]?.aggregate == Shares(99 + 554 + 91))
    }
}
