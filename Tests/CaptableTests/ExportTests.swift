import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A parsed XML element: name, text and children, namespaces recorded.
final class XMLNode {
    let name: String
    var text = ""
    var children: [XMLNode] = []
    var namespace: String?
    var attributes: [String: String] = [:]
    init(_ name: String) { self.name = name }

    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    func first(_ path: String) -> XMLNode? {
        var node: XMLNode? = self
        for part in path.split(separator: "/") { node = node?.children.first { $0.name == part } }
        return node
    }
    func value(_ path: String) -> String? { first(path)?.text }
}

final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLNode] = [XMLNode("#document")]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let node = XMLNode(name)
        node.namespace = namespaceURI
        node.attributes = attributes
        stack.last!.children.append(node)
        stack.append(node)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last!.text += string }

    static func parse(_ text: String) -> XMLNode? {
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.stack[0].children.first
    }
}

/// The seed's cover pages (pages 2 to 8), person by person: rows 7 to 11, 13 and 14.
let seedCoverPages: [(id: String, name: String, shares: Int, percentText: String, percentXML: String, type: String, funds: String)] = [
    ("wcas8", "Welsh, Carson, Anderson & Stowe VIII, L.P.", 20_762_457, "19.2%", "19.2", "PN", "WC"),
    ("wcas7", "Welsh, Carson, Anderson & Stowe VII, L.P.", 3_475_566, "3.7%", "3.7", "PN", "Not Applicable"),
    ("wcas6", "Welsh, Carson, Anderson & Stowe VI, L.P.", 4_635_958, "4.9%", "4.9", "PN", "Not Applicable"),
    ("wcas-cp2", "WCAS Capital Partners II, L.P.", 667_761, "0.7%", "0.7", "PN", "Not Applicable"),
    // "Less than 0.1%" on the page; 0.0696…% rounds half up to 0.1 in the XML's one decimal.
    ("wcas-ip", "WCAS Information Partners, L.P.", 65_357, "Less than 0.1%", "0.1", "PN", "Not Applicable"),
    // 4,571 / 93,845,506 = 0.0049%: 0.0 in the XML.
    ("wcas-mgmt", "WCAS Management Corporation", 4_571, "Less than 0.1%", "0.0", "CO", "WC"),
]

@Suite struct CoverPageTests {
    static func grouped(_ n: Int) -> String {
        let s = String(n)
        return s.enumerated().map { ($0.offset > 0 && (s.count - $0.offset) % 3 == 0 ? "," : "") + String($0.element) }.joined()
    }

    @Test func seed13DCoverPages() throws {
        let run = try Harness.run(["export", "Inputs/savvis-2001", "--format", "13d-cover"])
        #expect(run.status == 0)
        let pages = run.stdout.components(separatedBy: "\n<PAGE>\n")
        #expect(pages.count == 6)  // the six reporting persons, and no one else
        for (page, e) in zip(pages, seedCoverPages) {
            let lines = page.components(separatedBy: "\n")
            func line(_ prefix: String) -> String { lines.first { $0.contains(prefix) } ?? "" }
            let figure = "\(Self.grouped(e.shares)) shares of"
            #expect(line("7)   Sole Voting").contains(figure), "\(e.id) row 7")
            #expect(line("8)   Shared Voting").hasSuffix("-0-"), "\(e.id) row 8")
            #expect(line("9)   Sole Disposi").contains(figure), "\(e.id) row 9")
            #expect(line("10)  Shared Dis").hasSuffix("-0-"), "\(e.id) row 10")
            #expect(line("11)  Aggregate").contains(figure), "\(e.id) row 11")
            #expect(line("13)  Percent of Class").hasSuffix(e.percentText), "\(e.id) row 13")
            #expect(line("14)  Type of Reporting").hasSuffix(e.type), "\(e.id) row 14")
            #expect(line("4)   Source of Funds").hasSuffix(e.funds), "\(e.id) row 4")
            #expect(line("2)   Check the Appropriate Box").hasSuffix("(a) [X]"), "\(e.id) row 2")
            #expect(line("6)   Citizenship").hasSuffix("Delaware"), "\(e.id) row 6")
            // Row 1 holds the whole name, wrapped.
            let nameLines = lines.drop { !$0.hasPrefix("1)") }.prefix(4).map { $0.dropFirst(56).trimmingCharacters(in: .whitespaces) }
            #expect(nameLines.filter { !$0.isEmpty }.joined(separator: " ") == e.name)
        }
        // WCAS Management's shares are all issuable on its note: "(issuable upon conversion of Notes)".
        #expect(pages[5].contains("(issuable upon"))
        #expect(pages[0].contains("(including shares"))
    }

    @Test func seed13DXML() throws {
        let run = try Harness.run(["export", "Inputs/savvis-2001", "--format", "13d-xml"])
        #expect(run.status == 0)
        let root = try #require(TreeBuilder.parse(run.stdout))
        #expect(root.name == "edgarSubmission")
        #expect(root.namespace == "http://www.sec.gov/edgar/schedule13d")
        #expect(root.value("formData/coverPageHeader/securitiesClassTitle") == "Common Stock, $.01 par value")
        #expect(root.value("formData/coverPageHeader/dateOfEvent") == "02/20/2001")
        #expect(root.value("formData/coverPageHeader/issuerInfo/issuerCUSIP") == "805423100")
        #expect(root.value("formData/coverPageHeader/issuerInfo/issuerName") == "SAVVIS Communications Corporation")
        let persons = try #require(root.first("formData/reportingPersons")).all("reportingPersonInfo")
        #expect(persons.count == 6)
        for (p, e) in zip(persons, seedCoverPages) {
            let shares = "\(e.shares).00"
            #expect(p.value("reportingPersonName") == e.name)
            #expect(p.value("memberOfGroup") == "a")
            #expect(p.value("citizenshipOrOrganization") == "DE")
            #expect(p.value("soleVotingPower") == shares)
            #expect(p.value("sharedVotingPower") == "0.00")
            #expect(p.value("soleDispositivePower") == shares)
            #expect(p.value("sharedDispositivePower") == "0.00")
            #expect(p.value("aggregateAmountOwned") == shares)
            #expect(p.value("isAggregateExcludeShares") == "N")
            #expect(p.value("percentOfClass") == e.percentXML)
            #expect(p.value("typeOfReportingPerson") == e.type)
            #expect(p.all("fundType").map(\.text) == (e.funds == "WC" ? ["WC"] : []))
        }
    }

    /// The fund complex with every person a qualified institutional investor: it may file Schedule 13G.
    static func fundComplexAsQII() throws -> URL {
        var files: [String: String] = [:]
        let dir = Harness.root.appendingPathComponent("Inputs/fund-complex")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".csv") {
            files[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        let lines = files["persons.csv"]!.split(separator: "\n", omittingEmptySubsequences: true)
        files["persons.csv"] = ([lines[0] + ",filer_type"] + lines.dropFirst().map { $0 + ",qii" }).joined(separator: "\n") + "\n"
        return try Harness.makeCase(files)
    }

    /// The fund complex files on Schedule 13D (filer_type 13d by default): a Schedule 13G is
    /// refused, person by person, with Rule 13d-1(a) (exit 65).
    @Test func thirteenGRefusedForThirteenDFilers() throws {
        let run = try Harness.run(["export", "Inputs/fund-complex", "--format", "13g-xml"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("persons.csv:2:1: error: \"growth-fund\" may not file Schedule 13G: its filer_type is 13d"))
    }

    /// A passive investor at 20% or more may not file Schedule 13G (Rule 13d-1(c)(3), (f)(1)):
    /// 2,000 of 10,000; and its fellow group member may not either.
    @Test func thirteenGRefusedAtTwentyPercent() throws {
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"10,000\",2025-06-30\n",
            "persons.csv": "id,name,kind,filer_type,citizenship_code\nbig,Big,entity,passive,DE\nsmall,Small,entity,passive,DE\ng,G,group,passive,\n",
            "holdings.csv": "holder,class,shares\nbig,c,\"2,000\"\nsmall,c,100\n",
            "groups.csv": "group,member\ng,big\ng,small\n",
        ])
        let run = try Harness.run(["export", dir.path, "--format", "13g-cover"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\"big\" may not file Schedule 13G: a passive investor with 20.0% (20% or more)"))
        // The group (2,100, 21%) is one person at 20% or more.
        #expect(run.stderr.contains("\"small\" may not file Schedule 13G: its group \"g\" files as one person (Rule 13d-5(b)(1)), and a passive investor with 21.0%"))
    }

    /// 13G: the fund complex's reporting persons as qualified institutional investors: the rule
    /// designated is 13d-1(b). Sable Partners' 5,049,938 of 50,550,000 is 9.989998%: 10.0 with
    /// one decimal, 9.99 with two (half up).
    @Test func fundComplex13GXML() throws {
        let dir = try Self.fundComplexAsQII()
        let run = try Harness.run(["export", dir.path, "--format", "13g-xml"])
        #expect(run.status == 0)
        let root = try #require(TreeBuilder.parse(run.stdout))
        #expect(root.namespace == "http://www.sec.gov/edgar/schedule13g")
        let header = try #require(root.first("formData")?.first("coverPageHeader"))
        #expect(header.value("designateRulesPursuantThisScheduleFiled/designateRulePursuantThisScheduleFiled") == "Rule 13d-1(b)")
        let persons = try #require(root.first("formData")).all("coverPageHeaderReportingPersonDetails")
        let byName = Dictionary(uniqueKeysWithValues: persons.map { ($0.value("reportingPersonName")!, $0) })
        // Bob and Carol own nothing; Hugo neither; the group has no cover page.
        #expect(persons.count == 12)
        let sable = try #require(byName["Sable Partners LP"])
        #expect(sable.value("reportingPersonBeneficiallyOwnedNumberOfShares/soleVotingPower") == "5049938.00")
        #expect(sable.value("reportingPersonBeneficiallyOwnedAggregateNumberOfShares") == "5049938.00")
        #expect(sable.value("classPercent") == "10.0")  // 9.989998% rounds half up to 10.0
        let fund = try #require(byName["Harbor Opportunity Fund, L.P."])
        #expect(fund.value("citizenshipOrOrganization") == "E9")  // Cayman Islands
        #expect(fund.value("memberGroup") == "a")
        let trust = try #require(byName["Hale Family Voting Trust"])
        #expect(trust.value("reportingPersonBeneficiallyOwnedNumberOfShares/sharedVotingPower") == "250000.00")
        #expect(trust.value("reportingPersonBeneficiallyOwnedNumberOfShares/sharedDispositivePower") == "0.00")
        #expect(byName["Dan Harbor"]?.value("citizenshipOrOrganization") == "X1")
        let two = try Harness.run(["export", dir.path, "--format", "13g-xml", "--percent-decimals", "2"])
        let sable2 = try #require(TreeBuilder.parse(two.stdout)?.first("formData")?.all("coverPageHeaderReportingPersonDetails")
            .first { $0.value("reportingPersonName") == "Sable Partners LP" })
        #expect(sable2.value("classPercent") == "9.99")
        let covers = try Harness.run(["export", dir.path, "--format", "13g-cover", "--percent-decimals", "2"])
        #expect(covers.stdout.hasPrefix("Check the appropriate box to designate the rule pursuant to which this Schedule is filed:\n\n[X] Rule 13d-1(b)\n[ ] Rule 13d-1(c)\n[ ] Rule 13d-1(d)\n"))
        #expect(covers.stdout.contains("9.99%"))
        #expect(try Harness.run(["export", dir.path, "--format", "13g-xml", "--percent-decimals", "3"]).status == 64)
    }

    @Test func thirteenGCoverRows() throws {
        let run = try Harness.run(["export", try Self.fundComplexAsQII().path, "--format", "13g-cover"])
        let page = try #require(run.stdout.components(separatedBy: "\n<PAGE>\n").first { $0.contains("Hale Family") })
        let lines = page.components(separatedBy: "\n")
        #expect(lines.first { $0.contains("6)   Shared Voting") }?.contains("250,000 shares of") == true)
        #expect(lines.first { $0.contains("7)   Sole Disposi") }?.hasSuffix("-0-") == true)
    }

    /// A reporting person whose place has no EDGAR code stops the XML with the row to fix.
    @Test func missingCitizenshipCodeIs65() throws {
        var files = MalformedInputTests.base
        files["persons.csv"] = "id,name,kind,citizenship\nwelsh,Patrick Welsh,individual,Narnia\nfund,Fund L.P.,entity,Delaware\ngp,GP LLC,entity,Delaware\ngrp,The group,group,\n"
        let run = try Harness.run(["export", try Harness.makeCase(files).path, "--format", "13d-xml"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("persons.csv:2:1: error: \"welsh\" needs citizenship_code for EDGAR XML: citizenship \"Narnia\" has no EDGAR code"))
    }
}

/// The Item 403 table of the fund complex: every share of every row accounted for by its footnotes.
@Suite struct Item403Tests {
    static let csv: [[String: String]] = {
        Harness.records(try! Harness.run(["export", "Inputs/fund-complex", "--format", "item403-csv"]).stdout)
    }()

    /// The parts of the "Consists of" footnote add up to the row's amount.
    @Test func footnotesAccountForEveryShare() throws {
        #expect(Self.csv.count == 8 + 5 + 1)  // 8 over 5%; Alice, Dan, Erin, Frank, Hugo; the group
        for row in Self.csv where row["amount"] != "0" {
            let text = try #require(row["footnote_text"])
            let parts = try #require(Self.parts(ofConsistsOf: text), "\(row["name"]!) has no breakdown")
            #expect(parts.reduce(0, +) == Int(row["amount"]!), "\(row["name"]!): \(parts) in \(text)")
        }
    }

    /// `Consists of (i) 2,000 shares …, including 5 shares … and (ii) 300 shares ….`: [2000, 300].
    static func parts(ofConsistsOf text: String) -> [Int]? {
        guard let start = text.range(of: "Consists of ")?.upperBound else { return nil }
        let rest = text[start...]
        let sentence = rest[..<(rest.range(of: ". (")?.lowerBound ?? rest.endIndex)]
        let pieces = sentence.replacingOccurrences(of: " and (", with: "|(").replacingOccurrences(of: ", (", with: "|(")
            .split(separator: "|")
        return pieces.map { piece in
            // Each part starts "(i) N shares" (or "N shares" when it is the only one).
            let words = piece.split(separator: " ")
            let figure = words.first { Int($0.replacingOccurrences(of: ",", with: "")) != nil }!
            return Int(figure.replacingOccurrences(of: ",", with: ""))!
        }
    }

    @Test func breakdownParser() {
        #expect(Self.parts(ofConsistsOf: "(1) Consists of (i) 2,000 shares held directly, including 5 shares x and (ii) 300 shares y. (2) Other.") == [2000, 300])
        #expect(Self.parts(ofConsistsOf: "(1) Consists of 7 shares held directly.") == [7])
    }

    /// Part (b): all directors and executive officers as a group: Alice, Dan, Erin and Frank, each
    /// share once: 10,000 + 3,576,853 + 140,000 + 310,000 = 4,036,853 over 50,000,000 + 576,853
    /// + 140,000 + 310,000 = 51,026,853: 7.911246%, printed 7.9%. Alice (0.02%) gets a `*`.
    @Test func management() throws {
        let group = try #require(Self.csv.first { $0["part"] == "b-group" })
        #expect(group["name"] == "All directors and executive officers as a group (4 persons)")
        #expect(group["amount"] == "4036853")
        #expect(group["percent_text"] == "7.9%")
        #expect(Self.csv.first { $0["person"] == "alice" && $0["part"] == "b" }?["percent_text"] == "*")
        #expect(Self.csv.first { $0["person"] == "dan" && $0["part"] == "b" }?["percent_text"] == "7.1%")
        let hugo = try #require(Self.csv.first { $0["person"] == "hugo" })  // a nominee with nothing
        #expect(hugo["amount"] == "0")
        #expect(hugo["percent_text"] == "—")  // nothing to mark "less than 1%"
    }

    /// `disclaims = statement`: Lin, a director and managing member of the general partner of a
    /// fund holding 1,500 of 10,000 shares, keeps them in every row (1,500, 15.0%) and the
    /// disclaimer is printed: in the Item 403 footnote and on her Schedule 13D cover page.
    @Test func statedDisclaimerIsPrinted() throws {
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,Issuer Inc.,Common Stock,\"10,000\",2026-03-31\n",
            "persons.csv": "id,name,kind,roles,citizenship\nfund,Fund LP,entity,,Delaware\ngp,Fund GP LLC,entity,,Delaware\nlin,Grace Lin,individual,director,United States\nrest,Rest,entity,,\n",
            "holdings.csv": "holder,class,shares\nfund,c,\"1,500\"\nrest,c,\"8,500\"\n",
            "relations.csv": "controller,controlled,role,voting,dispositive,disclaims\ngp,fund,general_partner,sole,sole,no\nlin,gp,managing_member,shared,shared,statement\n",
        ])
        let table = try Harness.run(["export", dir.path, "--format", "item403-csv"])
        let lin = try #require(Harness.records(table.stdout).first { $0["person"] == "lin" })
        #expect(lin["amount"] == "1500" && lin["percent_text"] == "15.0%")
        #expect(lin["footnote_text"]?.contains("Includes 1,500 shares beneficially owned by Fund GP LLC, as to which Grace Lin disclaims beneficial ownership (Rule 13d-4).") == true)
        let cover = try Harness.run(["export", dir.path, "--format", "13d-cover"])
        let page = try #require(cover.stdout.components(separatedBy: "\n<PAGE>\n").first { $0.contains("Grace Lin") })
        #expect(page.contains("12)  Check if the Aggregate") && page.contains("[ ]"))
        #expect(page.replacingOccurrences(of: "\n", with: " ").contains("disclaims beneficial ownership of the 1,500 shares beneficially owned by Fund GP LLC, which are included above"))
    }

    /// A small proxy case worked by hand (10,000 shares outstanding):
    /// - Ann, a director, holds exactly 100 shares: 1.0%, not "less than 1%", so no `*`;
    ///   60 of them pledged (`pledged`): "Includes 60 shares pledged as security." (Item 403(b));
    /// - Ben, an officer until December 31, 2025, holds 500: out of the group row on March 31,
    ///   2026, and not named (no director, nominee or named executive officer);
    /// - Cy, a director, holds 99 directly and eleven options of 1 share each (exercisable now):
    ///   110 of 10,011, 1.1%, twelve parts numbered (i) to (xii) in one style;
    /// - the group: Ann and Cy, 210 of 10,011 = 2.1%.
    @Test func pledgedFormerOfficersAndMarks() throws {
        var options = "id,holder,kind,class,shares,exercise_price\n"
        for i in 1...11 { options += "cy-\(i),cy,option,c,1,1.00\n" }
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,Issuer Inc.,Common Stock,\"10,000\",2026-03-31\n",
            "persons.csv": "id,name,kind,roles,roles_until\nann,Ann,individual,director,\nben,Ben,individual,officer,2025-12-31\ncy,Cy,individual,director,\nrest,Rest,entity,,\n",
            "holdings.csv": "holder,class,shares,pledged\nann,c,100,60\nben,c,500,\ncy,c,99,\nrest,c,\"9,301\",\n",
            "options.csv": options,
        ])
        let run = try Harness.run(["export", dir.path, "--format", "item403-csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Harness.records(run.stdout)
        let ann = try #require(rows.first { $0["person"] == "ann" })
        #expect(ann["percent_text"] == "1.0%")
        #expect(ann["footnote_text"]?.contains("Includes 60 shares pledged as security.") == true)
        #expect(!rows.contains { $0["person"] == "ben" })
        let cy = try #require(rows.first { $0["person"] == "cy" })
        #expect(cy["amount"] == "110")
        #expect(cy["footnote_text"]?.contains("(xi) 1 share issuable") == true)
        #expect(cy["footnote_text"]?.contains("(xii) 1 share issuable") == true)
        let group = try #require(rows.first { $0["part"] == "b-group" })
        #expect(group["name"] == "All directors and executive officers as a group (2 persons)")
        #expect(group["amount"] == "210")
        // A pledge larger than its lot is refused at its cell.
        var bad = try String(contentsOf: dir.appendingPathComponent("holdings.csv"), encoding: .utf8)
        bad = bad.replacingOccurrences(of: "ann,c,100,60", with: "ann,c,100,160")
        try bad.write(to: dir.appendingPathComponent("holdings.csv"), atomically: true, encoding: .utf8)
        let refused = try Harness.run(["validate", dir.path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("holdings.csv:2:11: error: pledged 160 is more than the lot's 100 shares"))
    }

    /// Part (a) lists only holders over 5%, with address.
    @Test func principalHolders() throws {
        let a = Self.csv.filter { $0["part"] == "a" }
        #expect(a.map { $0["person"]! } == ["growth-fund", "growth-gp", "opportunity-fund", "opportunity-gp", "harbor", "dan", "sable", "harbor-group"])
        #expect(a.first { $0["person"] == "sable" }?["address"] == "200 Park Avenue, New York, New York 10166")
        // The blocker's footnote says how many warrant shares are left out: 2,000,000 − 549,938.
        #expect(a.first { $0["person"] == "sable" }?["footnote_text"]?.contains("Excludes 1,450,062 shares issuable upon exercise of warrant W-1") == true)
    }

    /// The seed's disclaimers appear as footnotes when individuals are in the table.
    @Test func disclaimerFootnote() throws {
        let run = try Harness.run(["export", "Inputs/savvis-2001", "--format", "item403"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Percentages are based on 93,840,935 shares of Common Stock outstanding as of February 20, 2001"))
        #expect(run.stdout.contains("| The WCAS reporting persons (Exhibit A, Rule 13d-1(k))"))
        #expect(run.stdout.contains("29,611,670"))
    }
}

/// Names that try to break out of HTML, XML and spreadsheets.
@Suite struct HostileNameTests {
    static let hostile = [
        "script": "<script>alert(1)</script>",
        "amp": "Smith & Sons \"Holdings\" 'Ltd'",
        "rtl": "\u{202E}Fund \u{05E9}\u{05DC}\u{05D5}\u{05DD}",
        "formula": "=HYPERLINK(\"http://x\",\"y\")",
    ]

    static func hostileCase() throws -> URL {
        let persons = "id,name,kind,citizenship,roles,address\n" + hostile.sorted { $0.key < $1.key }.map { id, name in
            "\(id),\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",entity,Delaware,director,\"<b>1 Main St</b>\""
        }.joined(separator: "\n") + "\n"
        let holdings = "holder,class,shares\n" + hostile.keys.sorted().map { "\($0),c,\"2,000\"" }.joined(separator: "\n") + "\n"
        return try Harness.makeCase([
            "classes.csv": "class,issuer,title,cusip,outstanding,as_of\nc,<Issuer> & Co,\"Common Stock, <b>\",123 45 6,\"10,000\",2025-01-01\n",
            "persons.csv": persons, "holdings.csv": holdings,
        ])
    }

    @Test func htmlEscapesEveryName() throws {
        let run = try Harness.run(["export", try Self.hostileCase().path, "--format", "item403-html"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("<script>"))
        #expect(!run.stdout.contains("<b>"))
        #expect(run.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(run.stdout.contains("Smith &amp; Sons &quot;Holdings&quot; &#39;Ltd&#39;"))
        #expect(run.stdout.contains("\u{202E}Fund"))
    }

    @Test func xmlKeepsEveryNameExactly() throws {
        let run = try Harness.run(["export", try Self.hostileCase().path, "--format", "13d-xml"])
        #expect(run.status == 0)
        let root = try #require(TreeBuilder.parse(run.stdout))
        let names = Set(root.first("formData/reportingPersons")!.all("reportingPersonInfo").compactMap { $0.value("reportingPersonName") })
        #expect(names == Set(Self.hostile.values))
        #expect(root.value("formData/coverPageHeader/issuerInfo/issuerName") == "<Issuer> & Co")
    }

    @Test func csvNeutralizesFormulas() throws {
        let run = try Harness.run(["export", try Self.hostileCase().path, "--format", "item403-csv"])
        let names = Harness.records(run.stdout).map { $0["name"]! }
        #expect(names.contains("'=HYPERLINK(\"http://x\",\"y\")"))
        #expect(!names.contains { $0.hasPrefix("=") })
    }
}

/// Input format 1.1 is a backward-compatible minor version.
@Suite struct FormatVersionTests {
    /// Version-1 files, without the new columns, still export: everyone who
    /// holds shares gets a cover page, and there is no management part.
    @Test func versionOneFilesExport() throws {
        var files = MalformedInputTests.base
        files["holdings.csv"] = "holder,class,shares\nwelsh,c,\"1,000\"\nfund,c,600\n"
        let dir = try Harness.makeCase(files)
        let covers = try Harness.run(["export", dir.path, "--format", "13d-cover"])
        #expect(covers.status == 0)
        #expect(covers.stdout.components(separatedBy: "<PAGE>").count == 2)  // welsh and fund
        let table = try Harness.run(["export", dir.path, "--format", "item403-csv"])
        #expect(Harness.records(table.stdout).map { $0["person"]! } == ["welsh", "fund"])  // 10% and 6%
    }

    /// Item 403(a) lists holders of voting classes only.
    @Test func nonVotingClassHasNoPrincipalHolders() throws {
        var files = MalformedInputTests.base
        files["classes.csv"] = "class,issuer,title,outstanding,as_of,voting\nc,Issuer Inc.,Class B Common Stock,\"10,000\",2025-01-01,no\n"
        files["holdings.csv"] = "holder,class,shares\nwelsh,c,\"1,000\"\n"
        let run = try Harness.run(["export", try Harness.makeCase(files).path, "--format", "item403-csv"])
        #expect(run.status == 0)
        #expect(Harness.records(run.stdout).isEmpty)
    }
}

/// A filing export refused for many persons prints the first hundred and counts them all.
@Suite struct ExportRefusalCountTests {
    @Test func missingCodesAreCounted() throws {
        let dir = try Harness.holdersCase(150, classes: "class,issuer,title,outstanding,as_of\nc,I,Common,100000,2025-01-01\n")
        let run = try Harness.run(["export", dir.path, "--format", "13d-xml"])
        #expect(run.status == 65)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 101)
        #expect(lines.last?.hasSuffix("150 errors in \(dir.path) (the first 100 shown)") == true)
    }
}

