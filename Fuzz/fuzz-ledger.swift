// libFuzzer target: transactions.csv replayed over a small case with every
// kind of instrument the ledger changes (a note with PIK interest and
// weighted-average anti-dilution, preferred, an option with vesting). The
// input is the ledger's rows after its header; each run must end in figures
// within the limit of 10^15 or in errors, never in a trap.
import Attribution
import CapTableCore
import InputFiles

let base: [String: String] = [
    "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"93,840,935\",2002-12-31\nd,I,Class B,\"1,000\",2002-12-31\n",
    "persons.csv": "id,name,kind,control_intent\nw,W,entity,no\nx,X,entity,no\ngp,GP,entity,yes\n",
    "holdings.csv": "holder,class,shares\nw,c,\"6,250,000\"\nx,c,\"87,590,935\"\nx,d,\"1,000\"\n",
    "relations.csv": "controller,controlled,role\ngp,w,general_partner\n",
    "options.csv": "id,holder,kind,class,shares,exercise_price,vest_start,vest_months,cliff_months,cap_percent\no1,x,option,c,\"100,000\",1.00,2001-01-15,48,12,9.99\n",
    "convertibles.csv": "id,holder,kind,class,principal,conversion_price,units,conversion_ratio,issued,maturity,rate,interest,pik_months,first_payment,anti_dilution\n"
        + "n1,w,note,c,\"$19,047,600\",1 5/16,,,2001-02-20,2006-02-20,10,pik,\"2,8\",2001-08-31,weighted_average\n"
        + "p1,x,preferred,c,,,\"10,000\",1.5,,,,,,,\n",
]
let header = "date,event,id,holder,from,to,kind,class,shares,instrument,new_instrument,principal,units,ratio,consideration,price,note\n"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var files = base.mapValues { Array($0.utf8) }
    files["transactions.csv"] = Array(header.utf8) + Array(UnsafeBufferPointer(start: data, count: size))
    guard case .success(let c) = CaseLoader.load(files: files) else { return 0 }
    let cap = Shares(1_000_000_000_000_000)
    for k in c.classes.indices {
        for asOf in [c.classes[k].asOf, CalendarDate(year: 2001, month: 6, day: 30)!, CalendarDate(year: 2006, month: 2, day: 17)!] {
            let replayed = c.replayed(through: asOf)
            guard replayed.limitProblems(classIndex: k, asOf: asOf).isEmpty else { continue }
            let o = BeneficialOwnership.compute(replayed, classIndex: k, asOf: asOf)
            precondition(o.sharesOutstanding <= cap, "outstanding past the limit")
            for row in o.rows {
                precondition(row.aggregate <= row.denominator || row.isGroup, "aggregate past the denominator")
                precondition(row.beneficiallyOwned.count <= 4 * cap.count, "figure past the limits")
            }
            _ = Obligations.evaluate(replayed, classIndex: k, from: asOf.adding(days: -40), to: asOf, statusDate: asOf)
        }
    }
    return 0
}
