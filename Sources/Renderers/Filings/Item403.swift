import Attribution
import CapTableCore

/// The Regulation S-K Item 403 table, "Security Ownership of Certain
/// Beneficial Owners and Management", for one class.
public struct Item403Table: Sendable {
    public enum Part: String, Sendable {
        /// Item 403(a): more than 5% of a voting class.
        case principalHolders = "a"
        /// Item 403(b): each director, nominee and named executive officer.
        case management = "b"
        /// Item 403(b): all directors and executive officers as a group.
        case managementGroup = "b-group"
    }

    public struct Row: Sendable {
        public var part: Part
        /// Nil for the directors and executive officers as a group.
        public var person: Int?
        public var name: String
        public var address: String?
        public var amount: Shares
        public var percent: PercentOfClass
        /// `19.2%`; in the management part `*` for less than 1%, `—` for none.
        public var percentText: String
        /// Numbers into `footnotes`.
        public var footnotes: [Int]
    }

    public var classIndex: Int
    public var title: String
    /// `Common Stock` for `Common Stock, $.01 par value`.
    public var shortTitle: String
    public var issuer: String
    public var asOf: CalendarDate
    public var sharesOutstanding: Shares
    public var rows: [Row]
    /// Footnote texts; footnote n is `footnotes[n - 1]`.
    public var footnotes: [String]
    public var hasStar: Bool { rows.contains { $0.percentText == "*" } }

    /// What the table's percentages are based on.
    public var basis: String {
        "Percentages are based on \(grouped(sharesOutstanding.count)) shares of \(shortTitle) outstanding as of \(Prose.long(asOf)), "
            + "plus, for each holder, the shares it may acquire within 60 days (Rule 13d-3(d)(1)(i))."
    }
}

public enum Item403 {
    /// Builds the table. Part (a) only for a voting class.
    /// The persons named in Item 403(b), and those of the group of all
    /// directors and executive officers, in persons.csv order: the same for
    /// every class, found once for a book.
    public struct Management: Sendable {
        let named: [Int]
        let executives: [Int]
        /// Persons whose roles end (`roles_until`).
        let ending: [Int: CalendarDate]

        public init(_ c: Case) {
            var named: [Int] = [], executives: [Int] = [], ending: [Int: CalendarDate] = [:]
            for (i, p) in c.persons.enumerated() where !p.roles.isEmpty {
                if p.roles.contains(where: { $0 == .director || $0 == .nominee || $0 == .neo }) { named.append(i) }
                if p.roles.contains(where: { $0 == .director || $0 == .officer || $0 == .neo }) { executives.append(i) }
                if let until = p.rolesUntil { ending[i] = until }
            }
            (self.named, self.executives, self.ending) = (named, executives, ending)
        }

        /// Item 403(b) on `date`: each director and nominee in office, and each
        /// named executive officer (a former one still: Item 402(a)(3)(iii), (iv)).
        func named(on date: CalendarDate, _ c: Case) -> [Int] {
            named.filter { p in ending[p].map { date <= $0 } ?? true || c.persons[p].roles.contains(.neo) }
        }

        /// "All directors and executive officers as a group": those in office on `date`.
        func executives(on date: CalendarDate) -> [Int] {
            executives.filter { p in ending[p].map { date <= $0 } ?? true }
        }
    }

    public static func table(_ c: Case, _ o: ClassOwnership, management: Management? = nil) -> Item403Table {
        let management = management ?? Management(c)
        let shareClass = c.classes[o.classIndex]
        var rows: [Item403Table.Row] = []
        var notes: [String] = []
        func footnotes(for row: OwnershipRow, members: [Int]? = nil, name: String) -> [Int] {
            let texts = footnoteTexts(c, o, row, members: members, name: name)
            return texts.map { text in
                if let i = notes.firstIndex(of: text) { return i + 1 }
                notes.append(text)
                return notes.count
            }
        }
        if shareClass.voting {
            for row in o.rows where Threshold.fivePercent.isCrossed(by: row.percentOfClass) {
                let p = c.persons[row.person]
                let members = p.kind == .group ? c.memberships.filter { $0.group == row.person }.map(\.member) : nil
                rows.append(.init(part: .principalHolders, person: row.person, name: p.name, address: p.address,
                                  amount: row.aggregate, percent: row.percentOfClass, percentText: row.percentOfClass.text,
                                  footnotes: footnotes(for: row, members: members, name: p.name)))
            }
        }
        for i in management.named(on: o.asOf, c) {
            let p = c.persons[i]
            let row = o.row(of: i) ?? OwnershipRow(person: i, isGroup: false, groups: [], denominator: o.sharesOutstanding)
            let pct = row.percentOfClass
            rows.append(.init(part: .management, person: i, name: p.name, address: p.address, amount: row.aggregate,
                              percent: pct, percentText: row.aggregate.count == 0 ? "—" : star(pct),
                              footnotes: footnotes(for: row, name: p.name)))
        }
        let executives = management.executives(on: o.asOf)
        if !executives.isEmpty {
            let name = "All directors and executive officers as a group (\(executives.count) person\(executives.count == 1 ? "" : "s"))"
            let row = o.combined(executives, as: -1) ?? OwnershipRow(person: -1, isGroup: true, groups: [], denominator: o.sharesOutstanding)
            let pct = row.percentOfClass
            rows.append(.init(part: .managementGroup, person: nil, name: name, address: nil, amount: row.aggregate,
                              percent: pct, percentText: row.aggregate.count == 0 ? "—" : star(pct),
                              footnotes: row.aggregate.count > 0 ? footnotes(for: row, members: executives, name: "the group") : []))
        }
        return Item403Table(classIndex: o.classIndex, title: shareClass.title, shortTitle: Prose.shortTitle(shareClass), issuer: shareClass.issuer, asOf: o.asOf,
                            sharesOutstanding: o.sharesOutstanding, rows: rows, footnotes: notes)
    }

    /// `*` for less than 1% (the asterisk's footnote says "Less than 1%"); 1.0% and more as a percent.
    static func star(_ p: PercentOfClass) -> String { p.compared(to: Fraction(1)) < 0 ? "*" : p.text }

    /// The footnotes of one row: what its shares consist of, shared powers,
    /// disclaimers and blockers.
    static func footnoteTexts(_ c: Case, _ o: ClassOwnership, _ row: OwnershipRow, members: [Int]?, name: String) -> [String] {
        var texts: [String] = []
        let date = Prose.long(o.asOf)
        let parts = o.components(of: row, members: members).map { part -> String in
            let amount = Prose.shares(part.shares)
            let including = part.acquirable.count > 0
                ? ", including \(Prose.shares(part.acquirable)) that may be acquired within 60 days of \(date)" : ""
            switch part.source {
            case .heldDirectly:
                return "\(amount) held directly"
            case .right(let r):
                return "\(amount) issuable upon \(Prose.acquisition(r)) within 60 days of \(date)"
            case .controlled(let r):
                return "\(amount) beneficially owned by \(c.persons[r.controlled].name), of which \(name) is \(Prose.role(r.role))\(including)"
            case .member(let m):
                return "\(amount) beneficially owned by \(c.persons[m].name)\(including)"
            }
        }
        if !parts.isEmpty { texts.append("Consists of \(Prose.enumerated(parts)).") }
        if row.sharedVotingPower.count > 0 || row.sharedDispositivePower.count > 0
            || row.soleVotingPower + row.sharedVotingPower != row.aggregate
            || row.soleDispositivePower + row.sharedDispositivePower != row.aggregate {
            texts.append(Prose.capitalizedFirst("\(name) has sole voting power over \(Prose.shares(row.soleVotingPower)), "
                + "shared voting power over \(Prose.shares(row.sharedVotingPower)), sole dispositive power over "
                + "\(Prose.shares(row.soleDispositivePower)) and shared dispositive power over \(Prose.shares(row.sharedDispositivePower))."))
        }
        for (relation, shares) in o.disclaimed(by: row) {
            texts.append(Prose.capitalizedFirst("excludes \(Prose.shares(shares)) beneficially owned by \(c.persons[relation.controlled].name), "
                + "as to which \(name) disclaims beneficial ownership."))
        }
        for (relation, shares) in o.statedDisclaimers(by: row) {
            texts.append(Prose.capitalizedFirst("includes \(Prose.shares(shares)) beneficially owned by \(c.persons[relation.controlled].name), "
                + "as to which \(name) disclaims beneficial ownership (Rule 13d-4)."))
        }
        // Item 403(b): "the amount of shares that are pledged as security" by footnote.
        let pledged = row.lots.reduce(0) { sum, a in
            guard !a.excluded, a.power.isBeneficial, case .holding(let h) = o.lots[a.lot].source else { return sum }
            return sum + (c.holdings.pledged(h)?.count ?? 0)
        }
        if pledged > 0 { texts.append("Includes \(Prose.shares(Shares(pledged))) pledged as security.") }
        for b in o.blockedRights(in: row) {
            let cap = b.right.cap.map { "\($0.value.decimalText(places: 2).replacingTrailingZeros)%" } ?? ""
            texts.append("Excludes \(Prose.shares(b.full - b.counted)) issuable upon \(Prose.acquisition(b.right)), which may not be "
                + "exercised or converted to the extent the holder, together with its affiliates, would beneficially own more than \(cap) of the class.")
        }
        return texts
    }
}

extension String {
    /// `9.90` → `9.9`, `5.00` → `5`.
    var replacingTrailingZeros: String {
        guard contains(".") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
