/// The days on which a class's figures can change, so that a range of dates
/// is evaluated on those days alone rather than on every day.
extension Case {
    /// Every day in `from...to` on which a figure of class `k` can differ
    /// from the day before, with `from` itself, `to`, and each month's and
    /// quarter's last day (the rules' own test days); sorted, each once.
    ///
    /// A figure changes with an event of transactions.csv, with a right
    /// entering or leaving the 60-day window of Rule 13d-3(d)(1)(i) (an
    /// instalment of vesting, `exercisable_from` or `convertible_from` 60
    /// days ahead; the day after an expiry or a maturity), and with a note's
    /// interest (its issue and each payment date). Accrued interest grows
    /// between those days too; a caller finds the first day of a change
    /// between two of these days by bisection.
    ///
    /// `index`: the case's, to find the class's instruments without a scan of every one.
    public func changeDays(classIndex k: Int, from: CalendarDate, to: CalendarDate, index: ClassIndex? = nil) -> [CalendarDate] {
        var days = Set<CalendarDate>([from, to])
        func add(_ d: CalendarDate?) { if let d, from < d && d <= to { days.insert(d) } }
        func window(_ d: CalendarDate?) { add(d?.adding(days: -AcquisitionWindow.days)) }
        for e in events { add(e.date) }
        var m = CalendarDate.lastDay(ofMonth: from.month, year: from.year)
        while m <= to {
            add(m)
            m = CalendarDate.lastDay(ofMonth: m.month % 12 + 1, year: m.year + (m.month == 12 ? 1 : 0))
        }
        let grantIndices = index.map { Array($0.grants[k].lazy.map(Int.init)) } ?? grants.indices.filter { grants.classIndex($0) == k }
        for i in grantIndices {
            let g = grants[i]
            window(g.exercisableFrom)
            add(g.expires?.adding(days: 1))
            if let v = g.vesting, v.everyMonths > 0 {
                var month = v.everyMonths
                while month <= v.months + v.everyMonths {
                    let instalment = v.start.adding(months: month)
                    if instalment.adding(days: -AcquisitionWindow.days) > to { break }
                    window(instalment)
                    month += v.everyMonths
                }
            }
        }
        let noteIndices = index.map { Array($0.convertibles[k].lazy.map(Int.init)) }
            ?? convertibles.indices.filter { convertibles[$0].classIndex == k }
        for n in noteIndices.lazy.map({ convertibles[$0] }) {
            add(n.issued)
            window(n.convertibleFrom)
            add(n.maturityDate(calendar).map { $0.adding(days: 1) })
            add(n.firstPayment)
            for d in n.paymentDates(through: to, calendar: calendar) { add(d); add(d.adding(days: 1)) }
        }
        return days.sorted()
    }
}
