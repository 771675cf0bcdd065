import Attribution
import CapTableCore
import CSVReading

/// Schedule 13D and 13G cover pages, one per reporting person.
public enum CoverPages {
    public enum Schedule: Sendable { case thirteenD, thirteenG }

    /// How a cover page prints a percent: 1 decimal (the cover instructions'
    /// "nearest tenth"), or 2 (as EDGAR XML filings print it: 9.99, 87.69).
    public struct Options: Sendable {
        public var percentDecimals = 1
        public init(percentDecimals: Int = 1) { self.percentDecimals = percentDecimals }
    }

    /// The rule of Regulation 13D-G a Schedule 13G is filed under, by filer type:
    /// 13d-1(b) (qualified institutional investor), (c) (passive), (d) (exempt).
    public static func thirteenGRule(_ type: FilerType) -> String? {
        switch type {
        case .qii: return "Rule 13d-1(b)"
        case .passive: return "Rule 13d-1(c)"
        case .exempt: return "Rule 13d-1(d)"
        case .thirteenD: return nil
        }
    }

    /// Each reporting person that may not file Schedule 13G, with the rule
    /// that says so: a `13d` filer, one with control intent (13d-1(b)(1)(i),
    /// (c)(1)), a passive investor at 20% or more (13d-1(c)(3), (f)(1)), and a
    /// member of a group with such a member (the group is one person, 13d-5(b)(1)).
    /// Each comes with the index of its person, so that a person named on
    /// several classes is counted once.
    public static func thirteenGProblems(_ c: Case, _ o: ClassOwnership) -> [(person: Int, diagnostic: Diagnostic)] {
        let rows = reportingRows(c, o)
        func reason(_ p: Int) -> String? {
            let person = c.persons[p]
            let pct = o.row(of: p)?.beneficialPercent ?? PercentOfClass(shares: .zero, denominator: o.sharesOutstanding)
            switch person.filerType {
            case .thirteenD: return "its filer_type is 13d: it files Schedule 13D (Rule 13d-1(a))"
            case .passive where Threshold.twentyPercent.isCrossed(by: pct):
                return "a passive investor with \(pct.text) (20% or more) files Schedule 13D (Rule 13d-1(c)(3), (f)(1))"
            case .passive where person.controlIntent, .qii where person.controlIntent:
                return "it holds with control intent and files Schedule 13D (Rule 13d-1(b)(1)(i), (c)(1), (e))"
            default: return nil
            }
        }
        var out: [(person: Int, diagnostic: Diagnostic)] = []
        for row in rows {
            let p = c.persons[row.person]
            if let why = reason(row.person) {
                out.append((row.person, Diagnostic(p.location, "\"\(p.id)\" may not file Schedule 13G: \(why)")))
                continue
            }
            for g in row.groups {
                if let why = reason(g) {
                    out.append((row.person, Diagnostic(p.location, "\"\(p.id)\" may not file Schedule 13G: its group \"\(c.persons[g].id)\" files as one person (Rule 13d-5(b)(1)), and \(why)")))
                    break
                }
                let members = c.memberships.filter { $0.group == g }.map(\.member)
                if let bad = members.first(where: { reason($0) != nil }) {
                    out.append((row.person, Diagnostic(p.location, "\"\(p.id)\" may not file Schedule 13G: its group \"\(c.persons[g].id)\" files as one person (Rule 13d-5(b)(1)), and its member \"\(c.persons[bad].id)\" may not: \(reason(bad)!)")))
                    break
                }
            }
        }
        return out
    }

    /// The persons that get a cover page: those marked `reporting`, or by
    /// default every individual and entity that holds or is attributed
    /// shares of the class. Groups have none (their members file together).
    public static func reportingRows(_ c: Case, _ o: ClassOwnership) -> [OwnershipRow] {
        c.persons.indices.compactMap { i -> OwnershipRow? in
            let p = c.persons[i]
            guard p.kind != .group else { return nil }
            let row = o.row(of: i)
            switch p.reporting {
            case .some(false): return nil
            case .some(true):
                return row ?? OwnershipRow(person: i, isGroup: false, groups: c.memberships.filter { $0.member == i }.map(\.group),
                                           denominator: o.sharesOutstanding)
            case .none:
                return (row?.aggregate.count ?? 0) > 0 ? row : nil
            }
        }
    }

    // MARK: Text

    /// The cover pages as text, laid out as the seed filing's pages 2 to 8.
    /// A Schedule 13G's pages start with the box of the rule it is filed
    /// under, checked for each reporting person's filer type.
    public static func text(_ c: Case, _ o: ClassOwnership, schedule: Schedule, options: Options = Options()) -> String {
        var text = ""
        write(c, o, schedule: schedule, options: options) { text += $0 }
        return text
    }

    /// The same text handed to `out` a page at a time, so that a class of
    /// thousands of reporting persons is never held whole.
    public static func write(_ c: Case, _ o: ClassOwnership, schedule: Schedule, options: Options = Options(),
                             to out: (String) throws -> Void) rethrows {
        let rows = reportingRows(c, o)
        if schedule == .thirteenG {
            let rules = Set(rows.compactMap { thirteenGRule(c.persons[$0.person].filerType) })
            let boxes = ["Rule 13d-1(b)", "Rule 13d-1(c)", "Rule 13d-1(d)"].map { "[\(rules.contains($0) ? "X" : " ")] \($0)" }
            try out("Check the appropriate box to designate the rule pursuant to which this Schedule is filed:\n\n"
                + boxes.joined(separator: "\n") + "\n\n<PAGE>\n\n")
        }
        for (i, row) in rows.enumerated() {
            try out((i == 0 ? "" : "\n<PAGE>\n\n") + page(c, o, row, schedule: schedule, options: options))
        }
    }

    static func page(_ c: Case, _ o: ClassOwnership, _ row: OwnershipRow, schedule: Schedule, options: Options) -> String {
        let p = c.persons[row.person]
        let sc = c.classes[o.classIndex]
        var page = PageText()
        page.line(sc.cusip.map { "CUSIP No. \($0)" } ?? sc.title)
        page.line("")
        page.line("")
        let inGroup = !row.groups.isEmpty
        let box = ["(a) [\(inGroup ? "X" : " ")]", "(b) [ ]"]
        let powers = powerValues(c, o, row)
        let aggregate = sharesText(row.aggregate, rights: rightsIn(o, row) { _ in true }, sc)
        let percent = Prose.capitalizedFirst(row.percentOfClass.text(places: options.percentDecimals))
        let excludes = row.excluded.count > 0 ? "[X]" : "[ ]"
        switch schedule {
        case .thirteenD:
            page.entry(["1)   Name of Reporting Person", "     and I.R.S. Identification", "     No. of Above Person, if", "     an Entity (Voluntary)"], p.name)
            page.rule()
            page.entry(["2)   Check the Appropriate Box", "     if a Member of a Group"], box, column: 59)
            page.rule()
            page.entry(["3)   SEC Use Only"], "")
            page.rule()
            page.entry(["4)   Source of Funds"], p.sourceOfFunds.isEmpty ? "Not Applicable" : p.sourceOfFunds.joined(separator: ", "))
            page.rule()
            page.entry(["5)   Check if Disclosure of", "     Legal Proceedings Is", "     Required Pursuant to", "     Items 2(d) or 2(e)"], "Not Applicable")
            page.rule()
            page.entry(["6)   Citizenship or Place", "     of Organization"], p.citizenship ?? "")
            page.rule()
            page.powers(first: 7, powers)
            page.rule()
            page.entry(["11)  Aggregate Amount Beneficially", "     Owned by Each Reporting Person"], aggregate, column: 59)
            page.rule()
            page.entry(["12)  Check if the Aggregate", "     Amount in Row (11)", "     Excludes Certain Shares"], excludes)
            page.rule()
            page.entry(["13)  Percent of Class", "     Represented by", "     Amount in Row (11)"], percent)
            page.rule()
            page.entry(["14)  Type of Reporting", "     Person"], p.type)
        case .thirteenG:
            page.entry(["1)   Names of Reporting Persons"], p.name)
            page.rule()
            page.entry(["2)   Check the Appropriate Box", "     if a Member of a Group"], box, column: 59)
            page.rule()
            page.entry(["3)   SEC Use Only"], "")
            page.rule()
            page.entry(["4)   Citizenship or Place", "     of Organization"], p.citizenship ?? "")
            page.rule()
            page.powers(first: 5, powers)
            page.rule()
            page.entry(["9)   Aggregate Amount Beneficially", "     Owned by Each Reporting Person"], aggregate, column: 59)
            page.rule()
            page.entry(["10)  Check if the Aggregate", "     Amount in Row (9)", "     Excludes Certain Shares"], excludes)
            page.rule()
            page.entry(["11)  Percent of Class", "     Represented by", "     Amount in Row (9)"], percent)
            page.rule()
            page.entry(["12)  Type of Reporting", "     Person"], p.type)
        }
        // A disclaimer stated in words (disclaims = statement): the shares stay in every row.
        for (relation, shares) in o.statedDisclaimers(by: row) {
            page.line("")
            for line in PageText.wrap("The reporting person disclaims beneficial ownership of the \(Prose.shares(shares)) "
                + "beneficially owned by \(c.persons[relation.controlled].name), which are included above; this statement is not an "
                + "admission that it is their beneficial owner (Rule 13d-4).", width: PageText.width) { page.line(line) }
        }
        return page.text
    }

    /// Rows 7 to 10 (13D) or 5 to 8 (13G): label and value of each power.
    static func powerValues(_ c: Case, _ o: ClassOwnership, _ row: OwnershipRow) -> [(String, String, String)] {
        let sc = c.classes[o.classIndex]
        return [
            ("Sole Voting", "Power", sharesText(row.soleVotingPower, rights: rightsIn(o, row) { $0.voting == .sole }, sc)),
            ("Shared Voting", "Power", sharesText(row.sharedVotingPower, rights: rightsIn(o, row) { $0.voting == .shared }, sc)),
            ("Sole Disposi-", "tive Power", sharesText(row.soleDispositivePower, rights: rightsIn(o, row) { $0.dispositive == .sole }, sc)),
            ("Shared Dis-", "positive Power", sharesText(row.sharedDispositivePower, rights: rightsIn(o, row) { $0.dispositive == .shared }, sc)),
        ]
    }

    /// Rights counted in one of a row's figures: their kinds and shares.
    static func rightsIn(_ o: ClassOwnership, _ row: OwnershipRow, _ power: (LotPower) -> Bool) -> (kinds: [InstrumentKind], shares: Shares) {
        var kinds: [InstrumentKind] = [], shares = Shares.zero
        for a in row.lots where !a.excluded && a.power.isBeneficial && power(a.power) {
            guard case .right(let r) = o.lots[a.lot].source else { continue }
            shares += o.lots[a.lot].shares
            if !kinds.contains(r.kind) { kinds.append(r.kind) }
        }
        return (kinds, shares)
    }

    /// `20,762,457 shares of Common Stock (including shares issuable upon conversion of Notes)`, or `-0-`.
    static func sharesText(_ count: Shares, rights: (kinds: [InstrumentKind], shares: Shares), _ sc: ShareClass) -> String {
        guard count.count > 0 else { return "-0-" }
        var text = "\(grouped(count.count)) shares of \(Prose.shortTitle(sc))"
        if rights.shares.count > 0 {
            let how = rights.kinds.map { kind -> String in
                switch kind {
                case .note: return "conversion of Notes"
                case .preferred: return "conversion of Preferred Stock"
                case .option: return "exercise of Options"
                case .warrant: return "exercise of Warrants"
                case .rsu: return "settlement of Restricted Stock Units"
                case .right: return "exercise of Rights"
                }
            }.joined(separator: " and ")
            text += rights.shares == count ? " (issuable upon \(how))" : " (including shares issuable upon \(how))"
        }
        return text
    }

    // MARK: XML

    /// The cover-page part of the EDGAR Schedule 13D or 13G XML (Technical
    /// Specification 1.0): the cover page header and one reporting person
    /// element per cover page; with filer.csv, the whole submission
    /// (`Submission`). Share figures with two decimals, the percent
    /// rounded half up to one decimal.
    public static func xml(_ c: Case, _ o: ClassOwnership, schedule: Schedule, options: Options = Options()) -> Result<String, RenderError> {
        let sc = c.classes[o.classIndex]
        let rows = reportingRows(c, o)
        var problems: [Diagnostic] = []
        for row in rows where c.persons[row.person].citizenshipCode == nil {
            let p = c.persons[row.person]
            let why = p.citizenship.map { "citizenship \"\($0)\" has no EDGAR code" } ?? "it has no citizenship"
            problems.append(Diagnostic(p.location, "\"\(p.id)\" needs citizenship_code for EDGAR XML: \(why)"))
        }
        // With filer.csv, a whole submission: every element the specification
        // makes mandatory for its submission type must have its value.
        let submission = c.filer.map { Submission(c, o, rows, schedule: schedule, filer: $0) }
        if let submission { problems += submission.missing() }
        guard problems.isEmpty else { return .failure(.missingForXML(problems)) }
        var x = XMLText()
        let namespace = schedule == .thirteenD ? "http://www.sec.gov/edgar/schedule13d" : "http://www.sec.gov/edgar/schedule13g"
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        x.open("edgarSubmission", attributes: "xmlns=\"\(namespace)\" xmlns:com=\"http://www.sec.gov/edgar/common\"")
        submission?.header(&x)
        x.open("formData")
        x.open("coverPageHeader")
        if let amendment = submission?.amendmentNumber { x.element("amendmentNo", amendment) }
        x.element("securitiesClassTitle", sc.title)
        let cusip = sc.cusip.map { $0.filter { !$0.isWhitespace } }
        switch schedule {
        case .thirteenD:
            x.element("dateOfEvent", Prose.edgar(o.asOf))
            x.open("issuerInfo")
            if let cik = submission?.issuerCIK { x.element("issuerCIK", cik) }
            if let cusip { x.element("issuerCUSIP", cusip) }
            x.element("issuerName", sc.issuer)
            submission?.address(&x, "address")
            x.close("issuerInfo")
            x.close("coverPageHeader")
            x.open("reportingPersons")
        case .thirteenG:
            x.element("eventDateRequiresFilingThisStatement", Prose.edgar(o.asOf))
            x.open("issuerInfo")
            if let cik = submission?.issuerCIK { x.element("issuerCik", cik) }
            x.element("issuerName", sc.issuer)
            if let cusip { x.element("issuerCusip", cusip) }
            submission?.address(&x, "issuerPrincipalExecutiveOfficeAddress")
            x.close("issuerInfo")
            let rules = Set(rows.compactMap { thirteenGRule(c.persons[$0.person].filerType) })
            if !rules.isEmpty {
                x.open("designateRulesPursuantThisScheduleFiled")
                for rule in rules.sorted() { x.element("designateRulePursuantThisScheduleFiled", rule) }
                x.close("designateRulesPursuantThisScheduleFiled")
            }
            x.close("coverPageHeader")
        }
        func amount(_ s: Shares) -> String { "\(s.count).00" }
        for row in rows {
            let p = c.persons[row.person]
            let percent = row.percentOfClass.percent.decimalText(places: options.percentDecimals)
            let excludes = row.excluded.count > 0 ? "Y" : "N"
            switch schedule {
            case .thirteenD:
                x.open("reportingPersonInfo")
                submission?.personCIK(&x, row.person, cik: "reportingPersonCIK", none: "reportingPersonNoCIK")
                x.element("reportingPersonName", p.name)
                if !row.groups.isEmpty { x.element("memberOfGroup", "a") }
                for code in p.sourceOfFunds { x.element("fundType", code) }
                x.element("citizenshipOrOrganization", p.citizenshipCode!)
                x.element("soleVotingPower", amount(row.soleVotingPower))
                x.element("sharedVotingPower", amount(row.sharedVotingPower))
                x.element("soleDispositivePower", amount(row.soleDispositivePower))
                x.element("sharedDispositivePower", amount(row.sharedDispositivePower))
                x.element("aggregateAmountOwned", amount(row.aggregate))
                x.element("isAggregateExcludeShares", excludes)
                x.element("percentOfClass", percent)
                x.element("typeOfReportingPerson", p.type)
                x.close("reportingPersonInfo")
            case .thirteenG:
                x.open("coverPageHeaderReportingPersonDetails")
                submission?.personCIK(&x, row.person, cik: "reportingCik", none: "reportingCikNotPresentInEdgarFlag")
                x.element("reportingPersonName", p.name)
                if !row.groups.isEmpty { x.element("memberGroup", "a") }
                x.element("citizenshipOrOrganization", p.citizenshipCode!)
                x.open("reportingPersonBeneficiallyOwnedNumberOfShares")
                x.element("soleVotingPower", amount(row.soleVotingPower))
                x.element("sharedVotingPower", amount(row.sharedVotingPower))
                x.element("soleDispositivePower", amount(row.soleDispositivePower))
                x.element("sharedDispositivePower", amount(row.sharedDispositivePower))
                x.close("reportingPersonBeneficiallyOwnedNumberOfShares")
                x.element("reportingPersonBeneficiallyOwnedAggregateNumberOfShares", amount(row.aggregate))
                x.element("aggregateAmountExcludesCertainSharesFlag", excludes)
                x.element("classPercent", percent)
                x.element("typeOfReportingPerson", p.type)
                x.close("coverPageHeaderReportingPersonDetails")
            }
        }
        if schedule == .thirteenD { x.close("reportingPersons") }
        submission?.itemsAndSignatures(&x)
        x.close("formData")
        x.close("edgarSubmission")
        return .success(x.text)
    }
}

/// A cover page's lines, with labels on the left and values in a column.
struct PageText {
    /// The page so far, each line ended and without trailing spaces.
    private(set) var text = ""
    static let width = 79

    init() { text.reserveCapacity(2048) }

    /// `left`, and `value` from `column` (one space after `left` where it
    /// reaches the column), as a line without trailing spaces.
    mutating func line(_ left: String, column: Int = 0, _ value: String = "") {
        text += left
        if !value.isEmpty {
            let width = left.count
            text += Self.spaces(width >= column ? 1 : column - width)
            text += value
        }
        while text.utf8.last == UInt8(ascii: " ") { text.removeLast() }
        text += "\n"
    }

    /// `n` spaces, taken from one string rather than made each time.
    static func spaces(_ n: Int) -> Substring { blank.prefix(n) }
    private static let blank = String(repeating: " ", count: width)

    mutating func rule() { line(Self.rule) }
    private static let rule = String(repeating: "-", count: width)

    /// Label lines, and the value word-wrapped in a column from `column` to the page's edge.
    mutating func entry(_ labels: [String], _ value: String, column: Int = 56) {
        entry(labels, PageText.wrap(value, width: Self.width - column), column: column)
    }

    mutating func entry(_ labels: [String], _ values: [String], column: Int) {
        for i in 0..<max(labels.count, values.count) {
            line(i < labels.count ? labels[i] : "", column: column, i < values.count ? values[i] : "")
        }
    }

    /// The four powers, with "Number of Shares Beneficially Owned by Each
    /// Reporting Person With" down the left, as the cover page prints it.
    mutating func powers(first: Int, _ powers: [(String, String, String)]) {
        var row = 0
        func blockLine(_ label: String, _ value: String) {
            let caption = row < Self.caption.count ? Self.caption[row] : ""
            let left = caption + Self.spaces(caption.count >= 36 ? 1 : 36 - caption.count) + label
            line(left, column: 59, value)
            row += 1
        }
        for (k, (label1, label2, value)) in powers.enumerated() {
            if k > 0 { blockLine(Self.powerRule, "") }
            let number = "\(first + k))"
            let labels = [number + Self.spaces(max(1, 5 - number.count)) + label1, "     " + label2]
            let values = PageText.wrap(value, width: 20)
            for i in 0..<max(labels.count, values.count) {
                blockLine(i < labels.count ? labels[i] : "", i < values.count ? values[i] : "")
            }
        }
    }
    private static let caption = ["Number of", "Shares Beneficially", "Owned by Each", "Reporting Person", "With"]
    private static let powerRule = String(repeating: "-", count: 43)

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// Indented XML, every value escaped.
struct XMLText {
    var text = ""
    var depth = 0

    mutating func raw(_ s: String) { text += s + "\n" }
    mutating func open(_ name: String, attributes: String = "") {
        raw(String(repeating: "  ", count: depth) + "<\(name)\(attributes.isEmpty ? "" : " " + attributes)>")
        depth += 1
    }
    mutating func close(_ name: String) {
        depth -= 1
        raw(String(repeating: "  ", count: depth) + "</\(name)>")
    }
    mutating func element(_ name: String, _ value: String) {
        raw(String(repeating: "  ", count: depth) + "<\(name)>\(Markup.escaped(value))</\(name)>")
    }
}

