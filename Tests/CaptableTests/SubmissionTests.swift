import Foundation
import Testing

/// With filer.csv, 13d-xml and 13g-xml write a whole EDGAR submission: each
/// element that the EDGAR Schedule 13D and 13G XML Technical Specification,
/// version 1.0, marks mandatory for the submission type is checked, one by
/// one, with its length limit.
@Suite struct SubmissionTests {
    static func copy(_ name: String, adding extra: [String: String]) throws -> URL {
        var files: [String: String] = [:]
        let dir = Harness.root.appendingPathComponent("Inputs/\(name)")
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) where f.hasSuffix(".csv") {
            files[f] = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
        }
        return try Harness.makeCase(files.merging(extra) { $1 })
    }

    /// Illustrative credentials (not any filer's): the seed's amendment.
    static let amendment = """
        field,value,person
        filer_cik,1234567,
        filer_ccc,x1y2z3@a,
        live_test,TEST,
        contact_name,Jonathan M. Rather,
        contact_phone,212-893-9500,
        contact_email,filings@example.com,
        notification_email,counsel@example.com,
        previous_accession,0000000000-01-000001,
        amendment_no,1,
        issuer_cik,1058239,
        issuer_street1,717 Office Parkway,
        issuer_city,St. Louis,
        issuer_state,MO,
        issuer_zip,63141,
        person_cik,7654321,wcas8
        signature,/s/ Jonathan M. Rather,
        signature_title,Attorney-in-fact,
        signature_date,2001-03-02,

        """

    /// path → the most characters its value may have (0: a container).
    static let thirteenDAmendment: [(String, Int)] = [
        ("headerData", 0), ("headerData/submissionType", 20), ("headerData/previousAccessionNumber", 20),
        ("headerData/filerInfo", 0), ("headerData/filerInfo/filer", 0), ("headerData/filerInfo/filer/filerCredentials", 0),
        ("headerData/filerInfo/filer/filerCredentials/cik", 10), ("headerData/filerInfo/filer/filerCredentials/ccc", 8),
        ("headerData/filerInfo/liveTestFlag", 4), ("headerData/filerInfo/flags", 0), ("headerData/filerInfo/contact", 0),
        ("headerData/filerInfo/contact/contactName", 30), ("headerData/filerInfo/contact/contactPhoneNumber", 20),
        ("headerData/filerInfo/contact/contactEmailAddress", 80),
        ("formData/coverPageHeader", 0), ("formData/coverPageHeader/amendmentNo", 3),
        ("formData/coverPageHeader/securitiesClassTitle", 150), ("formData/coverPageHeader/dateOfEvent", 17),
        ("formData/coverPageHeader/issuerInfo", 0), ("formData/coverPageHeader/issuerInfo/issuerCIK", 10),
        ("formData/coverPageHeader/issuerInfo/issuerCUSIP", 12), ("formData/coverPageHeader/issuerInfo/issuerName", 150),
        ("formData/coverPageHeader/issuerInfo/address", 0), ("formData/coverPageHeader/issuerInfo/address/street1", 40),
        ("formData/coverPageHeader/issuerInfo/address/city", 30), ("formData/coverPageHeader/issuerInfo/address/stateOrCountry", 2),
        ("formData/coverPageHeader/issuerInfo/address/zipCode", 10),
        ("formData/reportingPersons", 0), ("formData/reportingPersons/reportingPersonInfo", 0),
        ("formData/reportingPersons/reportingPersonInfo/reportingPersonName", 150),
        ("formData/items1To7", 0), ("formData/items1To7/item1", 0), ("formData/items1To7/item1/securityTitle", 150),
        ("formData/items1To7/item1/issuerName", 150), ("formData/items1To7/item1/issuerPrincipalAddress", 0),
        ("formData/signatureInfo", 0), ("formData/signatureInfo/signaturePerson", 0),
        ("formData/signatureInfo/signaturePerson/signatureReportingPerson", 150),
        ("formData/signatureInfo/signaturePerson/signatureDetails", 0),
        ("formData/signatureInfo/signaturePerson/signatureDetails/signature", 150),
        ("formData/signatureInfo/signaturePerson/signatureDetails/title", 150),
        ("formData/signatureInfo/signaturePerson/signatureDetails/date", 10),
    ]

    static func check(_ root: XMLNode, _ paths: [(String, Int)]) {
        for (path, limit) in paths {
            let node = root.first(path)
            #expect(node != nil, "\(path) is missing")
            guard let node, limit > 0 else { continue }
            let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!text.isEmpty, "\(path) is empty")
            #expect(text.count <= limit, "\(path) is \(text.count) characters, over \(limit)")
        }
    }

    @Test func seedAmendmentIsComplete() throws {
        let dir = try Self.copy("savvis-2001", adding: ["filer.csv": Self.amendment])
        let run = try Harness.run(["export", dir.path, "--format", "13d-xml"])
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(TreeBuilder.parse(run.stdout))
        Self.check(root, Self.thirteenDAmendment)
        #expect(root.value("headerData/submissionType") == "SCHEDULE 13D/A")
        #expect(root.value("headerData/filerInfo/filer/filerCredentials/cik") == "0001234567")
        #expect(root.value("formData/coverPageHeader/issuerInfo/issuerCIK") == "0001058239")
        // One signature for each of the 33 reporting persons.
        let persons = try #require(root.first("formData/reportingPersons")).all("reportingPersonInfo")
        #expect(persons.count == root.first("formData/signatureInfo")?.all("signaturePerson").count)
        // WCAS VIII's CIK; the others have none.
        #expect(persons[0].value("reportingPersonCIK") == "0007654321")
        #expect(persons[1].value("reportingPersonNoCIK") == "Y")
        #expect(root.value("formData/signatureInfo/signaturePerson/signatureDetails/date") == "03/02/2001")
    }

    /// An original Schedule 13D needs row 4 (fundType) for every reporting
    /// person and Items 2 to 6: each missing one is named.
    @Test func originalThirteenDNamesWhatIsMissing() throws {
        let original = Self.amendment.replacingOccurrences(of: "previous_accession,0000000000-01-000001,\n", with: "")
        let dir = try Self.copy("savvis-2001", adding: ["filer.csv": original])
        let run = try Harness.run(["export", dir.path, "--format", "13d-xml"])
        #expect(run.status == 65)
        for field in ["item2_principal_business", "item2_convictions", "item3_funds", "item4_purpose", "item5_transactions", "item6_contracts"] {
            #expect(run.stderr.contains("filer.csv:1:1: error: filer.csv has no \(field), which a SCHEDULE 13D submission needs"), "\(field)")
        }
        #expect(run.stderr.contains("\"wcas7\" needs source_of_funds"))
    }

    /// A Schedule 13G of the fund complex's qualified institutional investors, with its certification.
    @Test func thirteenGIsComplete() throws {
        let base = try CoverPageTests.fundComplexAsQII()
        let filer = Self.amendment
            .replacingOccurrences(of: "previous_accession,0000000000-01-000001,\n", with: "")
            .replacingOccurrences(of: "amendment_no,1,\n", with: "")
            .replacingOccurrences(of: "person_cik,7654321,wcas8\n", with: "person_cik,7654321,sable\n")
            + "certification,\"By signing below I certify that, to the best of my knowledge and belief, the securities referred to above were acquired and are held in the ordinary course of business.\",\n"
        try Data(filer.utf8).write(to: base.appendingPathComponent("filer.csv"))
        let run = try Harness.run(["export", base.path, "--format", "13g-xml"])
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(TreeBuilder.parse(run.stdout))
        Self.check(root, [
            ("headerData/submissionType", 20), ("headerData/filerInfo/filer/filerCredentials/cik", 10),
            ("formData/coverPageHeader/securitiesClassTitle", 150), ("formData/coverPageHeader/eventDateRequiresFilingThisStatement", 10),
            ("formData/coverPageHeader/issuerInfo/issuerCik", 10), ("formData/coverPageHeader/issuerInfo/issuerName", 150),
            ("formData/coverPageHeader/issuerInfo/issuerCusip", 12), ("formData/coverPageHeader/issuerInfo/issuerPrincipalExecutiveOfficeAddress", 0),
            ("formData/coverPageHeaderReportingPersonDetails/reportingPersonName", 150),
            ("formData/coverPageHeaderReportingPersonDetails/citizenshipOrOrganization", 2),
            ("formData/coverPageHeaderReportingPersonDetails/classPercent", 5),
            ("formData/items/item1/issuerName", 150), ("formData/items/item1/issuerPrincipalExecutiveOfficeAddress", 150),
            ("formData/items/item2/filingPersonName", 20000), ("formData/items/item2/principalBusinessOfficeOrResidenceAddress", 20000),
            ("formData/items/item2/citizenship", 2000), ("formData/items/item3/notApplicableFlag", 1),
            ("formData/items/item4/amountBeneficiallyOwned", 20000), ("formData/items/item5/notApplicableFlag", 1),
            ("formData/items/item6/notApplicableFlag", 1), ("formData/items/item7/notApplicableFlag", 1),
            ("formData/items/item8/notApplicableFlag", 1), ("formData/items/item9/notApplicableFlag", 1),
            ("formData/certifications", 2000),
            ("formData/signatureInformation/reportingPersonName", 150), ("formData/signatureInformation/signatureDetails/signature", 150),
        ])
        #expect(root.value("headerData/submissionType") == "SCHEDULE 13G")
        #expect(root.value("formData/items/item3/typeOfPersonFiling") != nil)
        // The group's members are named in Item 8.
        #expect(root.value("formData/items/item8/notApplicableFlag") == "N")
    }

    /// A value past EDGAR's limit is an error at its line and column of filer.csv.
    @Test func badValuesAreErrorsAtTheirPlace() throws {
        let bad = Self.amendment.replacingOccurrences(of: "contact_name,Jonathan M. Rather,", with: "contact_name,Jonathan Mathias Rather of Counsel Esq.,")
            .replacingOccurrences(of: "issuer_state,MO,", with: "issuer_state,Missouri,")
            .replacingOccurrences(of: "live_test,TEST,", with: "live_test,test,")
        let dir = try Self.copy("savvis-2001", adding: ["filer.csv": bad])
        let run = try Harness.run(["validate", dir.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("filer.csv:5:14: error: contact_name is 39 characters; EDGAR allows 30"))
        #expect(run.stderr.contains("filer.csv:14:14: error: issuer_state is 8 characters; EDGAR allows 2"))
        #expect(run.stderr.contains("filer.csv:4:11: error: live_test \"test\" is not one of LIVE, TEST"))
    }
}
