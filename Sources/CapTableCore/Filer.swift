import CSVReading

/// A field of `filer.csv` (input format 1.4): what an EDGAR submission of
/// Schedule 13D or 13G needs beyond the figures, each with its limit from
/// the EDGAR Schedule 13D and 13G XML Technical Specification, version 1.0.
public enum FilerField: String, Sendable, CaseIterable {
    // headerData
    case filerCIK = "filer_cik", filerCCC = "filer_ccc", liveTest = "live_test"
    case contactName = "contact_name", contactPhone = "contact_phone", contactEmail = "contact_email"
    case notificationEmail = "notification_email", previousAccession = "previous_accession", amendmentNo = "amendment_no"
    // coverPageHeader/issuerInfo
    case issuerCIK = "issuer_cik", issuerStreet1 = "issuer_street1", issuerStreet2 = "issuer_street2"
    case issuerCity = "issuer_city", issuerState = "issuer_state", issuerZip = "issuer_zip"
    // A reporting person's CIK (with `person`).
    case personCIK = "person_cik"
    // The items' texts.
    case item2FilingPersons = "item2_filing_persons", item2Address = "item2_address"
    case item2PrincipalBusiness = "item2_principal_business", item2Convictions = "item2_convictions"
    case item2ConvictionDescription = "item2_conviction_description", item2Citizenship = "item2_citizenship"
    case item3Funds = "item3_funds", item4Purpose = "item4_purpose", item5Transactions = "item5_transactions"
    case item5Others = "item5_others", item5FivePercentDate = "item5_five_percent_date"
    case item6Contracts = "item6_contracts", item7Exhibits = "item7_exhibits", certification
    // signatureInfo
    case signature, signatureTitle = "signature_title", signatureDate = "signature_date"

    /// The most characters the specification allows.
    public var maximumLength: Int {
        switch self {
        case .filerCIK, .issuerCIK, .personCIK: return 10
        case .filerCCC: return 8
        case .liveTest: return 4
        case .contactName: return 30
        case .contactPhone: return 20
        case .contactEmail, .notificationEmail: return 80
        case .previousAccession: return 20
        case .amendmentNo: return 3
        case .issuerStreet1, .issuerStreet2: return 40
        case .issuerCity: return 30
        case .issuerState: return 2
        case .issuerZip: return 10
        case .item2Citizenship, .certification: return 2000
        case .signature, .signatureTitle: return 150
        case .signatureDate: return 10
        default: return 20000
        }
    }

    /// How many rows of it filer.csv may have (`person_cik`: one a person).
    public var maximumCount: Int { self == .notificationEmail ? 3 : 1 }
}

/// What `filer.csv` gives: each field's values, and the CIK of each reporting person named.
public struct FilerInfo: Sendable {
    public var values: [FilerField: [String]] = [:]
    public var personCIKs: [Int: String] = [:]
    public var location: SourceLocation

    public init(location: SourceLocation) { self.location = location }

    public subscript(_ f: FilerField) -> String? { values[f]?.first }

    /// Checks a value of `field`; nil when it is good, or what is wrong.
    /// A CIK is up to ten digits (written with leading zeros to ten), a CCC
    /// eight characters, an accession number 0000000000-00-000000.
    public static func problem(_ field: FilerField, _ value: String) -> String? {
        if value.count > field.maximumLength {
            return "\(field.rawValue) is \(value.count) characters; EDGAR allows \(field.maximumLength)"
        }
        let digits = value.allSatisfy { $0.isASCII && $0.isNumber }
        switch field {
        case .filerCIK, .issuerCIK, .personCIK:
            return digits && !value.isEmpty ? nil : "\(field.rawValue) \"\(value)\" is not a CIK (up to ten digits)"
        case .filerCCC:
            return value.count == 8 ? nil : "\(field.rawValue) must be the 8 characters of the filer's CCC"
        case .liveTest:
            return ["LIVE", "TEST"].contains(value) ? nil : "\(field.rawValue) \"\(value)\" is not one of LIVE, TEST"
        case .contactEmail, .notificationEmail:
            return value.contains("@") ? nil : "\(field.rawValue) \"\(value)\" is not an email address"
        case .previousAccession:
            let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
            return parts == [10, 2, 6] && value.replacingOccurrences(of: "-", with: "").allSatisfy(\.isNumber) ? nil
                : "\(field.rawValue) \"\(value)\" is not an accession number (0000000000-00-000000)"
        case .amendmentNo:
            return digits && !value.isEmpty ? nil : "\(field.rawValue) \"\(value)\" is not a number"
        case .issuerState:
            return value.count == 2 ? nil : "\(field.rawValue) \"\(value)\" is not an EDGAR state or country code (2 characters)"
        default:
            return nil
        }
    }

    /// Ten digits, with leading zeros.
    public static func cik(_ s: String) -> String { String(repeating: "0", count: max(0, 10 - s.count)) + s }
}
