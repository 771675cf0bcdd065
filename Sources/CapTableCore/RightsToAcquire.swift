import CSVReading
import RawMemory

/// What kind of instrument gives a right to acquire shares.
public enum InstrumentKind: String, Sendable {
    case option, warrant, rsu, right, note, preferred
}

/// One instrument's right to acquire shares of a class, valued on a date.
///
/// The cap table counts `outstandingShares`; beneficial ownership counts
/// `acquirableWithin60Days` (Rule 13d-3(d)(1)(i)).
public struct RightToAcquire: Sendable {
    public var id: String
    public var kind: InstrumentKind
    /// Nil for an aggregate line of unnamed holders.
    public var holder: Int?
    public var classIndex: Int
    /// Shares under the instrument on the date: every option share vested or
    /// not, a convertible as converted; zero once expired or matured.
    public var outstandingShares: Shares
    /// Shares the holder can acquire on or before the date plus 60 days.
    public var acquirableWithin60Days: Shares
    /// A blocker's cap, if any.
    public var cap: Percent?
    /// False once expired, matured, or not yet issued: it then counts for nothing.
    public var isOutstanding: Bool
}

/// The 60-day window of Rule 13d-3(d)(1)(i).
public enum AcquisitionWindow {
    public static let days = 60
    public static func end(asOf: CalendarDate) -> CalendarDate { asOf.adding(days: days) }
}

extension Grant {
    /// The grant on `asOf`.
    ///
    /// Within the window it counts the shares exercisable (or, for an RSU,
    /// settled) by the window's end: vesting measured at the earlier of the
    /// window's end and expiry, nothing if not exercisable by the window's end.
    /// A holder with control intent counts every share of an unexpired right.
    public func right(asOf: CalendarDate, controlIntent: Bool) -> RightToAcquire {
        Grant.right(id: id, kind: kind, holder: holder, classIndex: classIndex, shares: shares, exercisableFrom: exercisableFrom,
                    expires: expires, vesting: vesting, cap: cap, asOf: asOf, controlIntent: controlIntent)
    }

    /// `right(asOf:controlIntent:)` of a grant of these terms.
    static func right(id: String, kind: GrantKind, holder: Int?, classIndex: Int, shares: Shares, exercisableFrom: CalendarDate?,
                      expires: CalendarDate?, vesting: VestingSchedule?, cap: Percent?,
                      asOf: CalendarDate, controlIntent: Bool) -> RightToAcquire {
        let windowEnd = AcquisitionWindow.end(asOf: asOf)
        let outstanding = expires.map { asOf <= $0 } ?? true
        var acquirable = Shares.zero
        if outstanding {
            if controlIntent {
                acquirable = shares
            } else if exercisableFrom.map({ $0 <= windowEnd }) ?? true {
                let measured = min(windowEnd, expires ?? windowEnd)
                acquirable = vesting.map { $0.vested(shares, on: measured) } ?? shares
            }
        }
        let instrument: InstrumentKind = switch kind {
        case .option: .option
        case .warrant: .warrant
        case .rsu: .rsu
        case .right: .right
        }
        return RightToAcquire(id: id, kind: instrument, holder: holder, classIndex: classIndex,
                              outstandingShares: outstanding ? shares : .zero,
                              acquirableWithin60Days: acquirable, cap: cap, isOutstanding: outstanding)
    }
}

extension Convertible {
    /// The instrument on `asOf`, valued at `asOf`; convertible within the
    /// window unless `convertibleFrom` falls after it (control intent: at once).
    public func right(asOf: CalendarDate, controlIntent: Bool, calendar: BusinessCalendar) -> RightToAcquire {
        let outstanding = isOutstanding(on: asOf, calendar: calendar)
        let converted = sharesOnConversion(on: asOf, calendar: calendar)
        let inWindow = controlIntent || (convertibleFrom.map { $0 <= AcquisitionWindow.end(asOf: asOf) } ?? true)
        return RightToAcquire(id: id, kind: kind == .note ? .note : .preferred, holder: holder, classIndex: classIndex,
                              outstandingShares: converted, acquirableWithin60Days: inWindow ? converted : .zero,
                              cap: cap, isOutstanding: outstanding)
    }
}

extension Case {
    /// Every right to acquire shares of the class, valued on `asOf`, in file
    /// order (options.csv, then convertibles.csv). The holder's
    /// `control_intent` decides whether a right counts at once.
    ///
    /// `withIntent`: every right valued as if its holder had control intent
    /// (what a controller with control intent counts of the rights of those
    /// it controls: Rule 13d-3(d)(1)(i), "directly or indirectly").
    public func rightsToAcquire(classIndex c: Int, asOf: CalendarDate, index: ClassIndex? = nil,
                                withIntent: Bool = false) -> [RightToAcquire] {
        // Read in place, by index: a class's instruments are not copied out first.
        var rights: [RightToAcquire] = []
        let grantIndices = index.map { $0.grants[c].lazy.map(Int.init) }.map(Array.init) ?? grants.indices.filter { grants[$0].classIndex == c }
        let noteIndices = convertibleIndices(ofClass: c, index: index)
        rights.reserveCapacity(grantIndices.count + noteIndices.count)
        // The holder's intent from the index's bits where there is an index.
        func intent(_ p: Int) -> Bool { withIntent || (index?.hasIntent(p) ?? persons[p].controlIntent) }
        for (k, i) in grantIndices.enumerated() {
            // Fetched ahead: the grant eight on.
            if k + 8 < grantIndices.count { grants.prefetch(grantIndices[k + 8]) }
            rights.append(grants.right(i, asOf: asOf, controlIntent: grants.holder(i).map(intent) ?? withIntent))
        }
        for i in noteIndices {
            rights.append(convertibles[i].right(asOf: asOf, controlIntent: intent(convertibles[i].holder),
                                                calendar: calendar))
        }
        return rights
    }

    /// Where the class's notes and preferred lots are in `convertibles`, in
    /// file order, by the index when there is one: each is then read in
    /// place, not copied out (a note's terms are some hundred bytes).
    func convertibleIndices(ofClass c: Int, index: ClassIndex?) -> [Int] {
        index.map { $0.convertibles[c].map(Int.init) } ?? convertibles.indices.filter { convertibles[$0].classIndex == c }
    }
}

extension Case {
    /// Figures the calculator cannot give exactly on `asOf` within its limits
    /// (10^15 shares or dollars): a note or preferred lot converting into
    /// more, or a class's rights adding up to more. Reported as input errors.
    public func limitProblems(classIndex c: Int, asOf: CalendarDate, index: ClassIndex? = nil) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var total = Int128(0)
        for i in convertibleIndices(ofClass: c, index: index) {
            guard let shares = convertibles[i].conversionShares(on: asOf, calendar: calendar) else {
                let n = convertibles[i]
                problems.append(Diagnostic(n.location, "\(n.kind.rawValue) \"\(n.id)\" converts on \(asOf) into more than 10^15 shares, or its amount grows past $10^15"))
                continue
            }
            total += shares
        }
        if problems.isEmpty && total > Int128(ValueParser.maximumWholeNumber) {
            problems.append(Diagnostic(classes[c].location, "the convertibles of class \"\(classes[c].id)\" convert on \(asOf) into more than 10^15 shares"))
        }
        return problems
    }
}
