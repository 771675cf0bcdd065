import Attribution
import CapTableCore
import InputFiles
import Foundation

/// The property tests' draws on the core's seeded generator.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
}

/// How many cases each property checks: PROPERTY_CASES, or 1,000.
let propertyCases = Int(ProcessInfo.processInfo.environment["PROPERTY_CASES"] ?? "") ?? 1000

/// Random cases in the input format, built from a seed.
struct CaseGenerator {
    var rights = true
    var caps = true

    struct Generated {
        var files: [String: String]
        var persons: [String]     // non-group person ids
        var relations: [(controller: String, controlled: String, disclaims: Bool)]
        var majorityRule: Set<String>
    }

    func make(seed: UInt64) -> Generated {
        var r = SeededRandom(seed: seed)
        let count = r.int(3...14)
        let ids = (0..<count).map { "p\($0)" }
        let groups = (0..<r.int(0...2)).map { "g\($0)" }
        var majority = Set<String>()
        var persons = "id,name,kind,majority_rule,control_intent\n"
        for id in ids {
            let mr = r.chance(0.2)
            if mr { majority.insert(id) }
            persons += "\(id),Person \(id),\(r.chance(0.5) ? "entity" : "individual"),\(mr ? "yes" : "no"),\(r.chance(0.1) ? "yes" : "no")\n"
        }
        for g in groups { persons += "\(g),Group \(g),group,no,no\n" }

        let classes = (0..<r.int(1...2)).map { "c\($0)" }
        var holdings = "holder,class,shares,voting,dispositive\n"
        var held: [String: Int] = [:]
        let powers = ["sole", "sole", "sole", "shared", "none"]
        for id in ids {
            for c in classes where r.chance(0.7) {
                for _ in 0..<r.int(1...2) {
                    let n = r.int(0...100_000)
                    held[c, default: 0] += n
                    holdings += "\(id),\(c),\(n),\(r.pick(powers)),\(r.pick(powers))\n"
                }
            }
        }
        var classesCSV = "class,issuer,title,outstanding,as_of\n"
        for c in classes {
            let outstanding = r.chance(0.3) ? "" : String(held[c, default: 0] + r.int(0...2_000_000))
            classesCSV += "\(c),Issuer \(c),Common,\(outstanding),2025-06-\(r.int(10...30))\n"
        }

        var relationsCSV = "controller,controlled,role,voting,dispositive,disclaims\n"
        var relations: [(String, String, Bool)] = []
        for i in ids.indices {
            for j in 0..<i where r.chance(0.25) {
                let disclaims = r.chance(0.2)
                relations.append((ids[i], ids[j], disclaims))
                relationsCSV += "\(ids[i]),\(ids[j]),\(r.pick(["general_partner", "managing_member", "investment_adviser", "parent"])),"
                    + "\(r.pick(["sole", "shared"])),\(r.pick(["sole", "shared"])),\(disclaims ? "yes" : "no")\n"
            }
        }
        var groupsCSV = "group,member\n"
        for g in groups {
            for m in Set((0..<r.int(1...4)).map { _ in r.pick(ids) }).sorted() { groupsCSV += "\(g),\(m)\n" }
        }
        var files = ["classes.csv": classesCSV, "persons.csv": persons, "holdings.csv": holdings,
                     "relations.csv": relationsCSV, "groups.csv": groupsCSV]
        if rights {
            var options = "id,holder,kind,class,shares,exercisable_from,expires,vest_start,vest_months,cliff_months,vest_every_months,cap_percent\n"
            var convertibles = "id,holder,kind,class,principal,conversion_price,units,conversion_ratio,issued,maturity,rate,interest,day_count,pik_months,cap_percent\n"
            var n = 0
            for id in ids where r.chance(0.5) {
                for _ in 0..<r.int(1...2) {
                    n += 1
                    let cap = caps && r.chance(0.3) ? r.pick(["4.99", "9.99", "19.99"]) : ""
                    var from = r.chance(0.3) ? "2025-\(String(format: "%02d", r.int(5...10)))-01" : ""
                    let expires = r.chance(0.2) ? "2025-\(String(format: "%02d", r.int(5...12)))-15" : ""
                    // A right first exercisable after it expires is an input error: none is drawn.
                    if !from.isEmpty && !expires.isEmpty && from > expires { from = "" }
                    let vesting = r.chance(0.4) ? "2024-\(String(format: "%02d", r.int(1...12)))-\(String(format: "%02d", r.int(1...28))),\(r.int(12...48)),\(r.int(0...12)),\(r.pick([1, 3]))" : ",,,"
                    let holder = r.chance(0.1) ? "" : id
                    options += "o\(n),\(holder),\(r.pick(["option", "warrant", "rsu", "right"])),\(r.pick(classes)),\(r.int(0...60_000)),\(from),\(expires),\(vesting),\(cap)\n"
                }
                if r.chance(0.4) {
                    n += 1
                    let cap = caps && r.chance(0.3) ? "9.99" : ""
                    if r.chance(0.6) {
                        let interest = r.pick(["none", "simple", "pik"])
                        convertibles += "n\(n),\(id),note,\(r.pick(classes)),\(r.int(1...500_000)).\(r.int(10...99)),\(r.pick(["1 5/16", "0.75", "2.5", "3"])),,,"
                            + "2024-\(String(format: "%02d", r.int(1...12)))-\(String(format: "%02d", r.int(1...28))),2029-01-31,\(r.int(0...12)),\(interest),"
                            + "\(r.pick(["30/360", "actual/365", "actual/360"])),\(interest == "pik" ? "\"2,8\"" : ""),\(cap)\n"
                    } else {
                        convertibles += "n\(n),\(id),preferred,\(r.pick(classes)),,,\(r.int(1...40_000)),\(r.pick(["1", "1.25", "0.5", "2"])),,,,,,,\(cap)\n"
                    }
                }
            }
            files["options.csv"] = options
            files["convertibles.csv"] = convertibles
        }
        return Generated(files: files, persons: ids, relations: relations, majorityRule: majority)
    }
}

func load(_ files: [String: String]) throws -> Case {
    switch CaseLoader.load(files: files.mapValues { Array($0.utf8) }) {
    case .success(let c): return c
    case .failure(.invalid(let ds)): throw GeneratorError(description: ds.prefix(3).map(\.description).joined(separator: "\n"))
    case .failure(let e): throw GeneratorError(description: "\(e)")
    }
}

struct GeneratorError: Error, CustomStringConvertible { var description: String }

/// Every figure of every row, keyed by class and person: what must not change.
func figures(_ c: Case) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for k in c.classes.indices {
        let o = BeneficialOwnership.compute(c, classIndex: k, asOf: c.classes[k].asOf)
        for row in o.rows {
            let p = row.percentOfClass
            out["\(c.classes[k].id)/\(c.persons[row.person].id)"] = [
                row.soleVotingPower, row.sharedVotingPower, row.soleDispositivePower, row.sharedDispositivePower,
                row.aggregate, row.acquirableWithin60Days, row.excluded, row.denominator,
            ].map(\.description) + [p.sixDecimals, p.text, row.groups.map { c.persons[$0].id }.sorted().joined(separator: ";")]
        }
    }
    return out
}
