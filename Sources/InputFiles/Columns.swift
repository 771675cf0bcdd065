import CapTableCore
/// Every column of the input format (INPUTS.md), each named once. A file
/// declares which of them it has (`Schema`); a row's field of a column is
/// found through the file's header, once per file (`RowReader`).
enum Column: Int, CaseIterable, Sendable {
    case shareClass, issuer, title, cusip, outstanding, asOf, reserved, voting
    case id, name, kind, type, citizenship, majorityRule, controlIntent, reporting, roles, address, sourceOfFunds
    case citizenshipCode, filerType, rolesUntil
    case holder, shares, dispositive, note, pledged
    case exercisePrice, exercisableFrom, expires, vestStart, vestMonths, cliffMonths, vestEveryMonths, capPercent
    case principal, conversionPrice, units, conversionRatio, issued, convertibleFrom, maturity, rate, interest
    case dayCount, pikMonths, firstPayment, convertsInterest, antiDilution
    case controller, controlled, role, disclaims
    case group, member
    case date
    case person, form, filed, eventDate, percent, accession
    case field, value
    case event, from, to, instrument, newInstrument, ratio, consideration, price

    /// The column of a name, for a rule of the model that names its column (`DateOrder`).
    static let named: [String: Column] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The column's name in a header.
    var name: String {
        switch self {
        case .shareClass: "class"
        case .issuer: "issuer"
        case .title: "title"
        case .cusip: "cusip"
        case .outstanding: "outstanding"
        case .asOf: "as_of"
        case .reserved: "reserved"
        case .voting: "voting"
        case .id: "id"
        case .name: "name"
        case .kind: "kind"
        case .type: "type"
        case .citizenship: "citizenship"
        case .majorityRule: "majority_rule"
        case .controlIntent: "control_intent"
        case .reporting: "reporting"
        case .roles: "roles"
        case .address: "address"
        case .sourceOfFunds: "source_of_funds"
        case .citizenshipCode: "citizenship_code"
        case .filerType: "filer_type"
        case .rolesUntil: "roles_until"
        case .holder: "holder"
        case .shares: "shares"
        case .dispositive: "dispositive"
        case .note: "note"
        case .pledged: "pledged"
        case .exercisePrice: "exercise_price"
        case .exercisableFrom: "exercisable_from"
        case .expires: "expires"
        case .vestStart: "vest_start"
        case .vestMonths: "vest_months"
        case .cliffMonths: "cliff_months"
        case .vestEveryMonths: "vest_every_months"
        case .capPercent: "cap_percent"
        case .principal: "principal"
        case .conversionPrice: "conversion_price"
        case .units: "units"
        case .conversionRatio: "conversion_ratio"
        case .issued: "issued"
        case .convertibleFrom: "convertible_from"
        case .maturity: "maturity"
        case .rate: "rate"
        case .interest: "interest"
        case .dayCount: "day_count"
        case .pikMonths: "pik_months"
        case .firstPayment: "first_payment"
        case .convertsInterest: "converts_interest"
        case .antiDilution: "anti_dilution"
        case .controller: "controller"
        case .controlled: "controlled"
        case .role: "role"
        case .disclaims: "disclaims"
        case .group: "group"
        case .member: "member"
        case .date: "date"
        case .person: "person"
        case .form: "form"
        case .filed: "filed"
        case .eventDate: "event_date"
        case .percent: "percent"
        case .accession: "accession"
        case .field: "field"
        case .value: "value"
        case .event: "event"
        case .from: "from"
        case .to: "to"
        case .instrument: "instrument"
        case .newInstrument: "new_instrument"
        case .ratio: "ratio"
        case .consideration: "consideration"
        case .price: "price"
        }
    }
}

/// The columns of each file, in the documentation's order, and whether
/// each is required. What a column's values may be is said where the file's
/// rows are read (one file of this folder each), once.
enum Schema {
    typealias Columns = [(column: Column, required: Bool)]

    /// The columns of an instrument granted (options.csv) after its id and holder.
    static let grant: Columns = [(.kind, true), (.shareClass, true), (.shares, true), (.exercisePrice, false),
                                 (.exercisableFrom, false), (.expires, false), (.vestStart, false), (.vestMonths, false),
                                 (.cliffMonths, false), (.vestEveryMonths, false), (.capPercent, false), (.note, false)]
    /// The columns of a convertible instrument (convertibles.csv) after its id and holder.
    static let convertible: Columns = [(.kind, true), (.shareClass, true), (.principal, false), (.conversionPrice, false),
                                       (.units, false), (.conversionRatio, false), (.issued, false), (.convertibleFrom, false),
                                       (.maturity, false), (.rate, false), (.interest, false), (.dayCount, false),
                                       (.pikMonths, false), (.firstPayment, false), (.convertsInterest, false),
                                       (.capPercent, false), (.note, false), (.antiDilution, false)]

    static let columns: [String: Columns] = [
        "classes.csv": [(.shareClass, true), (.issuer, true), (.title, true), (.cusip, false),
                        (.outstanding, false), (.asOf, true), (.reserved, false), (.voting, false)],
        "persons.csv": [(.id, true), (.name, true), (.kind, true), (.type, false), (.citizenship, false),
                        (.majorityRule, false), (.controlIntent, false), (.reporting, false), (.roles, false),
                        (.address, false), (.sourceOfFunds, false), (.citizenshipCode, false), (.filerType, false),
                        (.rolesUntil, false)],
        "holdings.csv": [(.holder, true), (.shareClass, true), (.shares, true), (.voting, false),
                         (.dispositive, false), (.note, false), (.pledged, false)],
        "options.csv": [(.id, true), (.holder, true)] + grant,
        "convertibles.csv": [(.id, true), (.holder, true)] + convertible,
        "relations.csv": [(.controller, true), (.controlled, true), (.role, true), (.voting, false),
                          (.dispositive, false), (.disclaims, false), (.note, false)],
        "groups.csv": [(.group, true), (.member, true)],
        "holidays.csv": [(.date, true), (.name, false)],
        // Input format 1.3: days the SEC was closed, and what was filed.
        "filing_closures.csv": [(.date, true), (.name, false)],
        "filings.csv": [(.person, true), (.shareClass, true), (.form, true), (.filed, true), (.eventDate, true),
                        (.shares, false), (.percent, false), (.accession, false), (.note, false)],
        // Input format 1.4: the submission's header and texts, a field a row.
        "filer.csv": [(.field, true), (.value, true), (.person, false)],
        // Input format 1.2: dated events; an issued instrument has the columns of its file.
        "transactions.csv": [(.date, true), (.event, true), (.id, false), (.holder, false), (.from, false), (.to, false),
                             (.kind, false), (.shareClass, false), (.shares, false), (.instrument, false),
                             (.newInstrument, false), (.principal, false), (.units, false), (.ratio, false),
                             (.consideration, false), (.note, false), (.price, false)]
            + instrumentColumns,
    ]

    /// The columns of both instrument files that transactions.csv has
    /// besides its own, each once, all optional.
    private static var instrumentColumns: Columns {
        var seen: Set<Column> = [.kind, .shareClass, .shares, .note, .principal, .units]
        return (grant + convertible).filter { seen.insert($0.column).inserted }.map { ($0.column, false) }
    }
}
