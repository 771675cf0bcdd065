import Testing
import RawMemory

/// `Inputs/fund-complex`: 50,000,000 shares outstanding on 2025-06-30; the
/// 60-day window ends on 2025-08-29 (June 30 + 60 days). Every figure is
/// derived by hand from RULES.md and INPUTS.md; the derivation stands beside it.
@Suite struct FundComplexTests {
    static let rows: [String: [String: String]] = {
        let run = try! Harness.run(["ownership", "Inputs/fund-complex", "--format", "csv"])
        return Dictionary(uniqueKeysWithValues: Harness.records(run.stdout).map { ($0["person"]!, $0) })
    }()

    struct Expected: Sendable, CustomTestStringConvertible {
        var person: String
        var soleVoting: Int, sharedVoting: Int, soleDispositive: Int, sharedDispositive: Int
        var aggregate: Int, acquirable: Int, denominator: Int
        var percent: String, text: String
        var over5: Bool, over10: Bool = false, at20: Bool = false
        var testDescription: String { person }
    }

    static let expected: [Expected] = [
        // Holds 2,000,000 common and Series A preferred: 1,000,000 units × 1.25 = 1,250,000
        // shares on conversion, acquirable at once. 3,250,000 / (50,000,000 + 1,250,000) = 6.341463%.
        Expected(person: "growth-fund", soleVoting: 3_250_000, sharedVoting: 0, soleDispositive: 3_250_000, sharedDispositive: 0,
                 aggregate: 3_250_000, acquirable: 1_250_000, denominator: 51_250_000, percent: "6.341463", text: "6.3%", over5: true),
        // General partner with sole power: sole ∘ sole = sole over all of it, the fund's preferred in its denominator.
        Expected(person: "growth-gp", soleVoting: 3_250_000, sharedVoting: 0, soleDispositive: 3_250_000, sharedDispositive: 0,
                 aggregate: 3_250_000, acquirable: 1_250_000, denominator: 51_250_000, percent: "6.341463", text: "6.3%", over5: true),
        // One of three managing members of a majority-rule GP: rule of three, nothing attributed;
        // only her own 10,000. 10,000 / 50,000,000 = 0.02%, under 0.1%. (Bob and Carol hold nothing: no row.)
        Expected(person: "alice", soleVoting: 10_000, sharedVoting: 0, soleDispositive: 10_000, sharedDispositive: 0,
                 aggregate: 10_000, acquirable: 0, denominator: 50_000_000, percent: "0.020000", text: "less than 0.1%", over5: false),
        // Note N-1: $2,000,000 at 8%, 30/360, PIK on the last business day of June and December.
        // 2024-06-30 → 2024-12-31 (a Tuesday): start day 30 and end day 31 → 30: 180 days, $80,000.00.
        // 2024-12-31 → 2025-06-30 (a Monday): start 31 → 30: 360 − 180 = 180 days, 8% × ½ × 2,080,000 = $83,200.00.
        // Principal with PIK on the as-of date: $2,163,200; / $3.75 = 576,853.33 → 576,853 shares.
        // 3,000,000 + 576,853 = 3,576,853; / 50,576,853 = 7.072115%.
        Expected(person: "opportunity-fund", soleVoting: 3_576_853, sharedVoting: 0, soleDispositive: 3_576_853, sharedDispositive: 0,
                 aggregate: 3_576_853, acquirable: 576_853, denominator: 50_576_853, percent: "7.072115", text: "7.1%", over5: true),
        Expected(person: "opportunity-gp", soleVoting: 3_576_853, sharedVoting: 0, soleDispositive: 3_576_853, sharedDispositive: 0,
                 aggregate: 3_576_853, acquirable: 576_853, denominator: 50_576_853, percent: "7.072115", text: "7.1%", over5: true),
        // Investment adviser with shared power: shared over everything the fund owns.
        Expected(person: "harbor", soleVoting: 0, sharedVoting: 3_576_853, soleDispositive: 0, sharedDispositive: 3_576_853,
                 aggregate: 3_576_853, acquirable: 576_853, denominator: 50_576_853, percent: "7.072115", text: "7.1%", over5: true),
        // Reaches the fund by two paths (sole via the GP, shared via the adviser): counted once,
        // with the strongest power, sole; 7,153,706 if counted twice.
        Expected(person: "dan", soleVoting: 3_576_853, sharedVoting: 0, soleDispositive: 3_576_853, sharedDispositive: 0,
                 aggregate: 3_576_853, acquirable: 576_853, denominator: 50_576_853, percent: "7.072115", text: "7.1%", over5: true),
        // 9.99% blocker that binds: room = floor((0.0999 × 50,000,000 − 4,500,000) / 0.9001)
        // = floor(495,000 / 0.9001) = floor(549,938.89) = 549,938 of the 2,000,000 warrant shares.
        // 5,049,938 / 50,549,938 = 9.989998%: printed 10.0% and still not more than 10%.
        Expected(person: "sable", soleVoting: 5_049_938, sharedVoting: 0, soleDispositive: 5_049_938, sharedDispositive: 0,
                 aggregate: 5_049_938, acquirable: 549_938, denominator: 50_549_938, percent: "9.989998", text: "10.0%", over5: true),
        // 4.99% blocker that does not bind: room = floor((2,495,000 − 100,000) / 0.9501) = 2,520,787 ≥ 500,000.
        // 600,000 / 50,500,000 = 1.188119%.
        Expected(person: "tern", soleVoting: 600_000, sharedVoting: 0, soleDispositive: 600_000, sharedDispositive: 0,
                 aggregate: 600_000, acquirable: 500_000, denominator: 50_500_000, percent: "1.188119", text: "1.2%", over5: false),
        // Shared voting and no dispositive power: beneficially owned through voting alone.
        Expected(person: "trust", soleVoting: 0, sharedVoting: 250_000, soleDispositive: 0, sharedDispositive: 0,
                 aggregate: 250_000, acquirable: 0, denominator: 50_000_000, percent: "0.500000", text: "0.5%", over5: false),
        // Option E-1: 480,000 from 2024-08-15 over 48 months, 12-month cliff. On 2025-06-30 m = 10 (nothing
        // vested); at the window's end m = 12: the cliff, 480,000 × 12/48 = 120,000.
        // RSU E-2: 40,000 quarterly from 2025-01-01 over 12 months; by 2025-08-29 two instalments (04-01, 07-01):
        // 40,000 × 6/12 = 20,000. 140,000 / 50,140,000 = 0.279218%.
        Expected(person: "erin", soleVoting: 140_000, sharedVoting: 0, soleDispositive: 140_000, sharedDispositive: 0,
                 aggregate: 140_000, acquirable: 140_000, denominator: 50_140_000, percent: "0.279218", text: "0.3%", over5: false),
        // Option F-1: 360,000 from 2023-01-10 over 36 months, cliff 12. On 2025-06-30 m = 29 (290,000 vested);
        // at 2025-08-29 m = 31: 360,000 × 31/36 = 310,000, 20,000 of them vesting inside the window.
        Expected(person: "frank", soleVoting: 310_000, sharedVoting: 0, soleDispositive: 310_000, sharedDispositive: 0,
                 aggregate: 310_000, acquirable: 310_000, denominator: 50_310_000, percent: "0.616180", text: "0.6%", over5: false),
        // A fund, its own general partner and Tern: the fund's 3,576,853 once, plus Tern's 600,000 = 4,176,853;
        // denominator 50,000,000 + 576,853 + 500,000 = 51,076,853; 8.177585%.
        Expected(person: "harbor-group", soleVoting: 4_176_853, sharedVoting: 0, soleDispositive: 4_176_853, sharedDispositive: 0,
                 aggregate: 4_176_853, acquirable: 1_076_853, denominator: 51_076_853, percent: "8.177585", text: "8.2%", over5: true),
    ]

    @Test(arguments: expected)
    func figures(_ e: Expected) throws {
        let row = try #require(Self.rows[e.person])
        #expect(row["sole_voting"] == String(e.soleVoting))
        #expect(row["shared_voting"] == String(e.sharedVoting))
        #expect(row["sole_dispositive"] == String(e.soleDispositive))
        #expect(row["shared_dispositive"] == String(e.sharedDispositive))
        #expect(row["aggregate"] == String(e.aggregate))
        #expect(row["acquirable"] == String(e.acquirable))
        #expect(row["denominator"] == String(e.denominator))
        #expect(row["percent"] == e.percent)
        #expect(row["percent_text"] == e.text)
        #expect(row["over_5"] == (e.over5 ? "yes" : "no"))
        #expect(row["over_10"] == (e.over10 ? "yes" : "no"))
        #expect(row["at_20"] == (e.at20 ? "yes" : "no"))
    }

    /// Exactly the persons above have rows: Bob and Carol reach nothing (rule of three).
    @Test func whoHasARow() {
        #expect(Set(Self.rows.keys) == Set(Self.expected.map(\.person)))
    }

    /// Fully diluted: 50,000,000 outstanding + options 480,000 + 360,000 + 2,000,000 (pool)
    /// + RSUs 40,000 + warrants 2,500,000 (blockers do not apply to the cap table)
    /// + 576,853 (note) + 1,250,000 (preferred) + 1,000,000 reserved = 58,206,853.
    @Test func capTable() throws {
        let run = try Harness.run(["cap-table", "Inputs/fund-complex", "--format", "csv"])
        let total = try #require(Harness.records(run.stdout).first { $0["line"] == "total" })
        #expect(total["options"] == "2840000")
        #expect(total["rsus"] == "40000")
        #expect(total["warrants"] == "2500000")
        #expect(total["as_converted"] == "1826853")
        #expect(total["fully_diluted"] == "58206853")
    }

    /// A year on (2026-06-30) the note has paid four times; the option has vested further.
    /// N-1: 2,163,200 × 4% = 86,528.00 (2025-12-31) → 2,249,728; × 4% = 89,989.12 (2026-06-30)
    /// → 2,339,717.12; / 3.75 = 623,924.57 → 623,924.
    @Test func aYearLater() throws {
        let run = try Harness.run(["ownership", "Inputs/fund-complex", "--format", "csv", "--as-of", "2026-06-30"])
        let rows = Dictionary(uniqueKeysWithValues: Harness.records(run.stdout).map { ($0["person"]!, $0) })
        #expect(rows["opportunity-fund"]?["acquirable"] == "623924")
        // E-1 at 2026-08-29: m = 24 → 480,000 × 24/48 = 240,000; E-2 fully vested 2026-01-01: 40,000.
        #expect(rows["erin"]?["aggregate"] == "280000")
    }
}

/// `check --warn-within`: Sable's 9.989998% is within 1.5 points of a line at 11%
/// (not over it); nobody is over 11%, so the exit status stays 0.
@Suite struct WarningTests {
    @Test func warningsAlone() throws {
        let run = try Harness.run(["check", "Inputs/fund-complex", "--threshold", "11", "--warn-within", "1.5", "--format", "csv"])
        #expect(run.status == 0)
        let rows = Harness.records(run.stdout)
        #expect(rows.map { "\($0["person"]!) \($0["threshold"]!) \($0["status"]!)" } == ["sable more than 11% within 1.5 points"])
    }

    /// With the standard lines, a warning stands beside the crossings: Sable is over 5%
    /// and within half a point of 10% (9.989998% ≥ 9.5%).
    @Test func warningsBesideCrossings() throws {
        let run = try Harness.run(["check", "Inputs/fund-complex", "--warn-within", "0.5", "--format", "csv"])
        #expect(run.status == 1)
        let sable = Harness.records(run.stdout).filter { $0["person"] == "sable" }.map { "\($0["threshold"]!) \($0["status"]!)" }
        #expect(sable == ["more than 5% over", "more than 10% within 0.5 points"])
    }
}
