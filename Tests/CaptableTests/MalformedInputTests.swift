import Foundation
import Testing

/// Bad input: each case must stop with exit status 65 and name the exact
/// `file:line:column` where the offending field starts. Every column below is
/// counted by hand from the text of the case.
@Suite struct MalformedInputTests {
    static let base: [String: String] = [
        "classes.csv": "class,issuer,title,outstanding,as_of\nc,Issuer Inc.,Common Stock,\"10,000\",2025-01-01\n",
        "persons.csv": "id,name,kind\nwelsh,Patrick Welsh,individual\nfund,Fund L.P.,entity\ngp,GP LLC,entity\ngrp,The group,group\n",
        "holdings.csv": "holder,class,shares\nwelsh,c,100\n",
    ]

    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var location: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Bad] = [
        Bad(name: "letters in a share count", files: ["holdings.csv": "holder,class,shares\nwelsh,c,12a\n"],
            location: "holdings.csv:2:9", message: "shares \"12a\" is not a whole number"),
        Bad(name: "misplaced thousands separator", files: ["holdings.csv": "holder,class,shares\nwelsh,c,\"1,00\"\n"],
            location: "holdings.csv:2:9", message: "is not a whole number"),
        Bad(name: "negative shares", files: ["holdings.csv": "holder,class,shares\nwelsh,c,-5\n"],
            location: "holdings.csv:2:9", message: "never negative"),
        Bad(name: "unknown holder with a suggestion", files: ["holdings.csv": "holder,class,shares\nwelsch,c,100\n"],
            location: "holdings.csv:2:1", message: "holder \"welsch\" is not in persons.csv; did you mean \"welsh\"?"),
        Bad(name: "unknown class", files: ["holdings.csv": "holder,class,shares\nwelsh,cc,100\n"],
            location: "holdings.csv:2:7", message: "class \"cc\" is not in classes.csv"),
        Bad(name: "a group as holder", files: ["holdings.csv": "holder,class,shares\ngrp,c,100\n"],
            location: "holdings.csv:2:1", message: "is a group"),
        Bad(name: "unknown column with a suggestion", files: ["holdings.csv": "holder,class,sharez\nwelsh,c,100\n"],
            location: "holdings.csv:1:14", message: "unknown column \"sharez\" in holdings.csv; did you mean \"shares\"?"),
        Bad(name: "column given twice", files: ["holdings.csv": "holder,class,shares,shares\nwelsh,c,100,100\n"],
            location: "holdings.csv:1:21", message: "column \"shares\" is given twice"),
        Bad(name: "required column missing", files: ["holdings.csv": "holder,class\nwelsh,c\n"],
            location: "holdings.csv:1:1", message: "required column \"shares\" is missing"),
        Bad(name: "too many fields", files: ["holdings.csv": "holder,class,shares\nwelsh,c,100,9\n"],
            location: "holdings.csv:2:13", message: "row has 4 fields, but the header has 3"),
        Bad(name: "too few fields", files: ["holdings.csv": "holder,class,shares\nwelsh,c\n"],
            location: "holdings.csv:2:8", message: "row has 2 fields, but the header has 3"),
        Bad(name: "stray quote", files: ["holdings.csv": "holder,class,shares\nwelsh,c,1\"00\n"],
            location: "holdings.csv:2:10", message: "stray quote"),
        Bad(name: "unterminated quote", files: ["holdings.csv": "holder,class,shares\nwelsh,c,\"100\n"],
            location: "holdings.csv:2:9", message: "not closed"),
        Bad(name: "text after a closing quote", files: ["holdings.csv": "holder,class,shares\n\"welsh\"x,c,100\n"],
            location: "holdings.csv:2:8", message: "after a closing quote"),
        Bad(name: "a record spanning lines", files: ["holdings.csv": "holder,class,shares,note\nwelsh,c,100,\"line one\nline two\"\nwelsh,c,x,ok\n"],
            location: "holdings.csv:4:9", message: "shares \"x\""),
        Bad(name: "byte-order mark not counted", files: ["holdings.csv": "\u{FEFF}holder,class,sharez\nwelsh,c,100\n"],
            location: "holdings.csv:1:14", message: "unknown column"),
        Bad(name: "a tab counts as one column", files: ["holdings.csv": "holder,class,shares\nwelsh,c,\t12a\n"],
            location: "holdings.csv:2:10", message: "is not a whole number"),
        Bad(name: "person defined twice", files: ["persons.csv": base["persons.csv"]! + "welsh,Other Welsh,individual\n"],
            location: "persons.csv:6:1", message: "person \"welsh\" is defined twice: at persons.csv:2:1 and here"),
        Bad(name: "unknown kind after an accented name", files: ["persons.csv": base["persons.csv"]! + "zola,Émile Zola,persn\n"],
            location: "persons.csv:6:17", message: "kind \"persn\" is not one of individual, entity, group"),
        Bad(name: "unknown type of reporting person",
            files: ["persons.csv": "id,name,kind,type\nwelsh,W,individual,XX\nfund,F,entity,\ngp,G,entity,\ngrp,Grp,group,\n"],
            location: "persons.csv:2:20", message: "type \"XX\""),
        Bad(name: "a day that does not exist", files: ["classes.csv": "class,issuer,title,outstanding,as_of\nc,Issuer Inc.,Common Stock,\"10,000\",2025-02-30\n"],
            location: "classes.csv:2:37", message: "as_of \"2025-02-30\" is not a day of the calendar"),
        Bad(name: "a required value left blank", files: ["classes.csv": "class,issuer,title,outstanding,as_of\nc,Issuer Inc.,Common Stock,\"10,000\",\n"],
            location: "classes.csv:2:37", message: "as_of is required"),
        Bad(name: "holdings above outstanding", files: ["holdings.csv": "holder,class,shares\nwelsh,c,\"10,001\"\n"],
            location: "classes.csv:2:1", message: "add up to 10001 shares, more than the 10000 outstanding"),
        Bad(name: "cliff longer than vesting",
            files: ["options.csv": "id,holder,kind,class,shares,vest_start,vest_months,cliff_months\no1,welsh,option,c,100,2024-01-01,12,13\n"],
            location: "options.csv:2:37", message: "cliff_months 13 is longer than vest_months 12"),
        Bad(name: "vesting without a start", files: ["options.csv": "id,holder,kind,class,shares,vest_months\no1,welsh,option,c,100,12\n"],
            location: "options.csv:2:23", message: "vest_months is given without vest_start"),
        Bad(name: "note without a conversion price",
            files: ["convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued\nn1,welsh,note,c,1000,,2024-01-01\n"],
            location: "convertibles.csv:2:22", message: "conversion_price is required for a note"),
        Bad(name: "a fraction above one",
            files: ["convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued\nn1,welsh,note,c,1000,1 17/16,2024-01-01\n"],
            location: "convertibles.csv:2:22", message: "conversion_price \"1 17/16\" is not a price"),
        Bad(name: "money with three decimals",
            files: ["convertibles.csv": "id,holder,kind,class,principal,conversion_price,issued\nn1,welsh,note,c,1000.505,1,2024-01-01\n"],
            location: "convertibles.csv:2:17", message: "at most two decimals"),
        Bad(name: "instrument id used twice across files",
            files: ["options.csv": "id,holder,kind,class,shares\nx1,welsh,option,c,10\n",
                    "convertibles.csv": "id,holder,kind,class,units,conversion_ratio\nx1,welsh,preferred,c,10,1\n"],
            location: "convertibles.csv:2:1", message: "instrument \"x1\" is defined twice: at options.csv:2:1 and here"),
        Bad(name: "a control cycle, at the row that closes it",
            files: ["relations.csv": "controller,controlled,role\nfund,gp,other\ngp,fund,general_partner\n"],
            location: "relations.csv:3:1", message: "control cycle: "),
        Bad(name: "controlling oneself", files: ["relations.csv": "controller,controlled,role\ngp,gp,other\n"],
            location: "relations.csv:2:4", message: "cannot control itself"),
        Bad(name: "unknown role", files: ["relations.csv": "controller,controlled,role\ngp,fund,gp\n"],
            location: "relations.csv:2:9", message: "role \"gp\" is not one of"),
        Bad(name: "a flag that is not yes or no",
            files: ["relations.csv": "controller,controlled,role,disclaims\ngp,fund,general_partner,maybe\n"],
            location: "relations.csv:2:25", message: "disclaims \"maybe\" is not one of yes, no, statement"),
        Bad(name: "unknown group member", files: ["groups.csv": "group,member\ngrp,nobody\n"],
            location: "groups.csv:2:5", message: "member \"nobody\" is not in persons.csv"),
        Bad(name: "a group that is not of kind group", files: ["groups.csv": "group,member\nwelsh,fund\n"],
            location: "groups.csv:2:1", message: "is not of kind group"),
        Bad(name: "a misspelt file name", files: ["holding.csv": "holder,class,shares\n"],
            location: "holding.csv:1:1", message: "did you mean \"holdings.csv\"?"),
        Bad(name: "an empty file", files: ["persons.csv": ""],
            location: "persons.csv:1:1", message: "the file is empty"),
        Bad(name: "the same control given twice",
            files: ["relations.csv": "controller,controlled,role\ngp,fund,general_partner\ngp,fund,other\n"],
            location: "relations.csv:3:4", message: "the control of \"fund\" by \"gp\" is given twice: at relations.csv:2:4 and here"),
        // "n1,welsh,note,c,1000,1," is 23 characters.
        Bad(name: "a column that does not apply",
            files: ["convertibles.csv": "id,holder,kind,class,principal,conversion_price,units,issued\nn1,welsh,note,c,1000,1,5,2024-01-01\n"],
            location: "convertibles.csv:2:24", message: "units does not apply to a note"),
        // Input format 1.1 columns. "welsh,Patrick Welsh,individual," is 31 characters.
        Bad(name: "an unknown management role",
            files: ["persons.csv": "id,name,kind,roles\nwelsh,Patrick Welsh,individual,director;ceo\nfund,F,entity,\ngp,G,entity,\ngrp,Grp,group,\n"],
            location: "persons.csv:2:32", message: "roles \"ceo\" is not one of director, officer, nominee, neo"),
        Bad(name: "an unknown source of funds",
            files: ["persons.csv": "id,name,kind,source_of_funds\nwelsh,Patrick Welsh,individual,WC;XX\nfund,F,entity,\ngp,G,entity,\ngrp,Grp,group,\n"],
            location: "persons.csv:2:32", message: "source_of_funds \"XX\" is not one of SC, BK, AF, WC, PF, OO"),
        Bad(name: "a citizenship code that is not a code",
            files: ["persons.csv": "id,name,kind,citizenship_code\nwelsh,Patrick Welsh,individual,Delaware\nfund,F,entity,\ngp,G,entity,\ngrp,Grp,group,\n"],
            location: "persons.csv:2:32", message: "citizenship_code \"Delaware\" is not an EDGAR state or country code"),
        Bad(name: "a voting flag that is not yes or no",
            files: ["classes.csv": "class,issuer,title,outstanding,as_of,voting\nc,Issuer Inc.,Common Stock,\"10,000\",2025-01-01,maybe\n"],
            location: "classes.csv:2:48", message: "voting \"maybe\" is not yes or no"),
    ]

    @Test(arguments: cases)
    func rejected(_ bad: Bad) throws {
        var files = Self.base
        for (k, v) in bad.files { files[k] = v }
        let dir = try Harness.makeCase(files)
        let run = try Harness.run(["validate", dir.path])
        #expect(run.status == 65)
        let prefix = "\(bad.location): error: "
        let line = run.stderr.split(separator: "\n").first { $0.hasPrefix(prefix) }
        #expect(line != nil, "expected \(prefix)… in:\n\(run.stderr)")
        #expect(line?.contains(bad.message) == true, "expected “\(bad.message)” in \(line ?? "")")
        #expect(run.stdout.isEmpty)
    }

    /// Invalid UTF-8 is reported with its byte offset: the header is 20 bytes,
    /// `welsh,c,1` 9 more, so the bad byte is at offset 29, line 2, column 10.
    @Test func invalidUTF8() throws {
        let dir = try Harness.makeCase(Self.base)
        try (Data("holder,class,shares\nwelsh,c,1".utf8) + Data([0xFF]) + Data("00\n".utf8))
            .write(to: dir.appendingPathComponent("holdings.csv"))
        let run = try Harness.run(["validate", dir.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("holdings.csv:2:10: error: invalid UTF-8 at byte offset 29"))
    }

    /// Every error in the case is reported, not only the first.
    @Test func everyErrorIsReported() throws {
        var files = Self.base
        files["holdings.csv"] = "holder,class,shares\nwelsh,c,12a\nnobody,c,5\n"
        files["relations.csv"] = "controller,controlled,role\ngp,fund,boss\n"
        let run = try Harness.run(["ownership", try Harness.makeCase(files).path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("holdings.csv:2:9: error:"))
        #expect(run.stderr.contains("holdings.csv:3:1: error:"))
        #expect(run.stderr.contains("relations.csv:2:9: error:"))
        #expect(run.stderr.contains("3 errors"))
    }
}

/// Exit statuses other than 65, and output files that are never half-written.
@Suite struct ExitStatusTests {
    @Test func missingDirectoryIs66() throws {
        let run = try Harness.run(["ownership", "/nonexistent/case"])
        #expect(run.status == 66)
    }

    @Test func missingRequiredFileIs66() throws {
        var files = MalformedInputTests.base
        files["classes.csv"] = nil
        let run = try Harness.run(["ownership", try Harness.makeCase(files).path])
        #expect(run.status == 66)
        #expect(run.stderr.contains("classes.csv"))
    }

    @Test func badCommandLineIs64() throws {
        #expect(try Harness.run(["ownership", "Inputs/savvis-2001", "--as-of", "2001-02-30"]).status == 64)
        #expect(try Harness.run(["ownership", "Inputs/savvis-2001", "--format", "xml"]).status == 64)
        #expect(try Harness.run(["ownership", "Inputs/savvis-2001", "--class", "preferred"]).status == 64)
        #expect(try Harness.run(["frobnicate"]).status == 64)
    }

    @Test func uncreatableOutputIs73() throws {
        let run = try Harness.run(["ownership", "Inputs/savvis-2001", "--output", "/nonexistent/dir/out.csv"])
        #expect(run.status == 73)
    }

    /// A failed run leaves an existing output file as it was.
    @Test func failedRunKeepsTheOldOutput() throws {
        let dir = try Harness.temporaryDirectory()
        let out = dir.appendingPathComponent("out.csv")
        try Data("previous\n".utf8).write(to: out)
        var files = MalformedInputTests.base
        files["holdings.csv"] = "holder,class,shares\nwelsh,c,12a\n"
        let run = try Harness.run(["ownership", try Harness.makeCase(files).path, "--output", out.path])
        #expect(run.status == 65)
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])  // no temporary left
    }

    /// A successful run replaces it whole, and prints nothing on standard output.
    @Test func outputFileIsWritten() throws {
        let out = try Harness.temporaryDirectory().appendingPathComponent("out.csv")
        let run = try Harness.run(["ownership", "Inputs/savvis-2001", "--format", "csv", "--output", out.path])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.hasPrefix("class,person,name,type,group,sole_voting"))
    }

    /// Grace Lin shares power over the fund's 3,000,000 of 20,000,000 shares (15%) and disclaims
    /// them (Item 5(a) leaves them out): a disclaimer exempts no one (Rule 13d-4), so `check`
    /// lists her over 5% and 10%, with the 3,000,000 shares.
    @Test func disclaimedHolderIsChecked() throws {
        let run = try Harness.run(["check", "Examples/proxy-case", "--format", "csv"])
        #expect(run.status == 1)
        let lin = Harness.records(run.stdout).filter { $0["person"] == "lin" }
        #expect(lin.map { $0["threshold"]! } == ["more than 5%", "more than 10%"])
        #expect(lin.allSatisfy { $0["aggregate"] == "3000000" && $0["percent_text"] == "15.0%" })
    }

    /// `check` exits 1 when someone is over a line, 0 when nobody is.
    @Test func checkStatus() throws {
        #expect(try Harness.run(["check", "Inputs/savvis-2001"]).status == 1)
        // Nobody in the seed holds more than 30%; the group holds 27.3%.
        let run = try Harness.run(["check", "Inputs/savvis-2001", "--threshold", "30", "--format", "csv"])
        #expect(run.status == 0)
        #expect(run.stdout == "class,person,name,threshold,status,aggregate,denominator,percent,percent_text\n")
        let over27 = try Harness.run(["check", "Inputs/savvis-2001", "--threshold", "27.3", "--format", "csv"])
        #expect(over27.status == 1)
        // The group: 29,611,670 of 108,357,963, 27.3276…%. Welsh, Carson,
        // Anderson and McInerney count the funds' shares they disclaim with
        // their own (Rule 13d-4): Welsh 198,832 + 29,611,670 of 108,492,667,
        // 27.48%. Stowe (19,470 + 29,541,742 of 108,353,392, 27.28%) and
        // Hoover (27.28%) stay under.
        #expect(Harness.records(over27.stdout).map { $0["person"] } == ["welsh", "carson", "anderson", "mcinerney", "wcas-group"])
    }
}

/// `--output` into things that are not plain files.
@Suite struct OutputTargetTests {
    /// A link stays a link; the file it points to gets the new text.
    @Test func symbolicLinkIsFollowed() throws {
        let dir = try Harness.temporaryDirectory()
        let real = dir.appendingPathComponent("real.csv"), link = dir.appendingPathComponent("link.csv")
        try Data("old\n".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let run = try Harness.run(["ownership", "Inputs/savvis-2001", "--format", "csv", "--output", link.path])
        #expect(run.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try String(contentsOf: real, encoding: .utf8).hasPrefix("class,person,"))
    }

    /// A character device (/dev/null, a terminal) is written in place, not renamed over; a FIFO
    /// is refused (OutputSafetyTests), as it would wait for a reader.
    @Test func characterDeviceIsWrittenInPlace() throws {
        let run = try Harness.run(["ownership", "Inputs/savvis-2001", "--format", "csv", "--output", "/dev/null"])
        #expect(run.status == 0)
        var status = stat()
        #expect(stat("/dev/null", &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR)  // still the device, not a file renamed over it
    }

    /// A table of megabytes goes to a file in whole blocks past the page
    /// cache, where the file system allows it, and its last, partial block
    /// the ordinary way: the file is byte for byte what standard output gets.
    @Test func largeFileIsWhatStandardOutputGets() throws {
        let dir = try Harness.holdersCase(120_000, classes: "class,issuer,title,outstanding,as_of\nc,I,Common,10000000000,2025-01-01\n")
        let out = try Harness.temporaryDirectory().appendingPathComponent("out.csv")
        #expect(try Harness.run(["ownership", dir.path, "--format", "csv", "--output", out.path]).status == 0)
        let printed = try Harness.run(["ownership", dir.path, "--format", "csv"])
        #expect(printed.status == 0)
        let written = try Data(contentsOf: out)
        // Several gatherings of 4 MiB, and a last block that is not whole.
        #expect(written.count > 8 << 20 && written.count % 4096 != 0, "\(written.count) bytes")
        // Compared whole, not by the test library's difference of two collections of megabytes.
        let same = written == Data(printed.stdout.utf8)
        #expect(same)
        // p119999 holds 120,000 of 10,000,000,000 shares: 0.0012%.
        #expect(printed.stdout.hasSuffix("\nc,p119999,Person 119999,IN,,120000,0,120000,0,120000,0,0,10000000000,0.001200,less than 0.1%,no,no,no,120000,0.001200,no\n"))
    }

    /// An existing file keeps its permissions.
    @Test func permissionsAreKept() throws {
        let out = try Harness.temporaryDirectory().appendingPathComponent("out.csv")
        try Data("old\n".utf8).write(to: out)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: out.path)
        #expect(try Harness.run(["ownership", "Inputs/savvis-2001", "--output", out.path]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? Int == 0o640)
    }
}
