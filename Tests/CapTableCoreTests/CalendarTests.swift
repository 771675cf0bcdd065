import Testing
@testable import CapTableCore

private func d(_ s: String) -> CalendarDate { try! ValueParser.date(s, column: "date").get() }

@Suite struct CalendarTests {
    @Test func dayNumbersRoundTrip() {
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(CalendarDate(dayNumber: n).dayNumber == n)
        }
        #expect(d("1970-01-01").dayNumber == 0)
        #expect(d("2001-02-20").weekday == 2)  // a Tuesday
    }

    @Test func monthsClampToMonthEnd() {
        #expect(d("2024-01-31").adding(months: 1) == d("2024-02-29"))
        #expect(d("2023-01-31").adding(months: 1) == d("2023-02-28"))
        #expect(d("2023-01-31").adding(months: 3) == d("2023-04-30"))
        #expect(d("2023-11-15").adding(months: 2) == d("2024-01-15"))
    }

    /// 5 U.S.C. 6103 as observed in 2001 (OPM's table): Veterans Day, a Sunday, on Monday the 12th.
    @Test func federalHolidays2001() {
        let expected = ["2001-01-01", "2001-01-15", "2001-02-19", "2001-05-28", "2001-07-04", "2001-09-03",
                        "2001-10-08", "2001-11-12", "2001-11-22", "2001-12-25"].map(d)
        #expect(BusinessCalendar.federalHolidays(observedIn: 2001) == Set(expected))
    }

    /// Juneteenth from 2021; New Year's Day 2022, a Saturday, observed on Friday, December 31, 2021.
    @Test func federalHolidays2021() {
        let cal = BusinessCalendar.federal
        #expect(cal.isHoliday(d("2021-06-18")))
        #expect(!cal.isHoliday(d("2020-06-19")))
        #expect(cal.isHoliday(d("2021-12-31")))
        #expect(!cal.isBusinessDay(d("2021-12-31")))
    }

    @Test func lastBusinessDay() {
        let cal = BusinessCalendar.federal
        #expect(cal.lastBusinessDay(month: 8, year: 2001) == d("2001-08-31"))  // a Friday
        #expect(cal.lastBusinessDay(month: 2, year: 2002) == d("2002-02-28"))
        #expect(cal.lastBusinessDay(month: 8, year: 2003) == d("2003-08-29"))  // the 31st is a Sunday
        #expect(cal.lastBusinessDay(month: 5, year: 2021) == d("2021-05-28"))  // the 31st is Memorial Day
        let listed = BusinessCalendar(holidays: [d("2003-08-29")])
        #expect(listed.lastBusinessDay(month: 8, year: 2003) == d("2003-08-28"))
    }
}

@Suite struct VestingTests {
    let schedule = VestingSchedule(start: d("2024-01-31"), months: 48, cliffMonths: 12, everyMonths: 1)

    @Test func cliff() {
        #expect(schedule.vested(Shares(4800), on: d("2025-01-30")) == .zero)
        #expect(schedule.vested(Shares(4800), on: d("2025-01-31")) == Shares(1200))
        // February 28, 2025 is the instalment of a 31st start (clamped).
        #expect(schedule.vested(Shares(4800), on: d("2025-02-28")) == Shares(1300))
        #expect(schedule.vested(Shares(4800), on: d("2028-01-31")) == Shares(4800))
        #expect(schedule.vested(Shares(4800), on: d("2040-01-01")) == Shares(4800))
        #expect(schedule.vested(Shares(4800), on: d("2023-01-01")) == .zero)
    }

    /// floor(shares × m / months): 1000 over 3 months vests 333, 666, 1000.
    @Test func flooredInstalments() {
        let s = VestingSchedule(start: d("2024-01-15"), months: 3, cliffMonths: 0, everyMonths: 1)
        #expect(s.vested(Shares(1000), on: d("2024-02-15")) == Shares(333))
        #expect(s.vested(Shares(1000), on: d("2024-03-14")) == Shares(333))
        #expect(s.vested(Shares(1000), on: d("2024-03-15")) == Shares(666))
        #expect(s.vested(Shares(1000), on: d("2024-04-15")) == Shares(1000))
    }

    /// Quarterly instalments count only on their dates.
    @Test func quarterly() {
        let s = VestingSchedule(start: d("2024-01-01"), months: 12, cliffMonths: 0, everyMonths: 3)
        #expect(s.vested(Shares(1200), on: d("2024-03-31")) == .zero)
        #expect(s.vested(Shares(1200), on: d("2024-04-01")) == Shares(300))
        #expect(s.vested(Shares(1200), on: d("2024-09-30")) == Shares(600))
    }
}

@Suite struct InterestTests {
    /// Bond basis: a day 31 becomes 30; an end day 31 only when the start is 30 or 31.
    @Test func thirty360() {
        #expect(DayCount.thirty360.yearFraction(from: d("2001-02-20"), to: d("2001-08-31")) == Fraction(191, 360))
        #expect(DayCount.thirty360.yearFraction(from: d("2001-01-31"), to: d("2001-03-31")) == Fraction(60, 360))
        #expect(DayCount.thirty360.yearFraction(from: d("2001-08-31"), to: d("2002-02-20")) == Fraction(170, 360))
        #expect(DayCount.thirty360.yearFraction(from: d("2001-02-28"), to: d("2001-03-31")) == Fraction(33, 360))
        #expect(DayCount.actual365.yearFraction(from: d("2024-01-01"), to: d("2025-01-01")) == Fraction(366, 365))
        #expect(DayCount.actual360.yearFraction(from: d("2024-01-01"), to: d("2024-03-01")) == Fraction(60, 360))
    }

    /// Note R-01 of the seed: $19,047,600 at 10%, 30/360, PIK on the last
    /// business day of August and February from August 31, 2001, $1 5/16.
    var r01: Convertible {
        Convertible(id: "R-01", holder: 0, kind: .note, classIndex: 0, principal: Money(cents: 1_904_760_000),
                    conversionPrice: Price(dollars: Fraction(21, 16)), units: nil, conversionRatio: nil,
                    issued: d("2001-02-20"), convertibleFrom: nil, maturity: d("2006-02-20"),
                    rate: Percent(Fraction(10)), interest: .pik, dayCount: .thirty360, pikMonths: [2, 8],
                    firstPayment: nil, convertsInterest: true, cap: nil, note: nil,
                    location: .init(file: "convertibles.csv", line: 2, column: 1))
    }

    @Test func seedNoteOnIssue() {
        // 19,047,600 × 16 / 21 = 14,512,457.14: 14,512,457 whole shares.
        #expect(r01.sharesOnConversion(on: d("2001-02-20"), calendar: .federal) == Shares(14_512_457))
    }

    /// First payment, August 31, 2001: 191/360 of a year; 1,904,760 × 191 / 360 = $1,010,581.00.
    @Test func firstPIKPayment() {
        let b = r01.balance(on: d("2001-08-31"), calendar: .federal)
        #expect(b.payments == [PIKPayment(date: d("2001-08-31"), amount: Money(cents: 101_058_100))])
        #expect(b.accruedInterest == .zero)
        // (19,047,600 + 1,010,581) × 16 / 21 = 15,282,423.6
        #expect(r01.sharesOnConversion(on: d("2001-08-31"), calendar: .federal) == Shares(15_282_423))
    }

    /// A year after issue: the February 2002 payment (the 28th) is not yet
    /// due; 170/360 of a year accrues on $20,058,181: $947,191.88 (…880 55 rounds down).
    @Test func oneYearAfterIssue() {
        let b = r01.balance(on: d("2002-02-20"), calendar: .federal)
        #expect(b.paidInKind == Money(cents: 101_058_100))
        #expect(b.accruedInterest == Money(cents: 94_719_188))
        // $21,005,372.88 × 16 / 21 = 16,004,093.6
        #expect(r01.sharesOnConversion(on: d("2002-02-20"), calendar: .federal) == Shares(16_004_093))
    }

    /// Interest stops at maturity; after it the note counts for nothing.
    /// February 20, 2005 is a Sunday: a note maturing then matures on Friday the 18th.
    @Test func maturity() {
        var n = r01
        n.maturity = d("2005-02-20")
        #expect(n.maturityDate(.federal) == d("2005-02-18"))
        #expect(n.isOutstanding(on: d("2005-02-18"), calendar: .federal))
        #expect(!n.isOutstanding(on: d("2005-02-19"), calendar: .federal))
        #expect(n.sharesOnConversion(on: d("2005-02-19"), calendar: .federal) == .zero)
        #expect(n.sharesOnConversion(on: d("2001-02-19"), calendar: .federal) == .zero)  // before issue
    }

    /// Interest that does not convert leaves only principal and PIK.
    @Test func interestThatDoesNotConvert() {
        var n = r01
        n.convertsInterest = false
        #expect(n.sharesOnConversion(on: d("2002-02-20"), calendar: .federal) == Shares(15_282_423))
    }

    /// Simple interest: $1,000 at 5% actual/365 for 73 days is $10.00.
    @Test func simpleInterest() {
        var n = r01
        n.principal = Money(cents: 100_000)
        n.interest = .simple
        n.rate = Percent(Fraction(5))
        n.dayCount = .actual365
        n.pikMonths = []
        let b = n.balance(on: d("2001-05-04"), calendar: .federal)  // 73 days after February 20
        #expect(b.accruedInterest == Money(cents: 1000))
        #expect(b.payments.isEmpty)
    }
}
