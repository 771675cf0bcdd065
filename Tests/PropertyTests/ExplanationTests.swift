import Attribution
import CapTableCore
import Testing

/// An explanation's parts add up to the ownership row it explains, figure
/// by figure, for every person and group of generated cases (relations in
/// chains and diamonds, disclaimers, the rule of three, groups, rights with
/// blockers and vesting).
@Suite struct ExplanationTests {
    @Test func partsAddUpToTheRow() throws {
        var explained = 0
        for seed in 0..<UInt64(max(50, propertyCases / 5)) {
            let c = try load(CaseGenerator().make(seed: 30_000 + seed).files)
            for k in c.classes.indices {
                let date = c.classes[k].asOf
                let o = BeneficialOwnership.compute(c.replayed(through: date), classIndex: k, asOf: date)
                for row in o.rows {
                    let e = try #require(Explanation.of(c, person: row.person, classIndex: k, asOf: date))
                    let who = "seed \(30_000 + seed) class \(k) person \(c.persons[row.person].id)"
                    #expect(e.countedShares == row.aggregate, "\(who): aggregate")
                    #expect(e.countedShares { $0.voting == .sole } == row.soleVotingPower, "\(who): sole voting")
                    #expect(e.countedShares { $0.voting == .shared } == row.sharedVotingPower, "\(who): shared voting")
                    #expect(e.countedShares { $0.dispositive == .sole } == row.soleDispositivePower, "\(who): sole dispositive")
                    #expect(e.countedShares { $0.dispositive == .shared } == row.sharedDispositivePower, "\(who): shared dispositive")
                    #expect(e.denominator == row.denominator, "\(who): denominator")
                    #expect(e.beneficialShares == row.beneficiallyOwned, "\(who): beneficially owned")
                    #expect(e.beneficialDenominator == row.beneficialPercent.denominator, "\(who): beneficial denominator")
                    // Every counted lot reaches the person: its own, through a member, or by a chain ending at its holder.
                    for l in e.counted where !row.isGroup {
                        #expect(l.path.isEmpty ? l.holder == row.person : l.path.last!.controlled == l.holder && l.path.first!.controller == row.person,
                                "\(who): a lot's chain")
                    }
                    explained += 1
                }
            }
        }
        #expect(explained > 500)
    }
}
