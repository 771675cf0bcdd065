extension DayCount {
    /// The year fraction from `start` to `end`.
    ///
    /// 30/360 is the bond basis: a start day 31 becomes 30; an end day 31
    /// becomes 30 when the start day (so adjusted) is 30; no February rule.
    public func yearFraction(from start: CalendarDate, to end: CalendarDate) -> Fraction {
        switch self {
        case .thirty360:
            let d1 = min(start.day, 30)
            let d2 = (end.day == 31 && d1 == 30) ? 30 : end.day
            let days = 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)
            return Fraction(Int128(days), 360)
        case .actual365:
            return Fraction(Int128(end - start), 365)
        case .actual360:
            return Fraction(Int128(end - start), 360)
        }
    }
}

/// A note's amounts on a date: principal, interest paid in kind, interest accrued.
public struct NoteBalance: Sendable, Equatable {
    public var principal: Money
    /// Paid-in-kind interest added to principal on payment dates up to the date.
    public var paidInKind: Money
    /// Interest accrued and not yet paid, to the date (or to maturity).
    public var accruedInterest: Money
    /// Each PIK payment: its (business-day) date and amount.
    public var payments: [PIKPayment]
    /// The amount grew past $10^15, where the calculator stops (an input error).
    public var exceedsLimit = false
}

public struct PIKPayment: Sendable, Equatable {
    public var date: CalendarDate
    public var amount: Money
}

extension Convertible {
    /// The maturity date, moved to the preceding business day when it is not one.
    public func maturityDate(_ calendar: BusinessCalendar) -> CalendarDate? {
        maturity.map(calendar.onOrBefore)
    }

    /// Whether the instrument exists on `date`: issued by then and not past maturity.
    public func isOutstanding(on date: CalendarDate, calendar: BusinessCalendar) -> Bool {
        if let issued, date < issued { return false }
        if let m = maturityDate(calendar), date > m { return false }
        return true
    }

    /// PIK payment dates after issue: the last business day of each of
    /// `pikMonths`, starting at `firstPayment` or at the first such month
    /// after the month of issue.
    public func paymentDates(through last: CalendarDate, calendar: BusinessCalendar) -> [CalendarDate] {
        let pikMonths = self.pikMonths
        guard interest == .pik, let issued, !pikMonths.isEmpty else { return [] }
        var dates: [CalendarDate] = []
        var year = issued.year, month = issued.month
        if let firstPayment {
            if firstPayment <= last { dates.append(firstPayment) }
            year = firstPayment.year
            month = firstPayment.month
        }
        while true {
            month += 1
            if month > 12 { month = 1; year += 1 }
            if year > last.year { break }
            guard pikMonths.contains(month) else { continue }
            let d = calendar.lastBusinessDay(month: month, year: year)
            if d > last { break }
            if d > issued { dates.append(d) }
        }
        return dates
    }

    /// The note's balance on `date` (interest stops at maturity). Each PIK
    /// payment and the accrued interest are rounded to the cent, half up.
    public func balance(on date: CalendarDate, calendar: BusinessCalendar) -> NoteBalance {
        let principal = self.principal ?? .zero
        guard let issued, interest != .none, date >= issued else {
            return NoteBalance(principal: principal, paidInKind: .zero, accruedInterest: .zero, payments: [])
        }
        let end = min(date, maturityDate(calendar) ?? date)
        let rate = self.rate.ratio
        func accrue(on amount: Money, from a: CalendarDate, to b: CalendarDate) -> Money {
            Money(roundingHalfUp: amount.dollars * rate * dayCount.yearFraction(from: a, to: b))
        }
        var current = principal
        var from = issued
        var payments: [PIKPayment] = []
        let limit = Money(cents: Int128(ValueParser.maximumWholeNumber) * 100)
        for pay in paymentDates(through: end, calendar: calendar) {
            guard current <= limit else {
                return NoteBalance(principal: principal, paidInKind: .zero, accruedInterest: .zero, payments: payments, exceedsLimit: true)
            }
            let amount = accrue(on: current, from: from, to: pay)
            payments.append(PIKPayment(date: pay, amount: amount))
            current = current + amount
            from = pay
        }
        let accrued = accrue(on: current, from: from, to: end)
        // Simple interest accrues without a payment date: its total is held to the same limit.
        return NoteBalance(principal: principal, paidInKind: current - principal, accruedInterest: accrued, payments: payments,
                           exceedsLimit: current > limit || current + accrued > limit)
    }

    /// Whole shares this instrument converts into on `date`, fractions dropped
    /// (the seed note pays cash for them; Exhibit C, section 15(d)); nil when
    /// that is more than 10^15 shares, or the amount grew past $10^15.
    public func conversionShares(on date: CalendarDate, calendar: BusinessCalendar) -> Int128? {
        guard isOutstanding(on: date, calendar: calendar) else { return 0 }
        let shares: Int128
        switch kind {
        case .preferred:
            shares = ((self.units ?? .zero).fraction * (conversionRatio ?? .zero)).floor
        case .note:
            guard let price = conversionPrice, price.dollars > .zero else { return 0 }
            let b = balance(on: date, calendar: calendar)
            guard !b.exceedsLimit else { return nil }
            let amount = b.principal + b.paidInKind + (convertsInterest ? b.accruedInterest : .zero)
            shares = (amount.dollars / price.dollars).floor
        }
        return shares <= Int128(ValueParser.maximumWholeNumber) ? shares : nil
    }

    /// `conversionShares`, as a share count; zero where it is past the limits
    /// (`Case.limitProblems` reports those before any figure is shown).
    public func sharesOnConversion(on date: CalendarDate, calendar: BusinessCalendar) -> Shares {
        Shares(Int(conversionShares(on: date, calendar: calendar) ?? 0))
    }
}
