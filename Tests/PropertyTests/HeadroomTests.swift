import Attribution
import CapTableCore
import InputFiles
import Foundation
import Testing

/// The headroom of every person of the two real cases, checked by another
/// road than the one that found it: the acquisition written into the case's
/// own files (a holdings.csv row for a purchase, an `issue` event of
/// transactions.csv for an issue), read by the loader, and the class
/// computed as every command computes it.
@Suite struct HeadroomTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ name: String) throws -> [String: String] {
        let dir = root.appendingPathComponent("Inputs/\(name)")
        var out: [String: String] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) where f.hasSuffix(".csv") {
            out[f] = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
        }
        return out
    }

    static func load(_ files: [String: String]) throws -> Case {
        switch CaseLoader.load(files: files.mapValues { Array($0.utf8) }) {
        case .success(let c): return c
        case .failure(let e): throw ScenarioFailure(message: "\(e)")
        }
    }

    struct ScenarioFailure: Error { var message: String }

    /// A row of `file` with `values` under their columns, the others blank;
    /// a column the file lacks is added to its header and left blank above.
    static func appending(_ text: String, _ values: [String: String]) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var header = lines[0].split(separator: ",").map(String.init)
        for key in values.keys.sorted() where !header.contains(key) {
            header.append(key)
            lines = lines.enumerated().map { $0.offset == 0 ? $0.element + "," + key : $0.element + "," }
        }
        lines.append(header.map { values[$0] ?? "" }.joined(separator: ","))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The case's files with `x` shares of the class acquired by `person`.
    static func acquired(_ files: [String: String], _ c: Case, person: String, classID: String, _ x: Int, _ how: Acquisition) -> [String: String] {
        var out = files
        switch how {
        case .purchase:
            out["holdings.csv"] = appending(files["holdings.csv"]!, ["holder": person, "class": classID, "shares": "\(x)",
                                                                     "voting": "sole", "dispositive": "sole"])
        case .issue:
            let date = c.classes[c.classIndex(classID)!].asOf.description
            out["transactions.csv"] = appending(files["transactions.csv"] ?? "date,event,holder,class,shares\n",
                                                ["date": date, "event": "issue", "holder": person, "class": classID, "shares": "\(x)"])
        }
        return out
    }

    @Test(arguments: ["fund-complex", "savvis-2001"], Acquisition.allCases)
    func headroomHoldsAndOneMoreCrosses(_ name: String, _ how: Acquisition) throws {
        let files = try Self.files(name)
        let c = try Self.load(files)
        var checked = 0
        for k in c.classes.indices {
            let date = c.classes[k].asOf
            let before = BeneficialOwnership.compute(c.replayed(through: date), classIndex: k, asOf: date)
            for row in before.rows where !row.isGroup {
                for h in Headroom.rows(c, classIndex: k, asOf: date, person: row.person, by: how, lines: Threshold.standard) {
                    let over = Set(before.rows.filter { h.line.isCrossed(by: $0.beneficialPercent) }.map(\.person))
                    func after(_ x: Int) throws -> ClassOwnership {
                        let changed = try Self.load(Self.acquired(files, c, person: c.persons[h.person].id, classID: c.classes[k].id, x, how))
                        return BeneficialOwnership.compute(changed.replayed(through: date), classIndex: k, asOf: date)
                    }
                    let at = try after(h.shares.count)
                    let crossed = at.rows.filter { !over.contains($0.person) && h.line.isCrossed(by: $0.beneficialPercent) }
                    #expect(crossed.isEmpty, "\(name) \(c.persons[h.person].id) \(h.line) by \(how): \(h.shares.count) shares cross for \(crossed.map { c.persons[$0.person].id })")
                    if let binding = h.binding {
                        let next = try after(h.shares.count + 1)
                        let row = try #require(next.row(of: binding))
                        #expect(h.line.isCrossed(by: row.beneficialPercent),
                                "\(name) \(c.persons[h.person].id) \(h.line) by \(how): one more share does not make \(c.persons[binding].id) cross")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }

    /// Worked by hand from Inputs/fund-complex: 50,000,000 shares outstanding.
    @Test func fundComplexByHand() throws {
        let c = try Self.load(try Self.files("fund-complex"))
        let date = c.classes[0].asOf
        func headroom(_ id: String, _ how: Acquisition) -> [HeadroomRow] {
            Headroom.rows(c, classIndex: 0, asOf: date, person: c.personIndex(id)!, by: how, lines: Threshold.standard)
        }
        // Alice holds 10,000 in her own name; her managing membership of the
        // growth GP is cut by the rule of three. More than 5% is more than
        // 2,500,000 of 50,000,000: 2,490,000 more leaves her at exactly 5%.
        let alice = headroom("alice", .purchase)
        #expect(alice.map(\.shares.count) == [2_490_000, 4_990_000, 9_989_999])
        #expect(alice.allSatisfy { $0.binding == c.personIndex("alice") })
        // By issue the denominator grows too: 10,000 + x > 5% × (50,000,000 + x)
        // gives 0.95x > 2,490,000, x > 2,621,052.6…: the most is 2,621,052.
        #expect(headroom("alice", .issue)[0].shares.count == 2_621_052)
        // The growth fund: 2,000,000 held and 1,250,000 on conversion of its
        // 1,000,000 Series A preferred (1.25 each), of 51,250,000; more than 10% is more than 5,125,000, so
        // 1,875,000 more leaves it at exactly 10%. Its GP is attributed the
        // same shares and crosses with it; the fund comes first in the table.
        let fund = headroom("growth-fund", .purchase)
        #expect(fund.first?.line == .tenPercent)
        #expect(fund.first?.shares.count == 1_875_000)
        #expect(fund.first?.binding == c.personIndex("growth-fund"))
    }

    /// Worked by hand from the seed's Item 5(a): Anthony J. deNicola, a
    /// managing member of WCAS VIII Associates, beneficially owns his own
    /// shares and, disclaimer or not (Rule 13d-4), the fund's: 20,787,450 of
    /// 108,368,630 (outstanding plus the rights he counts). 20% of that is
    /// 21,673,726 exactly, so the fund can buy 886,275 shares before he
    /// reaches 20% (886,276 would put him at exactly 20%: "20% or more").
    @Test func seedByHand() throws {
        let c = try Self.load(try Self.files("savvis-2001"))
        let rows = Headroom.rows(c, classIndex: 0, asOf: c.classes[0].asOf, person: c.personIndex("wcas8")!, by: .purchase,
                                 lines: Threshold.standard)
        #expect(rows.count == 1)
        #expect(rows.first?.line == .twentyPercent)
        #expect(rows.first?.shares.count == 886_275)
        #expect(rows.first?.binding == c.personIndex("denicola"))
    }
}
