import Foundation
import Testing

/// `export --format ocf`: a package that validates against the OCF v1.2.0
/// JSON Schemas, and that `import ocf` reads back to the same cap table
/// and ownership figures for every Inputs/ case.
@Suite struct OCFExportTests {
    static func exported(_ name: String) throws -> (zip: URL, unpacked: URL) {
        let dir = try Harness.temporaryDirectory()
        let zip = dir.appendingPathComponent("\(name).zip")
        let run = try Harness.run(["export", "Inputs/\(name)", "--format", "ocf", "--output", zip.path])
        #expect(run.status == 0, "\(run.stderr)")
        let unpacked = dir.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        #expect(try Self.program("/usr/bin/unzip", ["-qq", zip.path, "-d", unpacked.path]) == 0)
        return (zip, unpacked)
    }

    static func program(_ path: String, _ arguments: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test(arguments: ["fund-complex", "savvis-2001", "savvis-ledger"])
    func validatesAgainstTheSchemas(_ name: String) throws {
        let (_, unpacked) = try Self.exported(name)
        let check = try Harness.run(["-W", "ignore", Harness.root.appendingPathComponent("Tests/ocf_validate.py").path, unpacked.path],
                                    executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasSuffix("0 problems\n"))
    }

    /// Exported and imported again into the case (its relations, groups and
    /// persons kept; its ledger is the package's state on the date): the
    /// same cap table and the same ownership figures, byte for byte.
    @Test(arguments: ["fund-complex", "savvis-2001", "savvis-ledger"])
    func roundTrip(_ name: String) throws {
        let (zip, _) = try Self.exported(name)
        let copy = try Harness.temporaryDirectory().appendingPathComponent("copy")
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("Inputs/\(name)"), to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("transactions.csv"))
        let run = try Harness.run(["import", "ocf", zip.path, "--to", copy.path, "--merge", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        // Nothing left out: the package carries every row.
        #expect(run.stdout == "object_type,id,action\n")
        for command in ["ownership", "cap-table"] {
            let before = try Harness.run([command, "Inputs/\(name)", "--format", "csv"])
            let after = try Harness.run([command, copy.path, "--format", "csv"])
            #expect(after.status == 0, "\(after.stderr)")
            #expect(before.stdout == after.stdout, "\(name) \(command)")
        }
    }

    @Test func oneIssuerAPackage() throws {
        let dir = try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\na,A Inc.,Common,100,2025-01-01\nb,B Inc.,Common,100,2025-01-01\n",
            "persons.csv": "id,name,kind\np,P,individual\n",
            "holdings.csv": "holder,class,shares\np,a,10\n",
        ])
        let out = dir.appendingPathComponent("x.zip")
        let run = try Harness.run(["export", dir.path, "--format", "ocf", "--output", out.path])
        #expect(run.status == 64)
        #expect(run.stderr.contains("an OCF package is one issuer's"))
        let one = try Harness.run(["export", dir.path, "--format", "ocf", "--class", "a", "--output", out.path])
        #expect(one.status == 0, "\(one.stderr)")
    }
}
