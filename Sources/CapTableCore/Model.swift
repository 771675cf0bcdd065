import CSVReading

/// A class of equity securities (`classes.csv`).
public struct ShareClass: Sendable {
    public var id: String
    public var issuer: String
    public var title: String
    public var cusip: String?
    /// Shares outstanding as reported by the issuer; nil: the sum of the holdings.
    public var reportedOutstanding: Shares?
    public var asOf: CalendarDate
    public var reserved: Shares?
    /// A voting class (Item 403(a) lists only voting classes). Input format 1.1.
    public var voting: Bool = true
    public var location: SourceLocation

    package init(id: String, issuer: String, title: String, cusip: String?, reportedOutstanding: Shares?, asOf: CalendarDate,
                 reserved: Shares?, voting: Bool = true, location: SourceLocation) {
        (self.id, self.issuer, self.title, self.cusip) = (id, issuer, title, cusip)
        (self.reportedOutstanding, self.asOf, self.reserved, self.voting, self.location) = (reportedOutstanding, asOf, reserved, voting, location)
    }
}

public enum PersonKind: String, Sendable, CaseIterable { case individual, entity, group }

/// How a person files: Schedule 13D, or 13G as a passive investor, a
/// qualified institutional investor or an exempt investor. Format 1.2.
public enum FilerType: String, Sendable, CaseIterable {
    case thirteenD = "13d", passive, qii, exempt
}

/// A person's place in the issuer's management (Item 403(b)).
public enum ManagementRole: String, Sendable, CaseIterable {
    case director, officer, nominee
    /// A named executive officer (Item 402(a)(3)).
    case neo
}

/// Everyone who holds, controls or is reported (`persons.csv`).
///
/// A book of a million persons keeps each in 56 bytes: the fields most
/// persons leave blank (citizenship, roles, address, source of funds,
/// citizenship code) are kept aside, in one shared box; so are a type that
/// is not one of the codes of Schedule 13D row 14, and a place that is not
/// column 1 of a line of `persons.csv`.
public struct Person: Sendable, KeepsAside {
    public var id: String
    public var name: String
    fileprivate var aside: Frozen<Aside>?
    /// The line of `persons.csv` where the person is defined, at column 1; -1: the place is aside.
    private var line: Int32
    public var kind: PersonKind
    /// The type's index in `Person.types`; `UInt8.max`: the type is aside.
    private var typeCode: UInt8
    /// The "rule of three": decisions are made by a majority of three or more controllers.
    public var majorityRule: Bool
    /// Rights to acquire are held with the purpose or effect of changing or influencing control.
    public var controlIntent: Bool
    /// Whether the person gets a cover page; nil: the default (holds or is attributed shares). Format 1.1.
    public var reporting: Bool?
    /// How the person files (default `13d`). Format 1.2.
    public var filerType: FilerType

    /// The types of reporting person of Schedule 13D row 14.
    package static let types = ["BD", "BK", "IC", "IV", "IA", "EP", "HC", "SA", "CP", "CO", "PN", "IN", "FI", "OO"]
    static let file = "persons.csv"
    fileprivate static var placeAside: WritableKeyPath<Aside, SourceLocation?> { \.location }
    /// The types' two bytes as one number each, in the order of `types`.
    private static let typeBytes = types.map { Array($0.utf8) }.map { UInt16($0[0]) << 8 | UInt16($0[1]) }

    /// The index of `type` in `types`; `UInt8.max` for another.
    package static func code(_ type: String) -> UInt8 {
        var u = type.utf8.makeIterator()
        guard let a = u.next(), let b = u.next(), u.next() == nil else { return .max }
        return code(a, b)
    }

    /// The index in `types` of the type of these two bytes; `UInt8.max` for another.
    package static func code(_ a: UInt8, _ b: UInt8) -> UInt8 {
        let key = UInt16(a) << 8 | UInt16(b)
        let table = typeBytes
        for i in table.indices where table[i] == key { return UInt8(i) }
        return .max
    }

    /// A person of the common shape, with nothing kept aside: a type of
    /// row 14 by its code, and its place on column 1 of `line` of persons.csv.
    package init?(id: String, name: String, kind: PersonKind, typeCode: UInt8, majorityRule: Bool, controlIntent: Bool, line: Int) {
        guard Int(typeCode) < Person.types.count, let line = Int32(exactly: line), line >= 0 else { return nil }
        (self.id, self.name, self.kind, self.typeCode, self.line, aside) = (id, name, kind, typeCode, line, nil)
        (self.majorityRule, self.controlIntent, reporting, filerType) = (majorityRule, controlIntent, nil, .thirteenD)
    }

    /// The fields kept aside; all blank for most persons.
    struct Aside: AsideFields {
        var citizenship: String?
        var roles: [ManagementRole] = []
        var address: String?
        var sourceOfFunds: [String] = []
        var citizenshipCode: String?
        /// The last day the person held its roles; nil: holds them still.
        var rolesUntil: CalendarDate?
        /// A type not in `Person.types`.
        var type: String?
        /// A place not on column 1 of `persons.csv`.
        var location: SourceLocation?
    }

    public init(id: String, name: String, kind: PersonKind, type: String, citizenship: String?, majorityRule: Bool,
                controlIntent: Bool, reporting: Bool? = nil, roles: [ManagementRole] = [], address: String? = nil,
                sourceOfFunds: [String] = [], citizenshipCode: String? = nil, location: SourceLocation,
                filerType: FilerType = .thirteenD) {
        (self.id, self.name, self.kind) = (id, name, kind)
        (self.majorityRule, self.controlIntent, self.reporting, self.filerType) = (majorityRule, controlIntent, reporting, filerType)
        (line, typeCode) = (-1, .max)
        change { $0 = Aside(citizenship: citizenship, roles: roles, address: address, sourceOfFunds: sourceOfFunds,
                            citizenshipCode: citizenshipCode) }
        self.type = type
        self.location = location
    }

    /// Type of reporting person (Schedule 13D row 14): `IN`, `PN`, `CO`, ….
    public var type: String {
        get { typeCode != .max ? Person.types[Int(typeCode)] : fields.type ?? "" }
        set {
            let code = Person.code(newValue)
            typeCode = keep(newValue, compact: code == .max ? nil : code, else: .max, aside: \.type)
        }
    }

    public var location: SourceLocation {
        get { place(line: line, file: Person.file) }
        set { line = keepPlace(newValue, file: Person.file) }
    }

    public var citizenship: String? {
        get { fields.citizenship }
        set { change { $0.citizenship = newValue } }
    }
    /// Director, officer, nominee, named executive officer. Format 1.1.
    public var roles: [ManagementRole] {
        get { fields.roles }
        set { change { $0.roles = newValue } }
    }
    public var address: String? {
        get { fields.address }
        set { change { $0.address = newValue } }
    }
    /// The last day the person held its `roles` (a former officer or
    /// director); nil while it holds them. Format 1.3.
    public var rolesUntil: CalendarDate? {
        get { fields.rolesUntil }
        set { change { $0.rolesUntil = newValue } }
    }

    /// Whether the person holds its roles on `date`.
    public func holdsRoles(on date: CalendarDate) -> Bool { rolesUntil.map { date <= $0 } ?? true }
    /// Schedule 13D row 4 codes (`WC`, `PF`, …). Format 1.1.
    public var sourceOfFunds: [String] {
        get { fields.sourceOfFunds }
        set { change { $0.sourceOfFunds = newValue } }
    }
    /// EDGAR's state or country code for row 6, given or derived from `citizenship`. Format 1.1.
    public var citizenshipCode: String? {
        get { fields.citizenshipCode }
        set { change { $0.citizenshipCode = newValue } }
    }

    /// The type of reporting person when none is given: `IN` for an individual, else `OO`.
    package static func defaultType(_ kind: PersonKind) -> String { kind == .individual ? "IN" : "OO" }
}

/// Voting or dispositive power over a lot.
public enum Power: Int, Comparable, Sendable, CaseIterable {
    case none = 0, shared = 1, sole = 2
    public static func < (a: Power, b: Power) -> Bool { a.rawValue < b.rawValue }

    /// The word of the input format (`voting`, `dispositive` columns).
    public var word: String {
        switch self {
        case .sole: return "sole"
        case .shared: return "shared"
        case .none: return "none"
        }
    }

    /// The words, strongest first, as a message lists them.
    package static let words: [(key: String, value: Power)] = allCases.reversed().map { ($0.word, $0) }

    /// The power a controller gets through a relation of power `relation`
    /// over a lot on which the controlled person has `self`.
    public func through(_ relation: Power) -> Power {
        switch (relation, self) {
        case (_, .none): return .none
        case (.sole, .sole): return .sole
        default: return .shared
        }
    }
}

/// Shares a person owns directly (`holdings.csv`); one row, one lot.
public struct Holding: Sendable {
    public var holder: Int
    public var classIndex: Int
    public var shares: Shares
    public var voting: Power
    public var dispositive: Power
    public var note: String?
    public var location: SourceLocation
    /// Of `shares`, those pledged as security (Item 403(b)). Format 1.3.
    public var pledged: Shares? = nil

    public init(holder: Int, classIndex: Int, shares: Shares, voting: Power, dispositive: Power, note: String?,
                location: SourceLocation, pledged: Shares? = nil) {
        (self.holder, self.classIndex, self.shares, self.voting, self.dispositive) = (holder, classIndex, shares, voting, dispositive)
        (self.note, self.location, self.pledged) = (note, location, pledged)
    }
}

public enum GrantKind: String, Sendable, CaseIterable { case option, warrant, rsu, right }

/// A vesting schedule: instalments every `everyMonths` from `start`, after a cliff.
public struct VestingSchedule: Sendable {
    public var start: CalendarDate
    public var months: Int
    public var cliffMonths: Int
    public var everyMonths: Int

    package init(start: CalendarDate, months: Int, cliffMonths: Int, everyMonths: Int) {
        (self.start, self.months, self.cliffMonths, self.everyMonths) = (start, months, cliffMonths, everyMonths)
    }

    /// What INPUTS.md rejects in a schedule's numbers: each problem's column
    /// and message; none for a schedule it accepts.
    package static func problems(months: Int, cliffMonths: Int, everyMonths: Int) -> [(column: String, message: String)] {
        if months == 0 { return [("vest_months", "vest_months must be at least 1")] }
        var problems: [(column: String, message: String)] = []
        if cliffMonths > months {
            problems.append(("cliff_months", "cliff_months \(cliffMonths) is longer than vest_months \(months)"))
        }
        if everyMonths == 0 { problems.append(("vest_every_months", "vest_every_months must be at least 1")) }
        return problems
    }
}

/// What INPUTS.md rejects in a right's dates: an option first exercisable
/// after it expires can never be exercised; a note's first payment before
/// its issue would pay interest for days before it existed. Each problem's
/// column and message; none for dates it accepts. One rule for every reading.
public enum DateOrder {
    public static func grant(exercisableFrom: CalendarDate?, expires: CalendarDate?) -> [(column: String, message: String)] {
        guard let from = exercisableFrom, let expires, from > expires else { return [] }
        return [("exercisable_from", "exercisable_from \(from) is after expires \(expires): the right can never be exercised")]
    }

    public static func note(issued: CalendarDate?, firstPayment: CalendarDate?) -> [(column: String, message: String)] {
        guard let issued, let first = firstPayment, first < issued else { return [] }
        return [("first_payment", "first_payment \(first) is before issued \(issued)")]
    }
}

/// An option, warrant, restricted stock unit or other right (`options.csv`).
public struct Grant: Sendable {
    public var id: String
    /// Nil for an aggregate line whose holders are not known one by one.
    public var holder: Int?
    public var kind: GrantKind
    public var classIndex: Int
    public var shares: Shares
    public var exercisePrice: Price?
    public var exercisableFrom: CalendarDate?
    public var expires: CalendarDate?
    public var vesting: VestingSchedule?
    public var cap: Percent?
    public var note: String?
    public var location: SourceLocation

    package init(id: String, holder: Int?, kind: GrantKind, classIndex: Int, shares: Shares, exercisePrice: Price?,
                 exercisableFrom: CalendarDate?, expires: CalendarDate?, vesting: VestingSchedule?, cap: Percent?,
                 note: String?, location: SourceLocation) {
        (self.id, self.holder, self.kind, self.classIndex, self.shares) = (id, holder, kind, classIndex, shares)
        (self.exercisePrice, self.exercisableFrom, self.expires, self.vesting) = (exercisePrice, exercisableFrom, expires, vesting)
        (self.cap, self.note, self.location) = (cap, note, location)
    }
}

public enum ConvertibleKind: String, Sendable, CaseIterable { case note, preferred }
public enum InterestKind: String, Sendable, CaseIterable { case none, simple, pik }
public enum DayCount: String, Sendable, CaseIterable {
    case thirty360 = "30/360", actual365 = "actual/365", actual360 = "actual/360"
}

/// A note or a lot of convertible preferred (`convertibles.csv`).
///
/// Kept in 160 bytes rather than 400, for a book of hundreds of thousands:
/// fractions whose terms fit in 64 bits as two words, a principal in 64-bit
/// cents, PIK months as a set of twelve bits, a place on column 1 of
/// `convertibles.csv` as its line. Anything else, and the rarely given note
/// and carried adjustment, is kept aside in a shared box.
public struct Convertible: Sendable, KeepsAside {
    public var id: String
    fileprivate var aside: Frozen<Aside>?
    /// Units; -1: none.
    private var storedUnits: Int
    /// The principal in cents; `Int64.min`: none, or aside.
    private var cents: Int64
    private var price: Terms, ratio: Terms, storedRate: Terms, storedCap: Terms
    public var issued: CalendarDate?
    public var convertibleFrom: CalendarDate?
    public var maturity: CalendarDate?
    public var firstPayment: CalendarDate?
    private var storedHolder: Int32, storedClass: Int32
    /// The line of `convertibles.csv`, at column 1; -1: the place is aside.
    private var line: Int32
    /// Bit m for month m; `Convertible.pikAside`: the months are aside.
    private var pik: UInt16
    public var kind: ConvertibleKind
    public var interest: InterestKind
    public var dayCount: DayCount
    public var convertsInterest: Bool
    /// Conversion price adjusted for shares issued below it (`weighted_average`). Format 1.2.
    public var weightedAverageAntiDilution: Bool

    static let file = "convertibles.csv"
    fileprivate static var placeAside: WritableKeyPath<Aside, SourceLocation?> { \.location }
    static let pikAside: UInt16 = 1 << 15

    /// A fraction's terms when both fit in 64 bits; a denominator of 0 for
    /// none, of -1 for a fraction kept aside.
    struct Terms: Sendable {
        var numerator: Int64, denominator: Int64
        static let none = Terms(numerator: 0, denominator: 0)
        static let aside = Terms(numerator: 0, denominator: -1)

        init(numerator: Int64, denominator: Int64) { (self.numerator, self.denominator) = (numerator, denominator) }

        init(_ f: Fraction?) {
            guard let f else { self = .none; return }
            guard let n = Int64(exactly: f.numerator), let d = Int64(exactly: f.denominator) else { self = .aside; return }
            self.init(numerator: n, denominator: d)
        }

        /// The fraction; nil for none; `aside` for one kept aside.
        func fraction(_ aside: @autoclosure () -> Fraction?) -> Fraction? {
            switch denominator {
            case 0: return nil
            case -1: return aside()
            default: return Fraction(lowestTerms: Int128(numerator), Int128(denominator))
            }
        }
    }

    /// What does not fit the fields above.
    struct Aside: AsideFields {
        var principal: Money?
        var price: Fraction?, ratio: Fraction?, rate: Fraction?, cap: Fraction?
        var pikMonths: [Int]?
        var note: String?
        var location: SourceLocation?
        var carriedAdjustment = Fraction.zero
    }

    public init(id: String, holder: Int, kind: ConvertibleKind, classIndex: Int, principal: Money?, conversionPrice: Price?,
                units: Shares?, conversionRatio: Fraction?, issued: CalendarDate?, convertibleFrom: CalendarDate?,
                maturity: CalendarDate?, rate: Percent, interest: InterestKind, dayCount: DayCount, pikMonths: [Int],
                firstPayment: CalendarDate?, convertsInterest: Bool, cap: Percent?, note: String?, location: SourceLocation,
                weightedAverageAntiDilution: Bool = false, carriedAdjustment: Fraction = .zero) {
        self.id = id
        (storedUnits, cents, price, ratio, storedRate, storedCap) = (-1, .min, .none, .none, .none, .none)
        (self.issued, self.convertibleFrom, self.maturity, self.firstPayment) = (issued, convertibleFrom, maturity, firstPayment)
        (storedHolder, storedClass, line, pik) = (0, 0, -1, 0)
        (self.kind, self.interest, self.dayCount) = (kind, interest, dayCount)
        (self.convertsInterest, self.weightedAverageAntiDilution) = (convertsInterest, weightedAverageAntiDilution)
        (self.holder, self.classIndex, self.principal, self.conversionPrice) = (holder, classIndex, principal, conversionPrice)
        (self.units, self.conversionRatio, self.rate, self.pikMonths) = (units, conversionRatio, rate, pikMonths)
        (self.cap, self.note, self.location, self.carriedAdjustment) = (cap, note, location, carriedAdjustment)
    }

    /// A fraction's terms, or `Terms.aside` with the fraction kept aside at `field` when they do not fit.
    private mutating func keep(_ f: Fraction?, aside field: WritableKeyPath<Aside, Fraction?>) -> Terms {
        let t = Terms(f)
        return keep(f, compact: t.denominator == -1 ? nil : t, else: .aside, aside: field)
    }

    public var holder: Int {
        get { Int(storedHolder) }
        set { storedHolder = Convertible.narrow(newValue) }
    }
    public var classIndex: Int {
        get { Int(storedClass) }
        set { storedClass = Convertible.narrow(newValue) }
    }

    private static func narrow(_ index: Int) -> Int32 {
        guard let n = Int32(exactly: index) else { preconditionFailure("more persons or classes than 2^31") }
        return n
    }

    public var principal: Money? {
        get { cents != .min ? Money(cents: Int128(cents)) : fields.principal }
        set {
            let c = newValue.flatMap { Int64(exactly: $0.cents) }.flatMap { $0 == .min ? nil : $0 }
            cents = keep(newValue, compact: c, else: .min, aside: \.principal)
        }
    }
    public var conversionPrice: Price? {
        get { price.fraction(fields.price).map { Price(dollars: $0) } }
        set { price = keep(newValue?.dollars, aside: \.price) }
    }
    public var units: Shares? {
        get { storedUnits >= 0 ? Shares(storedUnits) : nil }
        set {
            precondition(newValue.map { $0.count >= 0 } ?? true, "negative units")
            storedUnits = newValue?.count ?? -1
        }
    }
    public var conversionRatio: Fraction? {
        get { ratio.fraction(fields.ratio) }
        set { ratio = keep(newValue, aside: \.ratio) }
    }
    /// Annual rate in percent.
    public var rate: Percent {
        get { Percent(storedRate.fraction(fields.rate) ?? .zero) }
        set { storedRate = keep(newValue.value, aside: \.rate) }
    }
    public var cap: Percent? {
        get { storedCap.fraction(fields.cap).map(Percent.init) }
        set { storedCap = keep(newValue?.value, aside: \.cap) }
    }
    public var pikMonths: [Int] {
        get { pik == Convertible.pikAside ? fields.pikMonths ?? [] : (1...12).filter { pik & 1 << $0 != 0 } }
        set {
            let bits = newValue.reduce(UInt16(0)) { (1...12).contains($1) ? $0 | 1 << $1 : Convertible.pikAside }
            let compact = bits != Convertible.pikAside && (1...12).filter({ bits & 1 << $0 != 0 }) == newValue
            pik = keep(newValue, compact: compact ? bits : nil, else: Convertible.pikAside, aside: \.pikMonths)
        }
    }
    public var note: String? {
        get { fields.note }
        set { change { $0.note = newValue } }
    }
    public var location: SourceLocation {
        get { place(line: line, file: Convertible.file) }
        set { line = keepPlace(newValue, file: Convertible.file) }
    }
    /// An adjustment of less than $.01, carried forward to the next one.
    public var carriedAdjustment: Fraction {
        get { fields.carriedAdjustment }
        set { change { $0.carriedAdjustment = newValue } }
    }
}

/// Fields shared by copies of a value, so never changed: a change makes a new box.
/// Boxes of persons' fields kept aside that hold a citizenship and its
/// code only, one for each citizenship met, up to `limit`: most persons of a
/// book give only a citizenship, from a short list, and share its box rather
/// than each keeping one (85,000 boxes of about 190 bytes in the scale-1 book).
package struct SharedAsides {
    package init() {}
    /// Past this many citizenships, a box is kept by its person alone.
    static let limit = 1_024
    fileprivate var boxes: [String: Frozen<Person.Aside>] = [:]
}

extension Person {
    /// Gives a person who keeps nothing aside yet its `citizenship` and the
    /// EDGAR `code` derived from it, in the box of `shared` that holds them.
    package mutating func setCitizenship(_ citizenship: String, code: @autoclosure () -> String?, sharing shared: inout SharedAsides) {
        if let box = shared.boxes[citizenship] { aside = box; return }
        change { $0.citizenship = citizenship; $0.citizenshipCode = code() }
        if shared.boxes.count < SharedAsides.limit { shared.boxes[citizenship] = aside }
    }
}

final class Frozen<Fields: Sendable>: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
}

/// The fields a record keeps aside: all blank when made.
fileprivate protocol AsideFields: Equatable, Sendable {
    init()
}

/// A record that keeps its rarely given fields, and the values that do not
/// fit its compact fields, in a shared box: nil when there are none.
fileprivate protocol KeepsAside {
    associatedtype Aside: AsideFields
    var aside: Frozen<Aside>? { get set }
    /// Where a place that is not column 1 of the record's file is kept.
    /// Given by each record, where the key path is a constant: one written
    /// in this generic code would be worked out anew, slowly, on every use.
    static var placeAside: WritableKeyPath<Aside, SourceLocation?> { get }
}

extension KeepsAside {
    /// The fields kept aside; blank when there are none.
    var fields: Aside { aside?.fields ?? Aside() }

    /// Changes the fields kept aside; the box goes when they are all blank.
    mutating func change(_ edit: (inout Aside) -> Void) {
        var fields = self.fields
        edit(&fields)
        aside = fields == Aside() ? nil : Frozen(fields)
    }

    /// What to store for `value`: its compact form, or, when it has none,
    /// `sentinel`, with the value kept aside at `field`. An aside copy left
    /// from before is cleared.
    mutating func keep<Value, Compact>(_ value: Value?, compact: Compact?, else sentinel: Compact,
                                       aside field: WritableKeyPath<Aside, Value?>) -> Compact {
        let needsAside = value != nil && compact == nil
        // Most records have no box: nothing to look up or clear.
        if needsAside || (aside?.fields[keyPath: field]).flatMap({ $0 }) != nil {
            change { $0[keyPath: field] = needsAside ? value : nil }
        }
        return compact ?? sentinel
    }

    /// The line to store for a place: its line when it is column 1 of
    /// `file` and fits, else -1 with the place kept aside.
    mutating func keepPlace(_ place: SourceLocation, file: String) -> Int32 {
        let line = place.file == file && place.column == 1 ? Int32(exactly: place.line) : nil
        return keep(place, compact: line, else: -1, aside: Self.placeAside)
    }

    /// The place stored as `line` of `file`, or kept aside.
    func place(line: Int32, file: String) -> SourceLocation {
        line >= 0 ? SourceLocation(file: file, line: Int(line), column: 1) : fields[keyPath: Self.placeAside]!
    }
}

public enum ControlRole: String, Sendable, CaseIterable {
    case generalPartner = "general_partner", managingMember = "managing_member"
    case investmentAdviser = "investment_adviser", trustee, parent, director, officer, principal, other
}

/// One person's control of another (`relations.csv`).
public struct ControlRelation: Sendable {
    public var controller: Int
    public var controlled: Int
    public var role: ControlRole
    public var voting: Power
    public var dispositive: Power
    /// The controller disclaims beneficial ownership (Rule 13d-4) and its
    /// rows 7 to 11 leave out what it is attributed only through this
    /// relation (`disclaims = yes`). Its thresholds still count it.
    public var disclaims: Bool
    public var note: String?
    public var location: SourceLocation
    /// The controller states a disclaimer in words, the shares kept in
    /// every row (`disclaims = statement`). Format 1.3.
    public var statesDisclaimer: Bool = false

    public init(controller: Int, controlled: Int, role: ControlRole, voting: Power, dispositive: Power, disclaims: Bool,
                note: String?, location: SourceLocation, statesDisclaimer: Bool = false) {
        (self.controller, self.controlled, self.role, self.voting, self.dispositive) = (controller, controlled, role, voting, dispositive)
        (self.disclaims, self.note, self.location, self.statesDisclaimer) = (disclaims, note, location, statesDisclaimer)
    }

    /// `disclaims = statement` in relations.csv; the column's other values are a flag.
    public static let statementWord = "statement"
}

/// Membership of a group under Rule 13d-5(b) (`groups.csv`).
public struct GroupMembership: Sendable {
    public var group: Int
    public var member: Int
    public var location: SourceLocation

    package init(group: Int, member: Int, location: SourceLocation) {
        (self.group, self.member, self.location) = (group, member, location)
    }
}

/// One ownership case: everything read from a case directory.
public struct Case: Sendable {
    public var classes: [ShareClass] = []
    public var persons: [Person] = []
    public var holdings = HoldingTable()
    public var grants = GrantTable()
    public var convertibles: [Convertible] = []
    public var relations: [ControlRelation] = []
    public var memberships: [GroupMembership] = []
    /// Business days for interest payments and maturities.
    public var calendar: BusinessCalendar = .federal
    /// The files read, in the order read.
    public var files: [String] = []
    /// The events of transactions.csv, by date (file order within a date).
    public var events: [LedgerEvent] = []
    /// The SEC's business days, for filing deadlines: the federal holidays
    /// and the closures of filing_closures.csv (never holidays.csv).
    public var filingCalendar: BusinessCalendar = .federal
    /// The Schedules 13D and 13G already filed (filings.csv).
    public var filings: [Filing] = []
    /// What an EDGAR submission needs beyond the figures (filer.csv). Format 1.4.
    public var filer: FilerInfo?

    public init() {}

    public func personIndex(_ id: String) -> Int? { persons.firstIndex { $0.id == id } }
    public func classIndex(_ id: String) -> Int? { classes.firstIndex { $0.id == id } }

    /// Shares outstanding: the issuer's figure, or the holdings' sum for a full ledger.
    public func sharesOutstanding(classIndex c: Int, index: ClassIndex? = nil) -> Shares {
        if let reported = classes[c].reportedOutstanding { return reported }
        if let index { return Shares(index.holdings[c].reduce(0) { $0 + holdings.shareCount(Int($1)) }) }
        return Shares(holdings.indices.reduce(0) { holdings.classIndex($1) == c ? $0 + holdings.shareCount($1) : $0 })
    }
}

/// The EDGAR form types of a beneficial-ownership report.
public enum FilingForm: String, Sendable, CaseIterable {
    case schedule13D = "13D", amendment13D = "13D/A", schedule13G = "13G", amendment13G = "13G/A"

    /// A Schedule 13D or its amendment.
    public var isThirteenD: Bool { self == .schedule13D || self == .amendment13D }

    /// `Schedule 13D`, `Schedule 13G/A`, ….
    public var title: String { "Schedule " + rawValue }
}

/// A Schedule 13D or 13G filed (`filings.csv`). Format 1.3.
public struct Filing: Sendable {
    public var person: Int
    public var classIndex: Int
    public var form: FilingForm
    public var filed: CalendarDate
    /// The date of the event that required the filing (the cover page's).
    public var eventDate: CalendarDate
    /// The aggregate (row 9 or 11) and percent (row 11 or 13) reported.
    public var shares: Shares?
    public var percent: Percent?
    public var accession: String?
    public var location: SourceLocation

    public init(person: Int, classIndex: Int, form: FilingForm, filed: CalendarDate, eventDate: CalendarDate,
                shares: Shares?, percent: Percent?, accession: String?, location: SourceLocation) {
        (self.person, self.classIndex, self.form, self.filed, self.eventDate) = (person, classIndex, form, filed, eventDate)
        (self.shares, self.percent, self.accession, self.location) = (shares, percent, accession, location)
    }
}
