import Attribution
import CapTableCore
import Foundation

extension Reports {
    public static let instrumentColumns = [
        Column("class", "Class"), Column("id", "Instrument"), Column("holder", "Holder"), Column("kind", "Kind"),
        Column("shares", "Shares or units"), Column("principal", "Principal"), Column("price", "Exercise or conversion price"),
        Column("terms", "Terms"), Column("cap_percent", "Blocker"), Column("outstanding_shares", "Shares on the date"),
        Column("acquirable", "Acquirable within 60 days"), Column("pik_added", "PIK added"), Column("accrued_interest", "Accrued interest"),
    ]

    /// Every grant and convertible with its figures on the date.
    /// `index`: the case's, to find each class's instruments without a scan of every one.
    public static func instruments(_ c: Case, _ selection: [(classIndex: Int, asOf: CalendarDate)], index: ClassIndex? = nil) -> Document {
        var sections: [Section] = []
        for (k, asOf) in selection {
            let classID = c.classes[k].id
            var rows: [[Cell]] = []
            let rights = Dictionary(c.rightsToAcquire(classIndex: k, asOf: asOf, index: index).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let grantIndices = index.map { Array($0.grants[k].lazy.map(Int.init)) } ?? c.grants.indices.filter { c.grants.classIndex($0) == k }
            for g in grantIndices.lazy.map({ c.grants[$0] }) {
                let r = rights[g.id]
                var terms: [String] = []
                if let from = g.exercisableFrom { terms.append("exercisable from \(from)") }
                if let v = g.vesting { terms.append("vests over \(v.months) months from \(v.start), cliff \(v.cliffMonths), every \(v.everyMonths)") }
                if let e = g.expires { terms.append("expires \(e)") }
                let holder: String = g.holder.map { c.persons[$0].id } ?? ""
                let price: String = g.exercisePrice.map { "$" + CaseWriter.exact($0.dollars) } ?? ""
                let cap: String = g.cap.map { CaseWriter.exact($0.value) + "%" } ?? ""
                let row: [Cell] = [.text(classID), .text(g.id), .text(holder), .text(g.kind.rawValue), .count(g.shares.count),
                                   .text(""), .text(price), .text(terms.joined(separator: "; ")), .text(cap),
                                   .count(r?.outstandingShares.count ?? 0), .count(r?.acquirableWithin60Days.count ?? 0),
                                   .text(""), .text("")]
                rows.append(row)
            }
            let noteIndices = index.map { Array($0.convertibles[k].lazy.map(Int.init)) } ?? c.convertibles.indices.filter { c.convertibles[$0].classIndex == k }
            for n in noteIndices.lazy.map({ c.convertibles[$0] }) {
                let r = rights[n.id]
                let b = n.kind == .note ? n.balance(on: asOf, calendar: c.calendar) : nil
                var terms: [String] = []
                if n.kind == .note {
                    terms.append("\(CaseWriter.exact(n.rate.value))% \(n.interest.rawValue), \(n.dayCount.rawValue)")
                    if let issued = n.issued { terms.append("issued \(issued)") }
                    if let m = n.maturity { terms.append("matures \(m)") }
                } else if let ratio = n.conversionRatio {
                    terms.append("\(CaseWriter.exact(ratio)) shares per unit")
                }
                let principal: String = n.principal.map { $0.description } ?? ""
                let price: String = n.conversionPrice.map { "$" + CaseWriter.exact($0.dollars) } ?? ""
                let cap: String = n.cap.map { CaseWriter.exact($0.value) + "%" } ?? ""
                let pik: String = b.map { $0.paidInKind.description } ?? ""
                let accrued: String = b.map { $0.accruedInterest.description } ?? ""
                let row: [Cell] = [.text(classID), .text(n.id), .text(c.persons[n.holder].id), .text(n.kind.rawValue),
                                   .count(n.units?.count ?? 0), .text(principal), .text(price), .text(terms.joined(separator: "; ")),
                                   .text(cap), .count(r?.outstandingShares.count ?? 0), .count(r?.acquirableWithin60Days.count ?? 0),
                                   .text(pik), .text(accrued)]
                rows.append(row)
            }
            sections.append(Section(heading: [], metadata: [], rows: rows))
        }
        return Document(columns: instrumentColumns, sections: sections)
    }

    /// Where the figures come from: the case, its files, each class's date and share base.
    public static func sources(_ c: Case, directory: String, _ selection: [(classIndex: Int, asOf: CalendarDate)]) -> Document {
        var rows: [[Cell]] = [[.text("case"), .text(directory)], [.text("files"), .text(c.files.joined(separator: ", "))]]
        for (k, asOf) in selection {
            let sc = c.classes[k]
            rows.append([.text("class \(sc.id)"), .text("\(sc.issuer): \(sc.title)\(sc.cusip.map { ", CUSIP \($0)" } ?? "")")])
            rows.append([.text("as of (\(sc.id))"), .text(asOf.description)])
            rows.append([.text("shares outstanding (\(sc.id))"),
                         .text("\(grouped(c.sharesOutstanding(classIndex: k).count))\(sc.reportedOutstanding == nil ? " (the sum of holdings.csv)" : " (as reported, as of \(sc.asOf))")")])
        }
        rows.append([.text("denominator"), .text("shares outstanding plus the person's own shares acquirable within 60 days (Rule 13d-3(d)(1)(i))")])
        rows.append([.text("fully diluted"), .text(CapTable.basis)])
        return Document(columns: [Column("item", "Item"), Column("value", "Value")], sections: [Section(heading: [], metadata: [], rows: rows)])
    }
}
