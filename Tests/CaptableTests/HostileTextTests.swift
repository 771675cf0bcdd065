import Foundation
import Testing

/// Text that could attack its reader, positions that must be right, and
/// suggestions that must stay cheap.
@Suite struct HostileTextTests {
    static let classes = "class,issuer,title,outstanding,as_of\nc,I,Common,\"1,000\",2025-06-30\n"

    static func validate(_ files: [String: String]) throws -> Run {
        var all = ["classes.csv": classes, "persons.csv": "id,name,kind\na,A,entity\n", "holdings.csv": "holder,class,shares\na,c,1\n"]
        for (k, v) in files { all[k] = v }
        return try Harness.run(["validate", try Harness.makeCase(all).path])
    }

    /// Control characters (C0 but tab, DEL, C1) and noncharacters in an id or a name, and `;` in
    /// an id: each an error at its cell, never passed on to a terminal, an XML file or a workbook.
    @Test(arguments: [
        ("persons.csv", "id,name,kind\na,\"A\u{1B}]52;c;Y2F0\u{07}\",entity\n", "persons.csv:2:3: error: name holds a control character, U+001B, at character 2"),
        ("persons.csv", "id,name,kind\na,A\u{0}B,entity\n", "persons.csv:2:3: error: name holds a control character, U+0000, at character 2"),
        ("persons.csv", "id,name,kind\na,A\u{85},entity\n", "persons.csv:2:3: error: name holds a control character, U+0085, at character 2"),
        ("persons.csv", "id,name,kind\na,A\u{FFFF},entity\n", "persons.csv:2:3: error: name holds a Unicode noncharacter, U+FFFF, at character 2"),
        ("persons.csv", "id,name,kind\na\u{7F},A,entity\n", "persons.csv:2:1: error: id holds a control character, U+007F, at character 2"),
        ("persons.csv", "id,name,kind\n\"a;b\",A,entity\n", "persons.csv:2:1: error: id \"a;b\" holds \";\", which separates the items of a list column"),
        ("classes.csv", "class,issuer,title,outstanding,as_of\nc,I\u{1FFFE},Common,\"1,000\",2025-06-30\n", "classes.csv:2:3: error: issuer holds a Unicode noncharacter, U+1FFFE, at character 2"),
        ("options.csv", "id,holder,kind,class,shares\no\u{1B}1,a,option,c,1\n", "options.csv:2:1: error: id holds a control character, U+001B, at character 2"),
    ])
    func forbiddenText(file: String, text: String, expected: String) throws {
        let run = try Self.validate([file: text])
        #expect(run.status == 65)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(!run.stderr.contains("\u{1B}"))
    }

    /// A tab is allowed in a name (it is no control that moves a terminal's cursor elsewhere).
    @Test func tabIsAllowed() throws {
        #expect(try Self.validate(["persons.csv": "id,name,kind\na,\"A\tB\",entity\n"]).status == 0)
    }

    /// Markdown output escapes HTML in names: no tag reaches a renderer that passes HTML through.
    @Test func markdownEscapesHTML() throws {
        let dir = try Harness.makeCase([
            "classes.csv": Self.classes,
            "persons.csv": "id,name,kind,roles\na,<img src=x onerror=alert(1)>,individual,director\n",
            "holdings.csv": "holder,class,shares\na,c,600\n",
        ])
        let table = try Harness.run(["ownership", dir.path, "--format", "markdown"])
        #expect(table.stdout.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!table.stdout.contains("<img"))
        let item403 = try Harness.run(["export", dir.path, "--format", "item403"])
        #expect(item403.stdout.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!item403.stdout.contains("<img"))
    }

    /// Lone carriage returns (classic Mac OS line endings): refused with the place of the first,
    /// rather than read as one line with every error on it.
    @Test func loneCarriageReturns() throws {
        let run = try Self.validate(["holdings.csv": "holder,class,shares\ra,c,1\ra,c,x\r"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("holdings.csv:1:20: error: a line ends with a carriage return alone"))
        // CRLF is read as it always was.
        #expect(try Self.validate(["holdings.csv": "holder,class,shares\r\na,c,1\r\n"]).status == 0)
    }

    /// One bad row of persons.csv is one error: the id it would have defined is not reported
    /// again at each row that names it (three holdings, a relation).
    @Test func oneBadPersonIsOneError() throws {
        let run = try Self.validate([
            "persons.csv": "id,name,kind\na,A,entyti\nb,B,entity\n",
            "holdings.csv": "holder,class,shares\na,c,1\na,c,2\nb,c,3\na,c,4\n",
            "relations.csv": "controller,controlled,role\na,b,parent\n",
        ])
        #expect(run.status == 65)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(lines.first?.hasPrefix("persons.csv:2:5: error: kind \"entyti\"") == true)
        #expect(lines.last?.hasPrefix("1 error in ") == true)
    }

    /// Suggestions: a near id is suggested; a 100,000-character id is compared with nothing.
    @Test func suggestions() throws {
        let near = try Self.validate(["holdings.csv": "holder,class,shares\nab,c,1\n"])
        #expect(near.stderr.contains("holder \"ab\" is not in persons.csv; did you mean \"a\"?"))
        let long = String(repeating: "a", count: 100_000)
        let far = try Self.validate(["persons.csv": "id,name,kind\n\(long)b,A,entity\n", "holdings.csv": "holder,class,shares\n\(long),c,1\n"])
        #expect(far.status == 65)
        #expect(!far.stderr.contains("did you mean"))
    }
}
