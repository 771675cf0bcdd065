import Attribution
import CapTableCore
import CSVReading

/// The parts of an EDGAR Schedule 13D or 13G submission beyond the cover
/// pages, from filer.csv (EDGAR Schedule 13D and 13G XML Technical
/// Specification, version 1.0): the header with the filer's credentials
/// and contact, the issuer's CIK and address, each reporting person's CIK,
/// the items and the signatures. `missing` lists every element the
/// specification makes mandatory for the submission type that has no value.
struct Submission {
    let c: Case
    let o: ClassOwnership
    let rows: [OwnershipRow]
    let schedule: CoverPages.Schedule
    let filer: FilerInfo

    init(_ c: Case, _ o: ClassOwnership, _ rows: [OwnershipRow], schedule: CoverPages.Schedule, filer: FilerInfo) {
        (self.c, self.o, self.rows, self.schedule, self.filer) = (c, o, rows, schedule, filer)
    }

    /// An amendment: filer.csv names the filing it amends.
    var isAmendment: Bool { filer[.previousAccession] != nil }

    var submissionType: String {
        (schedule == .thirteenD ? "SCHEDULE 13D" : "SCHEDULE 13G") + (isAmendment ? "/A" : "")
    }

    var amendmentNumber: String? { isAmendment ? filer[.amendmentNo] : nil }
    var issuerCIK: String? { filer[.issuerCIK].map(FilerInfo.cik) }

    /// The rules of Schedule 13G its reporting persons file under.
    var thirteenGRules: Set<String> { Set(rows.compactMap { CoverPages.thirteenGRule(c.persons[$0.person].filerType) }) }

    /// The fields the submission type needs that filer.csv lacks, and the
    /// reporting persons without a value the type makes mandatory.
    func missing() -> [Diagnostic] {
        var needed: [FilerField] = [.filerCIK, .filerCCC, .liveTest, .contactName, .contactPhone, .contactEmail,
                                    .issuerCIK, .issuerStreet1, .issuerCity, .issuerState, .issuerZip,
                                    .signature, .signatureTitle, .signatureDate]
        if isAmendment { needed.append(.amendmentNo) }
        if !isAmendment && schedule == .thirteenD {
            needed += [.item2PrincipalBusiness, .item2Convictions, .item3Funds, .item4Purpose, .item5Transactions, .item6Contracts]
        }
        // Item 10 of Schedule 13G (17 CFR 240.13d-102): the certification of a filer under Rule 13d-1(b) or (c).
        let certifying = Set([FilerType.qii, .passive].compactMap(CoverPages.thirteenGRule))
        if schedule == .thirteenG && !thirteenGRules.isDisjoint(with: certifying) { needed.append(.certification) }
        var out = needed.filter { filer[$0] == nil }.map {
            Diagnostic(filer.location, "filer.csv has no \($0.rawValue), which a \(submissionType) submission needs")
        }
        if let f = filer[.filerCIK], let i = filer[.issuerCIK], FilerInfo.cik(f) == FilerInfo.cik(i) {
            out.append(Diagnostic(filer.location, "filer_cik is the issuer's CIK: the filer of a Schedule 13D or 13G is not the issuer"))
        }
        for row in rows {
            let p = c.persons[row.person]
            if schedule == .thirteenD && !isAmendment && p.sourceOfFunds.isEmpty {
                out.append(Diagnostic(p.location, "\"\(p.id)\" needs source_of_funds: row 4 (fundType) is mandatory in a \(submissionType) submission"))
            }
        }
        if !isAmendment && filer[.item2Address] == nil && addressText(of: rows.map(\.person)) == nil {
            out.append(Diagnostic(filer.location, "Item 2 needs the reporting persons' address: no reporting person has an address in persons.csv, and filer.csv has no item2_address"))
        }
        return out
    }

    func header(_ x: inout XMLText) {
        x.open("headerData")
        x.element("submissionType", submissionType)
        if let previous = filer[.previousAccession] { x.element("previousAccessionNumber", previous) }
        x.open("filerInfo")
        x.open("filer")
        x.open("filerCredentials")
        x.element("cik", FilerInfo.cik(filer[.filerCIK]!))
        x.element("ccc", filer[.filerCCC]!)
        x.close("filerCredentials")
        x.close("filer")
        x.element("liveTestFlag", filer[.liveTest]!)
        x.open("flags")
        x.element("overrideInternetFlag", "false")
        x.close("flags")
        x.open("contact")
        x.element("contactName", filer[.contactName]!)
        x.element("contactPhoneNumber", filer[.contactPhone]!)
        x.element("contactEmailAddress", filer[.contactEmail]!)
        x.close("contact")
        if let emails = filer.values[.notificationEmail], !emails.isEmpty {
            x.open("notifications")
            for e in emails { x.element("notificationEmailAddress", e) }
            x.close("notifications")
        }
        x.close("filerInfo")
        x.close("headerData")
    }

    /// The issuer's address in the common namespace's elements.
    func address(_ x: inout XMLText, _ name: String) {
        x.open(name)
        x.element("com:street1", filer[.issuerStreet1]!)
        if let s = filer[.issuerStreet2] { x.element("com:street2", s) }
        x.element("com:city", filer[.issuerCity]!)
        x.element("com:stateOrCountry", filer[.issuerState]!)
        x.element("com:zipCode", filer[.issuerZip]!)
        x.close(name)
    }

    var issuerAddressText: String {
        [filer[.issuerStreet1], filer[.issuerStreet2], filer[.issuerCity]].compactMap { $0 }.joined(separator: ", ")
            + ", \(filer[.issuerState]!) \(filer[.issuerZip]!)"
    }

    /// A reporting person's CIK, or the flag that it has none.
    func personCIK(_ x: inout XMLText, _ p: Int, cik: String, none: String) {
        if let value = filer.personCIKs[p] { x.element(cik, FilerInfo.cik(value)) } else { x.element(none, "Y") }
    }

    /// The persons' addresses, each once; nil when none has one.
    func addressText(of persons: [Int]) -> String? {
        var seen: [String] = []
        for p in persons { if let a = c.persons[p].address, !seen.contains(a) { seen.append(a) } }
        return seen.isEmpty ? nil : seen.joined(separator: "; ")
    }

    var names: String { rows.map { c.persons[$0.person].name }.joined(separator: "; ") }

    var citizenships: String {
        var seen: [String] = []
        for row in rows { if let a = c.persons[row.person].citizenship, !seen.contains(a) { seen.append(a) } }
        return seen.joined(separator: "; ")
    }

    func itemsAndSignatures(_ x: inout XMLText) {
        let sc = c.classes[o.classIndex]
        let shares = { (n: Shares) in grouped(n.count) }
        let address = filer[.item2Address] ?? addressText(of: rows.map(\.person)) ?? ""
        switch schedule {
        case .thirteenD:
            x.open("items1To7")
            x.open("item1")
            x.element("securityTitle", sc.title)
            x.element("issuerName", sc.issuer)
            self.address(&x, "issuerPrincipalAddress")
            x.close("item1")
            // Items 2 to 7 are mandatory in a Schedule 13D, optional in an amendment: written where there is a value.
            if !isAmendment || filer[.item2PrincipalBusiness] != nil {
                x.open("item2")
                x.element("filingPersonName", filer[.item2FilingPersons] ?? names)
                x.element("principalBusinessAddress", address)
                x.element("principalJob", filer[.item2PrincipalBusiness] ?? "")
                x.element("hasBeenConvicted", filer[.item2Convictions] ?? "")
                x.element("convictionDescription", filer[.item2ConvictionDescription] ?? "Not applicable.")
                x.element("citizenship", filer[.item2Citizenship] ?? citizenships)
                x.close("item2")
            }
            if let funds = filer[.item3Funds] { x.open("item3"); x.element("fundsSource", funds); x.close("item3") }
            if let purpose = filer[.item4Purpose] { x.open("item4"); x.element("transactionPurpose", purpose); x.close("item4") }
            if !isAmendment || filer[.item5Transactions] != nil {
                x.open("item5")
                x.element("percentageOfClassSecurities", rows.map { r in
                    "\(c.persons[r.person].name): \(shares(r.aggregate)) shares, \(r.percentOfClass.text) of the class"
                }.joined(separator: "; "))
                x.element("numberOfShares", rows.map { r in
                    "\(c.persons[r.person].name): sole voting \(shares(r.soleVotingPower)), shared voting \(shares(r.sharedVotingPower)), sole dispositive \(shares(r.soleDispositivePower)), shared dispositive \(shares(r.sharedDispositivePower))"
                }.joined(separator: "; "))
                x.element("transactionDesc", filer[.item5Transactions] ?? "")
                x.element("listOfShareholders", filer[.item5Others] ?? "Not applicable.")
                x.element("date5PercentOwnership", filer[.item5FivePercentDate] ?? "Not applicable.")
                x.close("item5")
            }
            if let contracts = filer[.item6Contracts] { x.open("item6"); x.element("contractDescription", contracts); x.close("item6") }
            if !isAmendment || filer[.item7Exhibits] != nil {
                x.open("item7")
                if let exhibits = filer[.item7Exhibits] { x.element("filedExhibits", exhibits) }
                x.close("item7")
            }
            x.close("items1To7")
            x.open("signatureInfo")
            for row in rows {
                x.open("signaturePerson")
                x.element("signatureReportingPerson", c.persons[row.person].name)
                signatureDetails(&x)
                x.close("signaturePerson")
            }
            x.close("signatureInfo")
        case .thirteenG:
            if !isAmendment {
                x.open("items")
                x.open("item1")
                x.element("issuerName", sc.issuer)
                x.element("issuerPrincipalExecutiveOfficeAddress", issuerAddressText)
                x.close("item1")
                x.open("item2")
                x.element("filingPersonName", filer[.item2FilingPersons] ?? names)
                x.element("principalBusinessOfficeOrResidenceAddress", address)
                x.element("citizenship", filer[.item2Citizenship] ?? citizenships)
                x.close("item2")
                x.open("item3")
                // Item 3 (17 CFR 240.13d-102) names the kinds of qualified institutional investor filing under 13d-1(b).
                let institutions = rows.filter { c.persons[$0.person].filerType == .qii }.map { c.persons[$0.person].type }
                x.element("notApplicableFlag", institutions.isEmpty ? "Y" : "N")
                for type in Set(institutions).sorted() { x.element("typeOfPersonFiling", type) }
                x.close("item3")
                x.open("item4")
                x.element("amountBeneficiallyOwned", "See row 9 of each reporting person's cover page.")
                x.element("classPercent", "See row 11 of each reporting person's cover page.")
                x.open("numberOfSharesPersonHas")
                x.element("solePowerOrDirectToVote", "See row 5 of each reporting person's cover page.")
                x.element("sharedPowerOrDirectToVote", "See row 6 of each reporting person's cover page.")
                x.element("solePowerOrDirectToDispose", "See row 7 of each reporting person's cover page.")
                x.element("sharedPowerOrDirectToDispose", "See row 8 of each reporting person's cover page.")
                x.close("numberOfSharesPersonHas")
                x.close("item4")
                // Item 5 (17 CFR 240.13d-102) reports ceasing to own more than 5% (Rule 13d-2(b)).
                let over = rows.contains { Threshold.fivePercent.isCrossed(by: $0.beneficialPercent) }
                x.open("item5")
                x.element("notApplicableFlag", over ? "Y" : "N")
                if !over { x.element("classOwnership5PercentOrLess", "Y") }
                x.close("item5")
                for item in ["item6", "item7"] { x.open(item); x.element("notApplicableFlag", "Y"); x.close(item) }
                // Item 8 (17 CFR 240.13d-102): the members of a group filing together (Rule 13d-1(k)(1)).
                let members = rows.filter { !$0.groups.isEmpty }.map { c.persons[$0.person].name }
                x.open("item8")
                x.element("notApplicableFlag", members.isEmpty ? "Y" : "N")
                if !members.isEmpty { x.element("identificationAndClassificationOfGroupMembers", members.joined(separator: "; ")) }
                x.close("item8")
                x.open("item9"); x.element("notApplicableFlag", "Y"); x.close("item9")
                x.close("items")
            }
            if let certification = filer[.certification] { x.element("certifications", certification) }
            for row in rows {
                x.open("signatureInformation")
                x.element("reportingPersonName", c.persons[row.person].name)
                signatureDetails(&x)
                x.close("signatureInformation")
            }
        }
    }

    func signatureDetails(_ x: inout XMLText) {
        x.open("signatureDetails")
        x.element("signature", filer[.signature]!)
        x.element("title", filer[.signatureTitle]!)
        let date = (try? ValueParser.date(filer[.signatureDate]!, column: "value").get()).map(Prose.edgar) ?? filer[.signatureDate]!
        x.element("date", date)
        x.close("signatureDetails")
    }
}
