import Foundation
import Testing

/// `import ocf` on the package of Tests/OCFPackage, written by hand
/// with every object type the importer maps and some it cannot.
@Suite struct OCFImportTests {
    static let package = "Tests/OCFPackage"

    static func imported(_ extra: [String] = []) throws -> (URL, Run) {
        let dir = try Harness.temporaryDirectory().appendingPathComponent("case")
        let run = try Harness.run(["import", "ocf", package, "--to", dir.path] + extra)
        return (dir, run)
    }

    /// A line's fields, quotes undone (no field here spans lines).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], field = "", quoted = false, previous: Character = " "
        for ch in line {
            if ch == "\"" { if quoted || previous != "\"" { quoted.toggle() } else { field.append("\"") } }
            else if ch == "," && !quoted { out.append(field); field = "" }
            else { field.append(ch) }
            previous = ch
        }
        return out + [field]
    }

    static func csv(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n")
        let header = fields(lines[0])
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, fields($0))) }
    }

    static func csv(_ dir: URL, _ name: String) throws -> [[String: String]] {
        csv(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
    }

    /// Worked by hand from the package, as of 2025-06-30:
    /// - common: Maya's 6,000,000 less 500,000 cancelled and 100,000
    ///   transferred to Ravi: 5,400,000 and 100,000, so 5,500,000 outstanding;
    /// - Maya: 5,400,000 and her option of 50,000 (vesting terms not carried:
    ///   counted as vested), of 5,550,000: 98.198198%;
    /// - Northstar: 2,000,000 Series A at 1:1 and a warrant of 50,000, of
    ///   7,550,000: 27.152318%;
    /// - Ravi: 100,000, and of his 400,000 options the tranches of 2024-01-01
    ///   and 2025-07-01 (within 60 days), of 5,700,000: 5.263158%;
    /// - Harbor Credit: $100,000 at $0.50, 200,000 of 5,700,000: 3.508772%;
    /// - Inês: her SAFE converts at a future financing's price: nothing;
    ///   her shares of 2025-09-01 come after the date.
    @Test func figuresByHand() throws {
        let (dir, run) = try Self.imported()
        #expect(run.status == 0, "\(run.stderr)")
        let own = try Harness.run(["ownership", dir.path, "--class", "common", "--format", "csv"])
        #expect(own.status == 0, "\(own.stderr)")
        let rows = Dictionary(uniqueKeysWithValues: Self.csv(own.stdout).map { ($0["person"]!, $0) })
        func figures(_ p: String) -> [String?] { [rows[p]?["aggregate"], rows[p]?["denominator"], rows[p]?["percent"]] }
        #expect(figures("maya") == ["5450000", "5550000", "98.198198"])
        #expect(figures("northstar") == ["2050000", "7550000", "27.152318"])
        #expect(figures("ravi") == ["300000", "5700000", "5.263158"])
        #expect(figures("harbor-credit") == ["200000", "5700000", "3.508772"])
        #expect(rows["ines"] == nil)
        let classes = try Self.csv(dir, "classes.csv")
        #expect(classes.first { $0["class"] == "common" }?["outstanding"] == "5500000")
        #expect(classes.first { $0["class"] == "series-a" }?["outstanding"] == "2000000")
    }

    /// What the case format cannot hold is reported, object by object, with its id.
    @Test func reportsWhatItCannotCarry() throws {
        let (_, run) = try Self.imported(["--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = Dictionary(Self.csv(run.stdout).map { ($0["id"]!, $0["action"]!) }, uniquingKeysWith: { a, _ in a })
        #expect(report["tx-12"]?.hasPrefix("left out: a SAFE whose conversion depends on a future financing's price") == true)
        #expect(report["tx-9"]?.hasPrefix("left out: CSAR") == true)
        #expect(report["tx-7"]?.hasPrefix("vesting terms four-year-cliff not carried") == true)
        #expect(report["tx-8"] != nil)
        // The mapped objects are not in the report.
        #expect(report["tx-1"] == nil && report["tx-11"] == nil)
    }

    /// The same package zipped.
    @Test func zipPackage() throws {
        let zip = try Harness.temporaryDirectory().appendingPathComponent("package.zip")
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sys, zipfile, os\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n    for f in sorted(os.listdir(sys.argv[2])):\n        z.write(os.path.join(sys.argv[2], f), 'package/' + f)",
                            zip.path, Harness.root.appendingPathComponent(Self.package).path]
        try python.run()
        python.waitUntilExit()
        let dir = try Harness.temporaryDirectory().appendingPathComponent("zipped")
        let run = try Harness.run(["import", "ocf", zip.path, "--to", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.csv(dir, "holdings.csv").count == 3)
    }

    /// Imported into a case, its relations and groups are kept: OCF has none.
    @Test func mergeKeepsRelationsAndGroups() throws {
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\ncommon,\"Lindqvist Robotics, Inc.\",Common Stock,1,2025-06-30\n",
            "persons.csv": "id,name,kind,citizenship\nnorthstar-gp,\"Northstar GP, L.L.C.\",entity,Delaware\nnorthstar,\"Northstar Ventures I, L.P.\",entity,Delaware\n",
            "holdings.csv": "holder,class,shares\nnorthstar,common,1\n",
            "relations.csv": "controller,controlled,role,voting,dispositive\nnorthstar-gp,northstar,general_partner,sole,sole\n",
        ])
        let run = try Harness.run(["import", "ocf", Self.package, "--to", dir.path, "--merge"])
        #expect(run.status == 0, "\(run.stderr)")
        let relations = try String(contentsOf: dir.appendingPathComponent("relations.csv"), encoding: .utf8)
        #expect(relations.contains("northstar-gp,northstar,general_partner"))
        let persons = try String(contentsOf: dir.appendingPathComponent("persons.csv"), encoding: .utf8)
        #expect(persons.contains("northstar,\"Northstar Ventures I, L.P.\",entity,Delaware"))
        // The general partner is attributed the fund's 2,050,000.
        let own = try Harness.run(["ownership", dir.path, "--class", "common", "--format", "csv"])
        #expect(own.stdout.contains("common,northstar-gp,\"Northstar GP, L.L.C.\",OO,,2050000,"), "\(own.stdout)")
    }

    @Test func notAPackage() throws {
        let dir = try Harness.temporaryDirectory()
        try Data("{\"file_type\": \"OCF_STAKEHOLDERS_FILE\", \"items\": []}".utf8).write(to: dir.appendingPathComponent("x.ocf.json"))
        let run = try Harness.run(["import", "ocf", dir.path, "--to", dir.appendingPathComponent("out").path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("no OCF manifest"))
    }

    /// A package made to break the reader: quantities below 0 or past 10^15,
    /// an issuance without a date, an item that is no object, nesting 200,000
    /// deep. Each is reported or refused; none is silently dropped, none traps.
    @Test func hostilePackages() throws {
        let dir = try Harness.temporaryDirectory().appendingPathComponent("package")
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent(Self.package), to: dir)
        let transactions = dir.appendingPathComponent("Transactions.ocf.json")
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: transactions)) as! [String: Any]
        var items = document["items"] as! [[String: Any]]
        items[0]["quantity"] = "-5000"
        items[3]["quantity"] = "9999999999999999999999"
        items.append(["object_type": "TX_STOCK_ISSUANCE", "id": "no-date", "security_id": "X", "stakeholder_id": "maya",
                      "stock_class_id": "common", "quantity": "5"])
        document["items"] = items
        try JSONSerialization.data(withJSONObject: document).write(to: transactions)
        let run = try Harness.run(["import", "ocf", dir.path, "--to", dir.appendingPathComponent("out").path, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("tx-1,\"quantity \"\"-5000\"\" is not a number of shares from 0 to 10^15\""))
        #expect(run.stdout.contains("tx-4,\"quantity \"\"9999999999999999999999\"\" is not a number of shares from 0 to 10^15\""))
        #expect(run.stdout.contains("no-date,left out: no date (YYYY-MM-DD)"))
        // An item that is no object: the file is refused, with its place.
        document["items"] = items + [42]
        try JSONSerialization.data(withJSONObject: document).write(to: transactions)
        let notObject = try Harness.run(["import", "ocf", dir.path, "--to", dir.appendingPathComponent("out2").path])
        #expect(notObject.status == 65)
        #expect(notObject.stderr.contains("items[\(items.count)] is not an object"))
        try Data((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8).write(to: transactions)
        let deep = try Harness.run(["import", "ocf", dir.path, "--to", dir.appendingPathComponent("out3").path])
        #expect(deep.status == 65)
        #expect(deep.stderr.contains("not a JSON object"))
    }
}
