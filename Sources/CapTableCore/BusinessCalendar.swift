/// Which days are business days: not a Saturday, a Sunday or a holiday.
///
/// The holidays are those of `holidays.csv` when the case has one; otherwise
/// the legal public holidays of 5 U.S.C. 6103 in force in each year, a
/// Saturday holiday observed the Friday before and a Sunday holiday the Monday
/// after (Executive Order 11582). Inauguration Day and one-off closings are
/// not included.
public struct BusinessCalendar: Sendable {
    let listed: Set<CalendarDate>?
    /// Days closed besides the federal holidays (a calendar without `listed`).
    var closed: Set<CalendarDate> = []

    /// A calendar of listed holidays (from `holidays.csv`).
    public init(holidays: Set<CalendarDate>) { listed = holidays }

    /// The United States federal holidays and these closures: the SEC's
    /// business days (Rule 0-3; Regulation S-T Rule 11 defines a business
    /// day as any day but a Saturday, a Sunday or a federal holiday).
    public init(federalClosedAlso closures: Set<CalendarDate>) { (listed, closed) = (nil, closures) }

    /// The United States federal holidays.
    public static let federal = BusinessCalendar(listed: nil)

    init(listed: Set<CalendarDate>?) { self.listed = listed }

    public func isHoliday(_ date: CalendarDate) -> Bool {
        if let listed { return listed.contains(date) }
        if !closed.isEmpty && closed.contains(date) { return true }
        // New Year's Day of the next year can be observed on December 31.
        return BusinessCalendar.isFederalHoliday(date, of: date.year)
            || (date.month == 12 && date.day == 31 && BusinessCalendar.isFederalHoliday(date, of: date.year + 1))
    }

    /// The federal holidays of the years most books use, worked out once.
    private static let federalYears = 1900...2200
    private static let federalTable: [[CalendarDate]] = federalYears.map { Array(federalHolidays(observedIn: $0)) }

    private static func isFederalHoliday(_ date: CalendarDate, of year: Int) -> Bool {
        guard federalYears.contains(year) else { return federalHolidays(observedIn: year).contains(date) }
        return federalTable[year - federalYears.lowerBound].contains(date)
    }

    public func isBusinessDay(_ date: CalendarDate) -> Bool {
        let w = date.weekday
        return w != 0 && w != 6 && !isHoliday(date)
    }

    /// The date itself if a business day, else the nearest business day before it.
    public func onOrBefore(_ date: CalendarDate) -> CalendarDate {
        var d = date
        while !isBusinessDay(d) { d = d.adding(days: -1) }
        return d
    }

    /// The `n`-th business day after `date`.
    public func businessDays(_ n: Int, after date: CalendarDate) -> CalendarDate {
        var d = date, left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isBusinessDay(d) { left -= 1 }
        }
        return d
    }

    /// The date itself if a business day, else the next business day (a
    /// filing due on a weekend or holiday is due the next business day).
    public func onOrAfter(_ date: CalendarDate) -> CalendarDate {
        var d = date
        while !isBusinessDay(d) { d = d.adding(days: 1) }
        return d
    }

    /// The last business day of a month.
    public func lastBusinessDay(month: Int, year: Int) -> CalendarDate {
        onOrBefore(CalendarDate.lastDay(ofMonth: month, year: year))
    }

    /// The observed dates of the federal holidays whose holiday falls in `year`.
    public static func federalHolidays(observedIn year: Int) -> Set<CalendarDate> {
        func date(_ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: year, month: m, day: d)! }
        /// The n-th given weekday of a month (n = -1: the last).
        func nth(_ n: Int, weekday: Int, month: Int) -> CalendarDate {
            if n < 0 {
                var d = CalendarDate.lastDay(ofMonth: month, year: year)
                while d.weekday != weekday { d = d.adding(days: -1) }
                return d
            }
            var d = date(month, 1)
            while d.weekday != weekday { d = d.adding(days: 1) }
            return d.adding(days: 7 * (n - 1))
        }
        func observed(_ d: CalendarDate) -> CalendarDate {
            d.weekday == 6 ? d.adding(days: -1) : d.weekday == 0 ? d.adding(days: 1) : d
        }
        let monday = 1, thursday = 4
        var days: [CalendarDate] = [observed(date(1, 1)), observed(date(7, 4)), observed(date(12, 25))]
        // The Uniform Monday Holiday Act took effect in 1971.
        if year >= 1971 {
            days.append(nth(3, weekday: monday, month: 2))      // Washington's Birthday
            days.append(nth(-1, weekday: monday, month: 5))     // Memorial Day
            days.append(nth(2, weekday: monday, month: 10))     // Columbus Day
        } else {
            days.append(observed(date(2, 22)))
            days.append(observed(date(5, 30)))
            days.append(observed(date(10, 12)))
        }
        // Veterans Day was the fourth Monday of October from 1971 to 1977.
        days.append((1971...1977).contains(year) ? nth(4, weekday: monday, month: 10) : observed(date(11, 11)))
        if year >= 1986 { days.append(nth(3, weekday: monday, month: 1)) }  // Martin Luther King Jr.
        if year >= 2021 { days.append(observed(date(6, 19))) }              // Juneteenth
        days.append(nth(1, weekday: monday, month: 9))                        // Labor Day
        days.append(nth(4, weekday: thursday, month: 11))                     // Thanksgiving
        return Set(days)
    }
}
