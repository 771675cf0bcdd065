import Attribution
import CapTableCore
import InputFiles
import Testing

/// Random ledgers over a case with every instrument the ledger changes:
/// each either replays with every figure within the limit of 10^15, or is
/// refused as an input error (what the command exits 65 on); none traps.
@Suite struct LedgerPropertyTests {
    static let base: [String: String] = [
        "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"93,840,935\",2002-12-31\n",
        "persons.csv": "id,name,kind\nw,W,entity\nx,X,entity\ngp,GP,entity\n",
        "holdings.csv": "holder,class,shares\nw,c,\"6,250,000\"\nx,c,\"87,590,935\"\n",
        "relations.csv": "controller,controlled,role\ngp,w,general_partner\n",
        "options.csv": "id,holder,kind,class,shares,exercise_price,vest_start,vest_months,cliff_months\no1,x,option,c,\"100,000\",1.00,2001-01-15,48,12\n",
        "convertibles.csv": "id,holder,kind,class,principal,conversion_price,units,conversion_ratio,issued,maturity,rate,interest,pik_months,first_payment,anti_dilution\n"
            + "n1,w,note,c,\"$19,047,600\",1 5/16,,,2001-02-20,2006-02-20,10,pik,\"2,8\",2001-08-31,weighted_average\n"
            + "p1,x,preferred,c,,,\"10,000\",1.5,,,,,,,\n",
    ]

    static func ledger(_ r: inout SeededRandom) -> String {
        var rows = "date,event,holder,from,to,class,shares,instrument,principal,ratio,consideration\n"
        let shares = ["1", "40,000", "1000000", "999999999999999", "1000000000000000", "93840935"]
        let ratios = ["2", "0.5", "10000", "1.000001", "3/2", "1"]
        for _ in 0..<r.int(1...12) {
            let date = "2001-\(String(format: "%02d", r.int(3...12)))-\(String(format: "%02d", r.int(1...28)))"
            switch r.int(0...8) {
            case 0: rows += "\(date),issue,\(r.pick(["w", "x"])),,,c,\"\(r.pick(shares))\",,,,\"$\(r.pick(["1", "40,000", "1,000,000,000,000,000"]))\"\n"
            case 1: rows += "\(date),transfer,,\(r.pick(["w", "x"])),\(r.pick(["w", "x", "gp"])),c,\"\(r.pick(shares))\",,,,\n"
            case 2: rows += "\(date),repurchase,\(r.pick(["w", "x"])),,,c,\"\(r.pick(shares))\",,,,\n"
            case 3: rows += "\(date),split,,,,c,,,,\(r.pick(ratios)),\n"
            case 4: rows += "\(date),convert,,,,,,p1,,,\n"
            case 5: rows += "\(date),convert,,,,,,n1,\"$\(r.pick(["1,000", "19,047,600"]))\",,\n"
            case 6: rows += "\(date),exercise,,,,,\(r.pick(["", "50000"])),o1,,,\n"
            case 7: rows += "\(date),outstanding,,,,c,\"\(r.pick(shares))\",,,,\n"
            default: rows += "\(date),control_intent,\(r.pick(["w", "gp"])),,,,,,,,\n"
            }
        }
        return rows
    }

    @Test func everyLedgerEndsInFiguresOrErrors() throws {
        let cap = ValueParser.maximumWholeNumber
        var replayed = 0, refused = 0
        for seed in 0..<UInt64(propertyCases) {
            var r = SeededRandom(seed: 70_000 + seed)
            var files = Self.base
            files["transactions.csv"] = Self.ledger(&r)
            switch CaseLoader.load(files: files.mapValues { Array($0.utf8) }) {
            case .success(let c):
                for asOf in [c.classes[0].asOf, CalendarDate(year: 2006, month: 2, day: 17)!] {
                    let day = c.replayed(through: asOf)
                    guard day.limitProblems(classIndex: 0, asOf: asOf).isEmpty else { refused += 1; continue }
                    let o = BeneficialOwnership.compute(day, classIndex: 0, asOf: asOf)
                    #expect(o.sharesOutstanding.count <= cap, "seed \(seed)")
                    for row in o.rows {
                        #expect(row.aggregate.count <= 3 * cap && row.denominator.count <= 3 * cap, "seed \(seed)")
                        #expect(row.soleVotingPower + row.sharedVotingPower <= row.aggregate, "seed \(seed)")
                    }
                    for i in day.holdings.indices { #expect(day.holdings.shareCount(i) <= cap, "seed \(seed)") }
                    replayed += 1
                }
            case .failure(.invalid(let d)), .failure(.tooMany(let d, _)):
                #expect(!d.isEmpty)
                refused += 1
            case .failure(let e):
                Issue.record("seed \(seed): \(e)")
            }
        }
        // Both ends are reached, or the property says little.
        #expect(replayed > propertyCases / 10 && refused > propertyCases / 10, "\(replayed) replayed, \(refused) refused")
    }
}
