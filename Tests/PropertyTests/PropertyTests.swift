import Attribution
import CapTableCore
import Testing

/// Invariants of the rules, each over `propertyCases` random cases from a
/// fixed seed (PROPERTY_CASES=100000 runs longer). A failure names its seed.
@Suite struct PropertyTests {
    func ownership(_ c: Case, _ k: Int) -> ClassOwnership { BeneficialOwnership.compute(c, classIndex: k, asOf: c.classes[k].asOf) }

    /// With no rights to acquire, the holders outside every control relation
    /// together own no more than the outstanding shares.
    @Test func unrelatedHoldersFitInOutstanding() throws {
        for seed in 0..<UInt64(propertyCases) {
            let g = CaseGenerator(rights: false).make(seed: seed)
            let c = try load(g.files)
            let related = Set(c.relations.flatMap { [$0.controller, $0.controlled] })
            for k in c.classes.indices {
                let o = ownership(c, k)
                let total = o.rows.filter { !$0.isGroup && !related.contains($0.person) }.reduce(0) { $0 + $1.aggregate.count }
                #expect(total <= o.sharesOutstanding.count, "seed \(seed)")
            }
        }
    }

    /// Four powers within the aggregate; the aggregate at least each pair's sum.
    @Test func powersWithinAggregate() throws {
        for seed in 0..<UInt64(propertyCases) {
            let c = try load(CaseGenerator().make(seed: seed).files)
            for k in c.classes.indices {
                for row in ownership(c, k).rows {
                    #expect(row.soleVotingPower + row.sharedVotingPower <= row.aggregate, "seed \(seed)")
                    #expect(row.soleDispositivePower + row.sharedDispositivePower <= row.aggregate, "seed \(seed)")
                    #expect(row.acquirableWithin60Days <= row.aggregate, "seed \(seed)")
                    #expect(row.denominator.count == ownership(c, k).sharesOutstanding.count + row.acquirableWithin60Days.count || row.isGroup, "seed \(seed)")
                }
            }
        }
    }

    /// A controller owns at least what it controls (unless it disclaims or the
    /// rule of three cuts the relation); a group at least each member's
    /// aggregate and at most their sum.
    @Test func controllersAndGroups() throws {
        for seed in 0..<UInt64(propertyCases) {
            let c = try load(CaseGenerator().make(seed: seed).files)
            var controllers: [Int: Int] = [:]
            for r in c.relations { controllers[r.controlled, default: 0] += 1 }
            for k in c.classes.indices {
                let o = ownership(c, k)
                let aggregate = { (p: Int) in o.row(of: p)?.aggregate.count ?? 0 }
                for r in c.relations where !r.disclaims && !(c.persons[r.controlled].majorityRule && controllers[r.controlled]! >= 3) {
                    #expect(aggregate(r.controller) >= aggregate(r.controlled), "seed \(seed): \(c.persons[r.controller].id) over \(c.persons[r.controlled].id)")
                }
                for g in c.persons.indices where c.persons[g].kind == .group {
                    let members = c.memberships.filter { $0.group == g }.map(\.member)
                    guard let row = o.row(of: g) else { continue }
                    for m in members { #expect(row.aggregate.count >= aggregate(m), "seed \(seed)") }
                    #expect(row.aggregate.count <= members.reduce(0) { $0 + aggregate($1) }, "seed \(seed)")
                }
            }
        }
    }

    /// With no capped rights, more shares of one's own never lower one's percent.
    @Test func moreSharesNeverLowerThePercent() throws {
        for seed in 0..<UInt64(propertyCases) {
            var g = CaseGenerator(caps: false).make(seed: seed)
            var r = SeededRandom(seed: seed ^ 0xABCDEF)
            let before = try load(g.files)
            let who = r.pick(g.persons)
            let k = r.int(0...before.classes.count - 1)
            let c0 = before.classes[k]
            let extra = r.int(1...50_000)
            if let reported = c0.reportedOutstanding {
                let held = before.holdings.filter { $0.classIndex == k }.reduce(0) { $0 + $1.shares.count }
                guard held + extra <= reported.count else { continue }
            }
            g.files["holdings.csv"]! += "\(who),\(c0.id),\(extra),sole,sole\n"
            let after = try load(g.files)
            let p = before.personIndex(who)!
            let was = ownership(before, k).row(of: p)?.percentOfClass.ratio ?? .zero
            let now = ownership(after, k).row(of: p)?.percentOfClass.ratio ?? .zero
            #expect(now >= was, "seed \(seed): \(who)")
        }
    }

    /// Options given to a person one neither controls nor is controlled by
    /// change nothing of one's own figures.
    @Test func someoneElsesOptionsChangeNothing() throws {
        for seed in 0..<UInt64(propertyCases) {
            var g = CaseGenerator(caps: false).make(seed: seed)
            let before = try load(g.files)
            var r = SeededRandom(seed: seed ^ 0x12345)
            let x = r.pick(g.persons), y = r.pick(g.persons)
            guard x != y else { continue }
            // Everyone above or below x, through any chain.
            var related = Set([x])
            var changed = true
            while changed {
                changed = false
                for rel in g.relations where related.contains(rel.controller) != related.contains(rel.controlled) {
                    related.insert(rel.controller); related.insert(rel.controlled); changed = true
                }
            }
            guard !related.contains(y) else { continue }
            let k = r.int(0...before.classes.count - 1)
            let header = "id,holder,kind,class,shares,exercisable_from,expires,vest_start,vest_months,cliff_months,vest_every_months,cap_percent\n"
            g.files["options.csv"] = (g.files["options.csv"] ?? header) + "extra-\(seed),\(y),option,\(before.classes[k].id),\(r.int(1...90_000)),,,,,,,\n"
            let after = try load(g.files)
            let p = before.personIndex(x)!
            let was = ownership(before, k).row(of: p)
            let now = ownership(after, k).row(of: p)
            #expect(was?.aggregate == now?.aggregate && was?.denominator == now?.denominator, "seed \(seed): \(x), options to \(y)")
        }
    }

    /// The order of the rows in every file changes no figure.
    @Test func rowOrderChangesNothing() throws {
        for seed in 0..<UInt64(propertyCases) {
            let g = CaseGenerator().make(seed: seed)
            var r = SeededRandom(seed: seed ^ 0x5EED)
            var shuffled = g.files
            for (name, text) in g.files {
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let header = lines.removeFirst()
                lines.removeAll { $0.isEmpty }
                lines.shuffle(using: &r)
                shuffled[name] = ([header] + lines).joined(separator: "\n") + "\n"
            }
            let a = figures(try load(g.files)), b = figures(try load(shuffled))
            let differing = a.keys.filter { a[$0] != b[$0] }.sorted().prefix(2).map { "\($0): \(a[$0] ?? []) vs \(b[$0] ?? [])" }
            #expect(a == b, "seed \(seed): \(differing)")
        }
    }

    /// Writing a case out and reading it back gives the same figures.
    @Test func writeAndReadBack() throws {
        for seed in 0..<UInt64(propertyCases) {
            let c = try load(CaseGenerator().make(seed: seed).files)
            let again = try load(CaseWriter.files(c))
            #expect(figures(c) == figures(again), "seed \(seed)")
        }
    }

    /// The percent text equals an independent computation: long division of
    /// the ratio to two decimals and a remainder, rounded half up by hand.
    @Test func percentTextByLongDivision() {
        var r = SeededRandom(seed: 42)
        for _ in 0..<(propertyCases * 20) {
            let d = r.int(1...1_000_000_000_000_000)
            let a = r.chance(0.1) ? r.int(0...99) : r.int(0...d)
            #expect(PercentOfClass(shares: Shares(a), denominator: Shares(d)).text == Self.longDivision(a, d), "\(a)/\(d)")
        }
    }

    static func longDivision(_ a: Int, _ d: Int) -> String {
        if a == 0 { return "0.0%" }
        // 100·a/d = whole . t h …: digits by long division.
        let scaled = UInt128(a) * 100
        let whole = scaled / UInt128(d)
        var remainder = scaled % UInt128(d)
        remainder *= 10; let tenths = remainder / UInt128(d); remainder %= UInt128(d)
        remainder *= 10; let hundredths = remainder / UInt128(d); remainder %= UInt128(d)
        if whole == 0 && tenths == 0 { return "less than 0.1%" }
        var (w, t) = (whole, tenths)
        if hundredths >= 5 { t += 1; if t == 10 { t = 0; w += 1 } }  // half up at the second decimal
        return "\(w).\(t)%"
    }
}
