import CapTableCore

/// Something that happened to a position between two dates, with the filing it calls for.
public struct OwnershipEvent: Sendable {
    public enum Kind: Sendable, Equatable {
        case crossedAbove(Threshold)
        case crossedBelow(Threshold)
        /// Shares acquired (positive) or disposed of (negative) since the last count: 1% of the class or more.
        case materialChange(shares: Int)
        /// A passive investor over 10%: a change of more than 5 percentage points since the last report.
        case percentChange(points: Fraction)
    }

    public var date: CalendarDate
    public var person: Int
    public var kind: Kind
    public var aggregate: Shares
    public var percent: PercentOfClass
    /// What is due: `Schedule 13D`, `Schedule 13D amendment`, …; nil when nothing is.
    public var filing: String?
    public var due: CalendarDate?
    /// The rule that sets the deadline.
    public var rule: String?
}

/// A person's or group's position on the two dates and the events between them.
public struct PositionChange: Sendable {
    public var person: Int
    public var before: OwnershipRow?
    public var after: OwnershipRow?
    public var events: [OwnershipEvent]
}

/// Day-by-day monitoring of positions (every figure recomputed on each day,
/// the ledger replayed to it).
public enum Monitoring {
    /// The positions on `from` and `to`, and every event on the days after
    /// `from` through `to`.
    ///
    /// - Complexity: one computation of the class per day of the range.
    public static func changes(_ c: Case, classIndex k: Int, from: CalendarDate, to: CalendarDate) -> [PositionChange] {
        func compute(_ d: CalendarDate) -> ClassOwnership {
            BeneficialOwnership.compute(c.replayed(through: d), classIndex: k, asOf: d)
        }
        let first = compute(from)
        var previous: [Int: OwnershipRow] = Dictionary(uniqueKeysWithValues: first.rows.map { ($0.person, $0) })
        // Rule 13d-2(a): acquisitions and dispositions are counted in shares from the
        // last filing (here: the start, or the last 1% event), never from the percent.
        var counted: [Int: Shares] = previous.mapValues(\.aggregate)
        var events: [Int: [OwnershipEvent]] = [:]
        // Rule 13d-2(d): a passive investor over 10% reports each change of more than 5 points.
        var reported: [Int: Fraction] = [:]
        for row in first.rows where c.persons[row.person].filerType == .passive && Threshold.tenPercent.isCrossed(by: row.percentOfClass) {
            reported[row.person] = row.percentOfClass.percent
        }
        var day = from
        var last = first
        while day < to {
            day = day.adding(days: 1)
            let o = compute(day)
            last = o
            var now: [Int: OwnershipRow] = [:]
            for row in o.rows { now[row.person] = row }
            for p in Set(now.keys).union(previous.keys) {
                let was = previous[p]?.percentOfClass ?? PercentOfClass(shares: .zero, denominator: o.sharesOutstanding)
                let row = now[p] ?? OwnershipRow(person: p, isGroup: c.persons[p].kind == .group, groups: [], denominator: o.sharesOutstanding)
                let pct = row.percentOfClass
                for t in Threshold.standard {
                    let (before, after) = (t.isCrossed(by: was), t.isCrossed(by: pct))
                    guard before != after else { continue }
                    events[p, default: []].append(event(c, p, day, after ? .crossedAbove(t) : .crossedBelow(t), row))
                    if t == .tenPercent, after, c.persons[p].filerType == .passive { reported[p] = pct.percent }
                }
                if let last = reported[p], Threshold.tenPercent.isCrossed(by: was) {
                    let points = pct.percent - last
                    if points > Fraction(5) || points < Fraction(-5) {
                        events[p, default: []].append(event(c, p, day, .percentChange(points: points), row))
                        reported[p] = pct.percent
                    }
                }
                // Counting starts again on crossing above 5% (the initial filing reports it);
                // a 1% change matters to one already over 5% the day before.
                if !Threshold.fivePercent.isCrossed(by: was) {
                    counted[p] = row.aggregate
                    continue
                }
                let change = row.aggregate.count - (counted[p]?.count ?? 0)
                if Int128(change.magnitude) * 100 >= Int128(o.sharesOutstanding.count), o.sharesOutstanding.count > 0 {
                    events[p, default: []].append(event(c, p, day, .materialChange(shares: change), row))
                    counted[p] = row.aggregate
                }
            }
            previous = now
        }
        let persons = Set(first.rows.map(\.person)).union(last.rows.map(\.person))
        return c.persons.indices.filter { persons.contains($0) }.map { p in
            PositionChange(person: p, before: first.row(of: p), after: last.row(of: p), events: events[p] ?? [])
        }
    }

    static func event(_ c: Case, _ p: Int, _ day: CalendarDate, _ kind: OwnershipEvent.Kind, _ row: OwnershipRow) -> OwnershipEvent {
        var e = OwnershipEvent(date: day, person: p, kind: kind, aggregate: row.aggregate, percent: row.percentOfClass)
        (e.filing, e.due, e.rule) = deadline(c.persons[p].filerType, kind, day, row.percentOfClass, c.calendar)
        return e
    }

    /// What each event calls for and by when (business days: federal holidays or holidays.csv).
    static func deadline(_ filer: FilerType, _ kind: OwnershipEvent.Kind, _ day: CalendarDate, _ pct: PercentOfClass,
                         _ calendar: BusinessCalendar) -> (String?, CalendarDate?, String?) {
        let quarterEnd = CalendarDate.lastDay(ofMonth: ((day.month - 1) / 3 + 1) * 3, year: day.year)
        let monthEnd = CalendarDate.lastDay(ofMonth: day.month, year: day.year)
        switch (kind, filer) {
        case (.crossedAbove(Threshold.fivePercent), .thirteenD):
            return ("Schedule 13D", calendar.businessDays(5, after: day), "Rule 13d-1(a): within 5 business days after the acquisition")
        case (.crossedAbove(Threshold.fivePercent), .passive):
            return ("Schedule 13G", calendar.businessDays(5, after: day), "Rule 13d-1(c): within 5 business days after the acquisition")
        case (.crossedAbove(Threshold.fivePercent), .qii), (.crossedAbove(Threshold.fivePercent), .exempt):
            return ("Schedule 13G", calendar.onOrAfter(quarterEnd.adding(days: 45)),
                    filer == .qii ? "Rule 13d-1(b)(1)(ii): within 45 days after the end of the calendar quarter"
                                  : "Rule 13d-1(d): within 45 days after the end of the calendar quarter")
        case (.crossedAbove(Threshold.tenPercent), .qii):
            return ("Schedule 13G amendment", calendar.businessDays(5, after: monthEnd),
                    "Rule 13d-2(c): over 10% at the end of a month, within 5 business days after the month's end")
        case (.percentChange, .passive):
            return ("Schedule 13G amendment", calendar.businessDays(2, after: day),
                    "Rule 13d-2(d): over 10%, a change of more than 5 percentage points, within 2 business days")
        case (.crossedAbove(Threshold.tenPercent), .passive):
            return ("Schedule 13G amendment", calendar.businessDays(2, after: day),
                    "Rule 13d-2(d): over 10%, then each change of more than 5%, within 2 business days")
        case (.materialChange, .thirteenD) where Threshold.fivePercent.isCrossed(by: pct):
            return ("Schedule 13D amendment", calendar.businessDays(2, after: day),
                    "Rule 13d-2(a): a material change (1% of the class acquired or disposed of), within 2 business days")
        case (.crossedBelow(Threshold.fivePercent), .thirteenD):
            return ("Schedule 13D amendment", calendar.businessDays(2, after: day),
                    "Rule 13d-2(a): ceasing to own more than 5%, within 2 business days")
        case (.crossedBelow(Threshold.fivePercent), _):
            return ("Schedule 13G amendment", calendar.onOrAfter(quarterEnd.adding(days: 45)),
                    "Rule 13d-2(b): within 45 days after the end of the calendar quarter")
        default:
            return (nil, nil, nil)
        }
    }
}
