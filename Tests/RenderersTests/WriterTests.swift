import CapTableCore
import Foundation
import Renderers
import Testing

private let doc = Document(
    columns: [Column("person", "Person"), Column("name", "Name"), Column("aggregate", "Aggregate"),
              Column("percent", "Percent", forPeople: false), Column("over_5", ">5%"), Column("group", "Group")],
    sections: [Section(heading: ["Heading"], metadata: [("class", .text("c")), ("outstanding", .count(1000))],
                       rows: [[.text("a"), .text("Smith, \"Jr.\""), .count(1_234_567), .decimal("5.000001"), .flag(true), .list(["g1", "g2"])],
                              [.text("b"), .text("=HYPERLINK(\"x\")"), .count(0), .decimal("0.000000"), .flag(false), .list([])]])])

@Suite struct WriterTests {
    @Test func csvQuotesAndNeutralizesFormulas() {
        let csv = doc.rendered(as: .csv)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "person,name,aggregate,percent,over_5,group")
        #expect(lines[1] == "a,\"Smith, \"\"Jr.\"\"\",1234567,5.000001,yes,g1;g2")
        #expect(lines[2] == "b,\"'=HYPERLINK(\"\"x\"\")\",0,0.000000,no,")
    }

    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    func everyFormulaPrefixIsNeutralized(_ value: String) {
        let d = Document(columns: [Column("name", "Name")], sections: [Section(heading: [], metadata: [], rows: [[.text(value)]])])
        let body = d.rendered(as: .csv).dropFirst("name\n".count)
        #expect(body.hasPrefix("'") || body.hasPrefix("\"'"))
    }

    /// Numbers as JSON integers, percent as a string, flags as booleans; it parses back.
    @Test func jsonShape() throws {
        let json = doc.rendered(as: .json)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(parsed[0]["class"] as? String == "c")
        #expect(parsed[0]["outstanding"] as? Int == 1000)
        let rows = try #require(parsed[0]["rows"] as? [[String: Any]])
        #expect(rows[0]["name"] as? String == "Smith, \"Jr.\"")
        #expect(rows[0]["aggregate"] as? Int == 1_234_567)
        #expect(rows[0]["percent"] as? String == "5.000001")
        #expect(rows[0]["over_5"] as? Bool == true)
        #expect(rows[0]["group"] as? [String] == ["g1", "g2"])
        #expect(rows[1]["over_5"] as? Bool == false)
    }

    @Test func jsonEscapesControlCharacters() throws {
        let d = Document(columns: [Column("name", "Name")],
                         sections: [Section(heading: [], metadata: [], rows: [[.text("a\u{1}b\\c\"d\ne")]])])
        let parsed = try JSONSerialization.jsonObject(with: Data(d.rendered(as: .json).utf8)) as? [[String: Any]]
        let rows = parsed?[0]["rows"] as? [[String: Any]]
        #expect(rows?[0]["name"] as? String == "a\u{1}b\\c\"d\ne")
    }

    /// For people: grouped digits, right-aligned numbers, only the columns people read.
    @Test func tableForPeople() {
        let table = doc.rendered(as: .table)
        #expect(table.contains("1,234,567"))
        #expect(!table.contains("5.000001"))
        #expect(table.hasPrefix("Heading\n\nPerson  Name"))
    }

    @Test func markdownEscapesPipes() {
        let d = Document(columns: [Column("name", "Name")],
                         sections: [Section(heading: ["T"], metadata: [], rows: [[.text("a|b")]])])
        #expect(d.rendered(as: .markdown).contains("| a\\|b |"))
    }

    @Test func groupedDigits() {
        #expect(grouped(0) == "0")
        #expect(grouped(999) == "999")
        #expect(grouped(1000) == "1,000")
        #expect(grouped(93_840_935) == "93,840,935")
    }
}
