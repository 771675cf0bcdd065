extension VestingSchedule {
    /// Shares vested on `date`, by INPUTS.md: instalments every `everyMonths`
    /// months from `start` on its day of the month (clamped to a month's last
    /// day); with m the months to the latest instalment on or before the date,
    /// nothing while m < cliff, then floor(total × min(m, months) / months).
    public func vested(_ total: Shares, on date: CalendarDate) -> Shares {
        guard date >= start else { return .zero }
        var m = (date.year - start.year) * 12 + (date.month - start.month)
        m -= m % everyMonths
        while m > 0 && start.adding(months: m) > date { m -= everyMonths }
        guard m >= cliffMonths else { return .zero }
        let counted = min(m, months)
        return Shares(Int((Int128(total.count) * Int128(counted)) / Int128(months)))
    }
}
