import CapTableCore

/// A Schedule 13D or 13G that a person must file, or a change the rules
/// attach no filing to that a filer must know of (`filing` nil).
public struct Obligation: Sendable {
    public enum Status: String, Sendable {
        /// filings.csv has the filing, made by its due date.
        case filed
        /// filings.csv has the filing, made after its due date.
        case filedLate = "filed late"
        /// Not in filings.csv; the due date is on or after the status date.
        case due
        /// Not in filings.csv; the due date has passed.
        case overdue
        /// Nothing to file.
        case none = "-"
    }

    public var classIndex: Int
    public var person: Int
    public var filerType: FilerType
    public var triggerDate: CalendarDate
    /// What happened, in words.
    public var trigger: String
    public var filing: FilingForm?
    public var due: CalendarDate?
    /// The rule that calls for the filing and sets its deadline.
    public var rule: String
    public var status: Status
    /// What the person beneficially owns on the trigger date (disclaimed shares included).
    public var shares: Shares
    public var percent: PercentOfClass
    /// A condition that follows the filing (13d-1(e)(2), (f)(2)'s cooling-off).
    public var note: String?
}

/// Who must file what, and by when, under Regulation 13D-G
/// (17 CFR 240.13d-1 and 240.13d-2), day by day over a range of dates.
///
/// Each person and group is followed as a state: nothing on file, on
/// Schedule 13D, or on Schedule 13G; with the figures of its last filing
/// (from filings.csv, or those of the obligations found here, each taken
/// as filed with the figures of its trigger date), from which the 1% and
/// five-point tests count. Only the days on which a figure can change, and
/// the month and quarter ends the rules test on, are computed; a change
/// between two of them (interest accruing) is dated by bisection.
///
/// Deadlines count the SEC's business days (`Case.filingCalendar`): a
/// deadline on a Saturday, Sunday or federal holiday moves to the next
/// business day (Rule 0-3(a)). The rules' texts are quoted in docs/rules.md.
public enum Obligations {
    /// The obligations of one class triggered after `from` through `to`,
    /// with the figures on both dates. `statusDate`: the day each unfiled
    /// obligation is judged due or overdue.
    ///
    /// `attributor`: the case's, shared by every class, when the case has no
    /// ledger (it is the same on every date); made here when not given.
    ///
    /// `positions` false: the evaluation's `first` and `last` keep no rows or
    /// lots (a book's classes evaluated together need not hold them all).
    public static func evaluate(_ c: Case, classIndex k: Int, from: CalendarDate, to: CalendarDate,
                                statusDate: CalendarDate, attributor: Attributor? = nil, positions: Bool = true,
                                everyDay: Bool = false) -> Evaluation {
        var engine = Engine(c, classIndex: k, from: from, attributor: attributor)
        // Rule 13d-1(i): a class of non-voting securities is no "equity security" of Regulation 13D-G.
        guard c.classes[k].voting else {
            return Evaluation(first: engine.first, last: engine.compute(to).ownership, obligations: [], crossings: [], nonVoting: true)
        }
        // `everyDay`: every day computed, nothing passed over (what the tests compare the rest with).
        let days = everyDay ? (from.dayNumber + 1...max(from.dayNumber + 1, to.dayNumber)).map(CalendarDate.init(dayNumber:)).filter { $0 <= to }
            : c.changeDays(classIndex: k, from: from, to: to, index: engine.single?.index).filter { $0 > from }
        var last = engine.first
        var previous = (day: from, figures: engine.firstDay)
        // Without a ledger, a day that is no month's end changes rights alone: one on which no
        // person can cross a line or reach a filing, whatever those changes do to it, is passed over.
        let skipping = !everyDay && (engine.single.map { !$0.intentThroughControl } ?? false)
        func rightShares(_ day: CalendarDate) -> [Int] {
            c.rightsToAcquire(classIndex: k, asOf: day, index: engine.single?.index).map { $0.isOutstanding ? $0.acquirableWithin60Days.count : 0 }
        }
        var previousRights = skipping ? rightShares(from) : []
        for day in days {
            if skipping && day != to && day != CalendarDate.lastDay(ofMonth: day.month, year: day.year) {
                let rights = rightShares(day)
                let moved = zip(rights, previousRights).reduce(0) { $0 + abs($1.0 - $1.1) }
                if engine.quiet(previous.figures, moved: moved) { continue }
                previousRights = rights
            } else if skipping {
                previousRights = rightShares(day)
            }
            let computed = engine.compute(day)
            if day == to { last = computed.ownership }
            let now = computed.day
            // A trigger between two computed days (interest accruing): its first day, by bisection.
            while day.dayNumber - previous.day.dayNumber > 1, engine.triggers(previous.figures, now, on: day, periodic: false) {
                var lo = previous.day.dayNumber + 1, hi = day.dayNumber
                while lo < hi {
                    let mid = (lo + hi) / 2
                    let f = engine.compute(CalendarDate(dayNumber: mid)).day
                    if engine.triggers(previous.figures, f, on: CalendarDate(dayNumber: mid), periodic: false) { hi = mid } else { lo = mid + 1 }
                }
                guard lo < day.dayNumber else { break }
                let first = CalendarDate(dayNumber: lo)
                let f = engine.compute(first).day
                engine.step(previous.figures, f, on: first, periodic: false)
                previous = (first, f)
            }
            engine.step(previous.figures, now, on: day, periodic: true)
            previous = (day, now)
        }
        var found = engine.found.sorted { ($0.triggerDate, $0.person) < ($1.triggerDate, $1.person) }
        for i in found.indices { found[i].status = status(of: found[i], c, on: statusDate) }
        var (first, final) = (engine.first, to == from ? engine.first : last)
        if !positions {
            for i in [0, 1] {
                var o = i == 0 ? first : final
                (o.lots, o.rows) = ([], [])
                if i == 0 { first = o } else { final = o }
            }
        }
        return Evaluation(first: first, last: final, obligations: found,
                          crossings: engine.crossings.sorted { ($0.triggerDate, $0.person) < ($1.triggerDate, $1.person) },
                          nonVoting: false)
    }

    public struct Evaluation: Sendable {
        public var first: ClassOwnership
        public var last: ClassOwnership
        public var obligations: [Obligation]
        /// Lines crossed that call for no filing of their own.
        public var crossings: [Obligation]
        /// The class is non-voting: nothing is due under Regulation 13D-G (Rule 13d-1(i)).
        public var nonVoting: Bool
    }

    /// Filed when filings.csv has a filing of the form by the person for the
    /// class whose event date is on or after the trigger; else due or overdue on `date`.
    static func status(of o: Obligation, _ c: Case, on date: CalendarDate) -> Obligation.Status {
        guard let form = o.filing, let due = o.due else { return .none }
        let made = c.filings.filter {
            $0.person == o.person && $0.classIndex == o.classIndex && $0.form == form && $0.eventDate >= o.triggerDate
        }.min { $0.filed < $1.filed }
        if let made { return made.filed <= due ? .filed : .filedLate }
        return date > due ? .overdue : .due
    }

    /// What the engine reads of a day: each person's figures, in person order.
    struct Day {
        var rows: [(person: Int, figures: Figures)]
        var outstanding: Int

        func figures(of p: Int) -> Figures? {
            var lo = 0, hi = rows.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if rows[mid].person < p { lo = mid + 1 } else { hi = mid }
            }
            return lo < rows.count && rows[lo].person == p ? rows[lo].figures : nil
        }
    }

    /// What the engine reads of a person on a day.
    struct Figures: Equatable {
        var shares: Int
        var percent: PercentOfClass
        var intent: Bool
    }

    /// A person's filing state.
    struct State {
        enum OnFile { case none, thirteenD, thirteenG }
        var on = OnFile.none
        /// The shares and percent of the last filing.
        var shares = 0
        var percent = Fraction.zero
        /// Rule 13d-2(c), (d): over 10% reported; the percent of the last such amendment.
        var tenReported = false
        var reported = Fraction.zero
        /// Over 5% without an acquisition and nothing on file (noted once).
        var withoutAcquisition = false
        /// On Schedule 13G under Rule 13d-1(d) after crossing without an acquisition.
        var exemptFiling = false
        /// Control intent when last seen.
        var intent = false
    }

    struct Engine {
        let c: Case
        let k: Int
        let single: Attributor?
        let first: ClassOwnership
        var states: [Int: State] = [:]
        var found: [Obligation] = []
        /// Lines crossed that call for no filing of their own (shown by `changes`).
        var crossings: [Obligation] = []
        /// Filings of filings.csv for this class after the first day, by event date.
        var pending: [Filing]
        /// The engine's figures of `first`.
        let firstDay: Day

        init(_ c: Case, classIndex k: Int, from: CalendarDate, attributor: Attributor?) {
            (self.c, self.k) = (c, k)
            single = c.events.isEmpty ? attributor ?? Attributor(c) : nil
            pending = c.filings.filter { $0.classIndex == k && $0.eventDate > from }.sorted { $0.eventDate < $1.eventDate }
            let start = Engine.compute(c, k, single, from)
            (first, firstDay) = (start.ownership, start.day)
            let figures = firstDay
            let filed = c.filings.filter { $0.classIndex == k && $0.eventDate <= from }
            let filers = Set(filed.map(\.person))
            // A state is kept for a person on file or over 5%; any other starts blank when it first needs one.
            for (p, f) in figures.rows where filers.contains(p) || Threshold.fivePercent.isCrossed(by: f.percent) {
                var s = State()
                s.intent = f.intent
                s.shares = f.shares
                s.percent = f.percent.percent
                if let last = filed.filter({ $0.person == p }).max(by: { ($0.eventDate, $0.filed) < ($1.eventDate, $1.filed) }) {
                    apply(last, to: &s, figures: f)
                } else if Threshold.fivePercent.isCrossed(by: f.percent) {
                    // Without filings.csv, the position on the first day is the baseline: taken as reported.
                    if c.filings.isEmpty {
                        s.on = effectiveType(p, f) == .thirteenD ? .thirteenD : .thirteenG
                        s.tenReported = Threshold.tenPercent.isCrossed(by: f.percent)
                        s.reported = f.percent.percent
                    } else {
                        found.append(obligation(p, f, on: from, "already over 5% with no filing in filings.csv",
                                                initialForm(p, f), nil, "the acquisition that required it came earlier: Rule 13d-1"))
                    }
                }
                states[p] = s
            }
        }

        /// The baseline a filing sets.
        func apply(_ filing: Filing, to s: inout State, figures f: Figures) {
            s.on = filing.form.isThirteenD ? .thirteenD : .thirteenG
            s.shares = filing.shares?.count ?? f.shares
            s.percent = filing.percent?.value ?? f.percent.percent
            if filing.form == .amendment13D || filing.form == .amendment13G,
               let p = filing.percent, Fraction(5) >= p.value { s.on = .none }
            if !filing.form.isThirteenD, s.percent > Fraction(10) { (s.tenReported, s.reported) = (true, s.percent) }
        }

        /// The class on `day`, and the engine's figures of it: the ledger replayed once for both.
        func compute(_ day: CalendarDate) -> (ownership: ClassOwnership, day: Day) { Engine.compute(c, k, single, day) }

        static func compute(_ c: Case, _ k: Int, _ single: Attributor?, _ day: CalendarDate) -> (ownership: ClassOwnership, day: Day) {
            if let single {
                let o = single.compute(classIndex: k, asOf: day, lots: false)
                return (o, figures(o, persons: c.persons))
            }
            let replayed = c.replayed(through: day)
            let o = Attributor(replayed).compute(classIndex: k, asOf: day, lots: false)
            return (o, figures(o, persons: replayed.persons))
        }

        /// Each row's figures, in person order (merged from a day's two
        /// runs, persons and groups, each in that order already), with each
        /// person's control intent on the day.
        static func figures(_ o: ClassOwnership, persons: [Person]) -> Day {
            var out: [(person: Int, figures: Figures)] = []
            out.reserveCapacity(o.rows.count)
            for row in o.rows {
                out.append((row.person, Figures(shares: row.beneficiallyOwned.count, percent: row.beneficialPercent,
                                                intent: persons[row.person].controlIntent)))
            }
            if !out.indices.dropFirst().allSatisfy({ out[$0 - 1].person < out[$0].person }) { out.sort { $0.person < $1.person } }
            return Day(rows: out, outstanding: o.sharesOutstanding.count)
        }

        /// How the person may file: a person with control intent may not
        /// file Schedule 13G as a qualified institutional or passive
        /// investor (Rule 13d-1(b)(1)(i), (c)(1)).
        func effectiveType(_ p: Int, _ f: Figures) -> FilerType {
            let type = c.persons[p].filerType
            return f.intent && (type == .passive || type == .qii) ? .thirteenD : type
        }

        func initialForm(_ p: Int, _ f: Figures) -> FilingForm {
            effectiveType(p, f) == .thirteenD ? .schedule13D : .schedule13G
        }

        /// Whether no person can cross a line (5%, 10%, 20%), reach a 1%
        /// change since its last filing, or move 5 points from its last
        /// report over 10%, when rights change by `moved` shares in all
        /// since the day of `day` and nothing else does: each person's shares
        /// and its denominator then move by `moved` at most.
        func quiet(_ day: Day, moved: Int) -> Bool {
            guard moved > 0 else { return true }
            let o = day.outstanding
            guard o > 0 else { return false }
            let lines = Threshold.standard
            // A person with nothing now: could it cross 5% with all of it?
            if lines[0].isCrossed(by: PercentOfClass(shares: Shares(moved), denominator: Shares(o))) { return false }
            for (p, f) in day.rows {
                let s = f.shares, own = f.percent.denominator.count - o
                let hi = PercentOfClass(shares: Shares(s + moved), denominator: Shares(o))
                let lo = PercentOfClass(shares: Shares(max(0, s - moved)), denominator: Shares(o + max(0, own) + moved))
                for t in lines where t.isCrossed(by: hi) != t.isCrossed(by: lo) { return false }
                guard let state = states[p] else { continue }
                if state.on != .none || state.withoutAcquisition {
                    // Rule 13d-2(a), (b): 1% of the class since the last filing.
                    if Int128((s - state.shares).magnitude + UInt(moved)) * 100 >= Int128(o) { return false }
                }
                if state.tenReported {
                    // Rule 13d-2(c), (d): five points from the last report over 10%.
                    if hi.percent - state.reported > Fraction(5) || state.reported - lo.percent > Fraction(5) { return false }
                }
            }
            return true
        }

        /// Whether `now` after `before` calls for anything on `day` (a dry run).
        func triggers(_ before: Day, _ now: Day, on day: CalendarDate, periodic: Bool) -> Bool {
            var copy = self
            (copy.found, copy.crossings) = ([], [])
            copy.step(before, now, on: day, periodic: periodic)
            return !copy.found.isEmpty || !copy.crossings.isEmpty
        }

        /// The obligations of `day`, `now` after `before`. `periodic`: the
        /// month's and quarter's last days are tested (a computed day).
        mutating func step(_ before: Day, _ now: Day, on day: CalendarDate, periodic: Bool) {
            let outstanding = now.outstanding
            let monthEnd = periodic && day == CalendarDate.lastDay(ofMonth: day.month, year: day.year)
            let quarterEnd = monthEnd && day.month % 3 == 0
            let zero = Figures(shares: 0, percent: PercentOfClass(shares: .zero, denominator: Shares(outstanding)), intent: false)
            // Each person once: those with figures on either day (merged in person order), then those with a state only.
            var pairs: [(Int, Figures, Figures)] = []
            var i = 0, j = 0
            let (a, z) = (now.rows, before.rows)
            while i < a.count || j < z.count {
                if j == z.count || (i < a.count && a[i].person < z[j].person) { pairs.append((a[i].person, a[i].figures, zero)); i += 1 }
                else if i == a.count || z[j].person < a[i].person { pairs.append((z[j].person, zero, z[j].figures)); j += 1 }
                else { pairs.append((a[i].person, a[i].figures, z[j].figures)); i += 1; j += 1 }
            }
            for p in states.keys where now.figures(of: p) == nil && before.figures(of: p) == nil { pairs.append((p, zero, zero)) }
            for (p, f, b) in pairs {
                // Figures unchanged call for nothing but on the days the rules test, and then
                // only for a person on file, over 5% or waiting on a quarter's end.
                let same = f.shares == b.shares && f.percent == b.percent && f.intent == b.intent
                if same && !monthEnd { continue }
                if same, !Threshold.fivePercent.isCrossed(by: f.percent),
                   states[p].map({ $0.on == .none && !$0.withoutAcquisition }) ?? true { continue }
                var s = states[p] ?? State()
                let before = found.count
                check(p, &s, f, b, day: day, outstanding: outstanding, monthEnd: monthEnd, quarterEnd: quarterEnd)
                s.intent = f.intent
                // A filing of filings.csv for an event of this day sets the baseline after it.
                if periodic {
                    for filing in pending where filing.person == p && filing.eventDate == day { apply(filing, to: &s, figures: f) }
                }
                if found.count == before {
                    for t in Threshold.standard where t.isCrossed(by: b.percent) != t.isCrossed(by: f.percent) {
                        crossings.append(obligation(p, f, on: day, (t.isCrossed(by: f.percent) ? "now " : "no longer ") + t.description,
                                                    nil, nil, "no filing of its own"))
                    }
                }
                states[p] = s
            }
        }

        mutating func check(_ p: Int, _ s: inout State, _ f: Figures, _ b: Figures, day: CalendarDate, outstanding: Int,
                            monthEnd: Bool, quarterEnd: Bool) {
            let calendar = c.filingCalendar
            let five = Threshold.fivePercent, ten = Threshold.tenPercent, twenty = Threshold.twentyPercent
            let over5 = five.isCrossed(by: f.percent)
            var pct: Fraction { f.percent.percent }
            let acquired = f.shares > b.shares
            let type = effectiveType(p, f)
            func business(_ n: Int, after d: CalendarDate) -> CalendarDate { calendar.businessDays(n, after: d) }
            func fortyFive(_ d: CalendarDate) -> CalendarDate { calendar.onOrAfter(d.adding(days: 45)) }
            func add(_ trigger: String, _ form: FilingForm?, _ due: CalendarDate?, _ rule: String, note: String? = nil) {
                var o = obligation(p, f, on: day, trigger, form, due, rule)
                o.note = note
                found.append(o)
            }
            func filed(_ on: State.OnFile) {
                (s.on, s.shares, s.percent) = (on, f.shares, pct)
            }
            /// 1% of the class acquired or disposed of since the last filing (Rule 13d-2(a)).
            // Worked out from the state as it stands: an amendment earlier in the same day moves the baseline.
            var change: Int { f.shares - s.shares }
            var material: Bool { outstanding > 0 && Int128(change.magnitude) * 100 >= Int128(outstanding) }
            var moved: String {
                change > 0 ? "acquired \(grouped(change)) shares since the last filing"
                           : "disposed of \(grouped(-change)) shares since the last filing"
            }
            let cooling = "no voting, and no further acquisition, until 10 days after the Schedule 13D is filed"

            switch s.on {
            case .none:
                if !over5 { s.withoutAcquisition = false }
                switch type {
                case .thirteenD, .passive:
                    guard over5 else { break }
                    if acquired {
                        if type == .passive && !twenty.isCrossed(by: f.percent) {
                            add("acquired shares: now more than 5%", .schedule13G, business(5, after: day),
                                "Rule 13d-1(c): within 5 business days after the acquisition")
                            filed(.thirteenG)
                            if ten.isCrossed(by: f.percent) { (s.tenReported, s.reported) = (true, pct) }
                        } else {
                            let why = type == .passive ? "; 20% or more, so not eligible for Schedule 13G (Rule 13d-1(c)(3))"
                                : f.intent && c.persons[p].filerType != .thirteenD ? "; held with control intent, so not eligible for Schedule 13G" : ""
                            add("acquired shares: now more than 5%" + why, .schedule13D, business(5, after: day),
                                "Rule 13d-1(a): within 5 business days after the acquisition")
                            filed(.thirteenD)
                        }
                        s.withoutAcquisition = false
                    } else if !s.withoutAcquisition {
                        s.withoutAcquisition = true
                        add("more than 5% without an acquisition (shares outstanding fell)", nil, nil,
                            "Section 13(d)(1), Rule 13d-1(a): no Schedule 13D until an acquisition (C&DI 101.01); Schedule 13G under Rule 13d-1(d) if still over 5% at the quarter's end")
                    }
                    if s.withoutAcquisition && quarterEnd && s.on == .none {
                        add("more than 5% at the quarter's end without an acquisition", .schedule13G, fortyFive(day),
                            "Rule 13d-1(d): within 45 days after the end of the calendar quarter")
                        filed(.thirteenG)
                        s.exemptFiling = true
                        s.withoutAcquisition = false
                    }
                case .qii, .exempt:
                    if type == .qii && monthEnd && ten.isCrossed(by: f.percent) {
                        add("more than 10% at the month's end, before any Schedule 13G", .schedule13G, business(5, after: day),
                            "Rule 13d-1(b)(2): within 5 business days after the end of the month")
                        filed(.thirteenG)
                        (s.tenReported, s.reported) = (true, pct)
                    } else if quarterEnd && over5 {
                        add("more than 5% at the quarter's end", .schedule13G, fortyFive(day),
                            type == .qii ? "Rule 13d-1(b)(2): within 45 days after the end of the calendar quarter"
                                         : "Rule 13d-1(d): within 45 days after the end of the calendar quarter")
                        filed(.thirteenG)
                        if ten.isCrossed(by: f.percent) { (s.tenReported, s.reported) = (true, pct) }
                    }
                }

            case .thirteenD:
                if !over5 {
                    add("no longer more than 5%" + (material ? ": " + moved : ""), .amendment13D, business(2, after: day),
                        "Rule 13d-2(a): a material change, within 2 business days")
                    filed(.none)
                    s.tenReported = false
                } else if material {
                    add(moved + " (1% of the class or more)", .amendment13D, business(2, after: day),
                        "Rule 13d-2(a): acquiring or disposing of 1% of the class is material; within 2 business days")
                    filed(.thirteenD)
                }

            case .thirteenG:
                let original = c.persons[p].filerType
                if f.intent && !s.intent && (original == .passive || original == .qii) {
                    add("came to hold with control intent", .schedule13D, business(5, after: day),
                        "Rule 13d-1(e)(1): within 5 business days", note: "Rule 13d-1(e)(2): " + cooling)
                    filed(.thirteenD)
                    return
                }
                if original == .passive && !s.exemptFiling && twenty.isCrossed(by: f.percent) {
                    add("20% or more", .schedule13D, business(5, after: day),
                        "Rule 13d-1(f)(1): within 5 business days", note: "Rule 13d-1(f)(2): " + cooling)
                    filed(.thirteenD)
                    return
                }
                if s.exemptFiling && type == .thirteenD && acquired && over5 {
                    add("acquired shares while more than 5%", .schedule13D, business(5, after: day),
                        "Rule 13d-1(a): within 5 business days after the acquisition")
                    filed(.thirteenD)
                    return
                }
                // Rules 13d-2(c) and (d): over 10% first, then each change of more than 5 points from
                // the last such amendment; a passive investor's on the day (after an acquisition),
                // a qualified institutional investor's at a month's end.
                func overTen(first: String, change: String, due: CalendarDate, rule: String, needsAcquisition: Bool) {
                    if !s.tenReported && ten.isCrossed(by: f.percent) && (acquired || !needsAcquisition) {
                        add(first, .amendment13G, due, rule)
                        filed(.thirteenG)
                        (s.tenReported, s.reported) = (true, pct)
                    } else if s.tenReported && (pct - s.reported > Fraction(5) || s.reported - pct > Fraction(5)) {
                        add(change, .amendment13G, due, rule)
                        filed(.thirteenG)
                        s.reported = pct
                    }
                }
                if original == .passive && !s.exemptFiling {
                    overTen(first: "acquired more than 10%", change: "changed by more than 5 points since the last report over 10%",
                            due: business(2, after: day), rule: "Rule 13d-2(d): within 2 business days", needsAcquisition: true)
                }
                if original == .qii && monthEnd {
                    overTen(first: "more than 10% at the month's end", change: "changed by more than 5 points at the month's end",
                            due: business(5, after: day), rule: "Rule 13d-2(c): within 5 business days after the end of the month",
                            needsAcquisition: false)
                }
                if quarterEnd {
                    if !over5 && change < 0 {
                        add("no longer more than 5% at the quarter's end", .amendment13G, fortyFive(day),
                            "Rule 13d-2(b): within 45 days after the end of the calendar quarter")
                        filed(.none)
                        (s.tenReported, s.exemptFiling) = (false, false)
                    } else if over5 && material {
                        add(moved + " (1% of the class or more) by the quarter's end", .amendment13G, fortyFive(day),
                            "Rule 13d-2(b): a material change, within 45 days after the end of the calendar quarter")
                        filed(.thirteenG)
                    }
                }
            }
        }

        func obligation(_ p: Int, _ f: Figures, on day: CalendarDate, _ trigger: String, _ form: FilingForm?,
                        _ due: CalendarDate?, _ rule: String) -> Obligation {
            Obligation(classIndex: k, person: p, filerType: c.persons[p].filerType, triggerDate: day, trigger: trigger,
                       filing: form, due: due, rule: rule, status: .none, shares: Shares(f.shares), percent: f.percent)
        }
    }
}
