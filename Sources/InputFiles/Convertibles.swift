import CSVReading
import CapTableCore
import Foundation
import RawMemory

extension CaseReading {
    /// convertibles.csv: notes and convertible preferred, of about `lines` rows.
    mutating func readConvertibles(_ files: [String: CSVInput], lines: Int) {
        let rows = open(files, "convertibles.csv")
        result.convertibles.reserveCapacity(result.convertibles.count + lines)
        readInstruments(rows) { reading, row in
            if let item = reading.convertible(row) { reading.result.convertibles.append(item) }
        }
    }

    /// One row in the columns of convertibles (convertibles.csv, or an
    /// instrument issued in transactions.csv); nil (and reported) when wrong.
    mutating func convertible(_ row: Row) -> Convertible? {
        let id = text(row, .id, isID: true)
        let holder = person(row, .holder)
        let kind = required(row, .kind, WordsOf.convertibleKind.read)
        let c = shareClass(row)
        let principal = optional(row, .principal, ValueParser.money)
        let price = optional(row, .conversionPrice, ValueParser.price)
        let units = optional(row, .units, ValueParser.shares)
        let ratio = optional(row, .conversionRatio, ValueParser.ratio)
        let issued = optional(row, .issued, ValueParser.date)
        let from = optional(row, .convertibleFrom, ValueParser.date)
        let maturity = optional(row, .maturity, ValueParser.date)
        let rate = optional(row, .rate, ValueParser.percent)
        let interest = optional(row, .interest, WordsOf.interest.read)
            ?? (row.has(.interest) ? nil : InterestKind.none)
        let dayCount = optional(row, .dayCount, WordsOf.dayCount.read)
            ?? (row.has(.dayCount) ? nil : DayCount.thirty360)
        let months = optional(row, .pikMonths) { CaseReading.months(String(decoding: $0, as: UTF8.self), column: $1) }
        let first = optional(row, .firstPayment, ValueParser.date)
        let converts = flag(row, .convertsInterest, default: true)
        let cap = optional(row, .capPercent, ValueParser.percent)
        let antiDilution = optional(row, .antiDilution, WordsOf.antiDilution.read)
        var ok = true
        func need(_ column: Column, _ present: Bool, for what: String) {
            if !present, !row.has(column) { report(row.location(column), "\(column.name) is required for \(what)"); ok = false }
        }
        func refuse(_ column: Column, for what: String) {
            if row.has(column) { report(row.location(column), "\(column.name) does not apply to \(what)"); ok = false }
        }
        switch kind {
        case .note:
            need(.principal, principal != nil, for: "a note")
            need(.conversionPrice, price != nil, for: "a note")
            need(.issued, issued != nil, for: "a note")
            refuse(.units, for: "a note")
            refuse(.conversionRatio, for: "a note")
            if let price, price.dollars == .zero {
                report(row.location(.conversionPrice), "conversion_price must be more than zero"); ok = false
            }
            if interest == .pik { need(.pikMonths, months != nil, for: "paid-in-kind interest") }
            if interest != .pik { refuse(.pikMonths, for: "interest that is not pik") }
            if let issued, let maturity, maturity < issued {
                report(row.location(.maturity), "maturity \(maturity) is before issued \(issued)"); ok = false
            }
            for p in DateOrder.note(issued: issued, firstPayment: first) { report(row.location(p.column), p.message); ok = false }
        case .preferred:
            need(.units, units != nil, for: "preferred")
            need(.conversionRatio, ratio != nil, for: "preferred")
            for column in [Column.principal, .conversionPrice, .rate, .interest, .dayCount, .pikMonths, .firstPayment] {
                refuse(column, for: "preferred")
            }
        case nil:
            ok = false
        }
        if let id, !defineInstrument(id, row) { ok = false }
        guard ok, let id, let holder, let kind, let c, let interest, let dayCount else { return nil }
        if row.has(.rate) && rate == nil { return nil }
        return Convertible(
            id: id, holder: holder, kind: kind, classIndex: c, principal: principal, conversionPrice: price,
            units: units, conversionRatio: ratio, issued: issued, convertibleFrom: from, maturity: maturity,
            rate: rate ?? Percent(.zero), interest: interest, dayCount: dayCount, pikMonths: months ?? [],
            firstPayment: first, convertsInterest: converts, cap: cap, note: row.value(.note), location: row.location,
            weightedAverageAntiDilution: antiDilution == true)
    }

    /// `2,8`: months of the year, 1 to 12.
    static func months(_ text: String, column: String) -> Result<[Int], ValueError> {
        // Foundation trims only a part that starts or ends with white space.
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.first?.isWhitespace == true || $0.last?.isWhitespace == true ? $0.trimmingCharacters(in: .whitespaces) : String($0)
        }
        var months: [Int] = []
        for p in parts {
            guard let m = Int(p), (1...12).contains(m), p.allSatisfy(\.isASCIIDigit) else {
                return .failure(ValueError("\(column) \"\(text)\" is not a list of months 1 to 12 (for example 2,8)"))
            }
            months.append(m)
        }
        return .success(Array(Set(months)).sorted())
    }
}
