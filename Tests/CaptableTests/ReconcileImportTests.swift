import Foundation
import Testing

/// `reconcile` and `import schedule13` on the seed's own EDGAR XML.
@Suite struct ReconcileImportTests {
    static func seedXML() throws -> URL {
        let out = try Harness.temporaryDirectory().appendingPathComponent("seed-13d.xml")
        let run = try Harness.run(["export", "Inputs/savvis-2001", "--format", "13d-xml", "--output", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        return out
    }

    @Test func theCaseAgreesWithItsOwnFiling() throws {
        let xml = try Self.seedXML()
        let run = try Harness.run(["reconcile", "Inputs/savvis-2001", xml.path])
        #expect(run.status == 0, "\(run.stderr)")
        // Six reporting persons (reporting = yes), seven figures each.
        #expect(run.stdout.contains("No difference: 6 reporting persons, 42 figures compared."))
    }

    @Test func oneFigureChangedIsThatDifference() throws {
        let xml = try Self.seedXML()
        var text = try String(contentsOf: xml, encoding: .utf8)
        // WCAS VII's row 11: 3,475,566 filed as 3,475,567.
        text = text.replacingOccurrences(of: "<aggregateAmountOwned>3475566.00</aggregateAmountOwned>",
                                         with: "<aggregateAmountOwned>3475567.00</aggregateAmountOwned>")
        try Data(text.utf8).write(to: xml)
        let run = try Harness.run(["reconcile", "Inputs/savvis-2001", xml.path, "--format", "csv"])
        #expect(run.status == 1)
        let rows = run.stdout.split(separator: "\n").map(String.init)
        #expect(rows == ["person,name,figure,filed,computed,status",
                         "wcas7,\"Welsh, Carson, Anderson & Stowe VII, L.P.\",aggregate,3475567,3475566,differs"])
    }

    @Test func notXMLIsAnErrorWithItsPlace() throws {
        let bad = try Harness.temporaryDirectory().appendingPathComponent("bad.xml")
        try Data("<edgarSubmission xmlns=\"http://www.sec.gov/edgar/schedule13d\">\n<formData>\n</edgar>".utf8).write(to: bad)
        let run = try Harness.run(["reconcile", "Inputs/savvis-2001", bad.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(bad.path):3:"))
    }

    /// Each reporting person's rows 7 to 11 come back exactly from the lots the import writes.
    @Test func importReproducesRowsSevenToEleven() throws {
        let xml = try Self.seedXML()
        let dir = try Harness.temporaryDirectory().appendingPathComponent("imported")
        let run = try Harness.run(["import", "schedule13", xml.path, "--to", dir.path, "--outstanding", "93,840,935"])
        #expect(run.status == 0, "\(run.stderr)")
        let check = try Harness.run(["reconcile", dir.path, xml.path, "--format", "csv"])
        // Shares agree for all six; only a percent may differ: the filing's
        // denominators count each filer's own rights, which a cover page does
        // not itemize (WCAS VIII's note: 19.2% of 108,353,392; as held shares, 22.1% of 93,840,935).
        let differences = check.stdout.split(separator: "\n").dropFirst()
        #expect(differences.allSatisfy { $0.contains(",percent of class,") }, "\(check.stdout)")
        #expect(differences.count == 1)
        let filings = try String(contentsOf: dir.appendingPathComponent("filings.csv"), encoding: .utf8)
        #expect(filings.contains(",common,13D,2001-02-20,2001-02-20,20762457,19.2,"))
    }

    /// Mixed powers: 100 sole and 50 shared voting, 120 sole dispositive, of 150.
    @Test func mixedPowersBecomeLots() throws {
        let xml = """
            <?xml version="1.0"?>
            <edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13g" xmlns:com="http://www.sec.gov/edgar/common">
            <formData><coverPageHeader><securitiesClassTitle>Common Stock</securitiesClassTitle>
            <eventDateRequiresFilingThisStatement>03/31/2025</eventDateRequiresFilingThisStatement>
            <issuerInfo><issuerName>Example Co.</issuerName><issuerCusip>000000000</issuerCusip></issuerInfo></coverPageHeader>
            <coverPageHeaderReportingPersonDetails><reportingPersonName>Mixed Fund LP</reportingPersonName>
            <citizenshipOrOrganization>DE</citizenshipOrOrganization>
            <reportingPersonBeneficiallyOwnedNumberOfShares><soleVotingPower>100.00</soleVotingPower><sharedVotingPower>50.00</sharedVotingPower>
            <soleDispositivePower>120.00</soleDispositivePower><sharedDispositivePower>0.00</sharedDispositivePower></reportingPersonBeneficiallyOwnedNumberOfShares>
            <reportingPersonBeneficiallyOwnedAggregateNumberOfShares>150.00</reportingPersonBeneficiallyOwnedAggregateNumberOfShares>
            <aggregateAmountExcludesCertainSharesFlag>N</aggregateAmountExcludesCertainSharesFlag>
            <classPercent>6.0</classPercent><typeOfReportingPerson>PN</typeOfReportingPerson></coverPageHeaderReportingPersonDetails>
            </formData></edgarSubmission>
            """
        let file = try Harness.temporaryDirectory().appendingPathComponent("mixed.xml")
        try Data(xml.utf8).write(to: file)
        let dir = try Harness.temporaryDirectory().appendingPathComponent("mixed")
        let run = try Harness.run(["import", "schedule13", file.path, "--to", dir.path, "--outstanding", "2500"])
        #expect(run.status == 0, "\(run.stderr)")
        // 150 of 2,500 is 6.0%: every figure agrees.
        let check = try Harness.run(["reconcile", dir.path, file.path])
        #expect(check.status == 0, "\(check.stdout)")
        let holdings = try String(contentsOf: dir.appendingPathComponent("holdings.csv"), encoding: .utf8)
        // Voting none/sole/shared against dispositive sole/shared/none, corner to corner.
        #expect(holdings.contains("mixed-fund-lp,common,100,sole,sole,"))
        #expect(holdings.contains("mixed-fund-lp,common,20,shared,sole,"))
        #expect(holdings.contains("mixed-fund-lp,common,30,shared,none,"))
    }

    /// Joint filers' aggregates as lots of each would count shares twice: refused.
    @Test func overlapIsRefused() throws {
        let xml = try Self.seedXML()
        let dir = try Harness.temporaryDirectory().appendingPathComponent("overlap")
        let run = try Harness.run(["import", "schedule13", xml.path, "--to", dir.path, "--outstanding", "25,000,000"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("more than the 25,000,000 outstanding: joint filers report the same shares"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("holdings.csv").path))
    }

    /// Merged into a case, every row and column it had stays as it was.
    @Test func mergeKeepsTheCase() throws {
        let xml = try Self.seedXML()
        let dir = try Harness.temporaryDirectory().appendingPathComponent("case")
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("Inputs/fund-complex"), to: dir)
        let before = try String(contentsOf: dir.appendingPathComponent("persons.csv"), encoding: .utf8)
        let run = try Harness.run(["import", "schedule13", xml.path, "--to", dir.path, "--merge", "--class", "seed",
                                   "--outstanding", "93,840,935", "--person", "WCAS Management Corporation"])
        #expect(run.status == 0, "\(run.stderr)")
        let after = try String(contentsOf: dir.appendingPathComponent("persons.csv"), encoding: .utf8)
        // A column the case's persons.csv lacked is added at the end, blank in its rows; every row kept.
        let kept = after.split(separator: "\n").map(String.init)
        for line in before.split(separator: "\n").dropFirst() {
            #expect(kept.contains { $0.hasPrefix(String(line)) && $0.dropFirst(line.count).allSatisfy { $0 == "," } }, "\(line)")
        }
        #expect(after.contains("wcas-management-corporation,WCAS Management Corporation,entity,CO,"))
        let validate = try Harness.run(["validate", dir.path])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    /// Entities that expand a billion times, and one that names a file of
    /// the machine: refused as input errors, quickly, and nothing of the file read.
    @Test func hostileEntitiesAreRefused() throws {
        let dir = try Harness.temporaryDirectory()
        var entities = ["<!ENTITY a0 \"xxxxxxxxxx\">"]
        for i in 1..<10 { entities.append("<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">") }
        let bomb = dir.appendingPathComponent("bomb.xml")
        try Data(("<?xml version=\"1.0\"?>\n<!DOCTYPE edgarSubmission [\n" + entities.joined(separator: "\n") + "\n]>\n"
                  + "<edgarSubmission xmlns=\"http://www.sec.gov/edgar/schedule13d\"><formData><coverPageHeader>"
                  + "<securitiesClassTitle>&a9;</securitiesClassTitle></coverPageHeader></formData></edgarSubmission>\n").utf8).write(to: bomb)
        let start = Date()
        let run = try Harness.run(["reconcile", "Inputs/savvis-2001", bomb.path])
        #expect(run.status == 65)
        #expect(Date().timeIntervalSince(start) < 10)
        let external = dir.appendingPathComponent("external.xml")
        try Data(("<?xml version=\"1.0\"?>\n<!DOCTYPE edgarSubmission [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                  + "<edgarSubmission xmlns=\"http://www.sec.gov/edgar/schedule13d\"><formData><coverPageHeader>"
                  + "<securitiesClassTitle>&x;</securitiesClassTitle></coverPageHeader></formData></edgarSubmission>\n").utf8).write(to: external)
        let leak = try Harness.run(["reconcile", "Inputs/savvis-2001", external.path])
        #expect(leak.status == 65)
        #expect(!leak.stdout.contains("root:") && !leak.stderr.contains("root:"))
    }
}
