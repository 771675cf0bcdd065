import CSVReading
import CapTableCore
import RawMemory

extension CaseReading {
    /// options.csv: options, warrants and other rights to acquire;
    /// `convertibleLines`, the lines of convertibles.csv, whose ids are reserved room with these.
    mutating func readGrants(_ files: [String: CSVInput], convertibleLines: Int, lines: Int? = nil) {
        let rows = open(files, "options.csv")
        let expected = lines ?? files["options.csv"]?.lineCount() ?? 0
        instrumentIDs.reserveCapacity(instrumentIDs.count + expected + convertibleLines)
        result.grants.reserveCapacity(expected)
        readInstruments(rows) { reading, row in
            if let item = reading.grant(row) { reading.result.grants.append(item) }
        }
    }

    /// The rows of a file of instruments (options.csv, convertibles.csv),
    /// each handed to `read` with its holder's and id's slots fetched some
    /// rows ahead.
    mutating func readInstruments(_ rows: RowReader, _ read: (inout CaseReading, Row) -> Void) {
        let holders = Ahead(rows, .holder), ids = Ahead(rows, .id)
        rows.forEach(&self) { reading, row, next in
            holders.prefetch(next, reading.personIDs)
            ids.prefetch(next, reading.instrumentIDs)
            read(&reading, row)
        }
        rows.finish(&self)
    }

    /// One row in the columns of grants (options.csv, or an instrument
    /// issued in transactions.csv); nil (and reported) when wrong.
    mutating func grant(_ row: Row) -> Grant? {
        let id = text(row, .id, isID: true)
        let holder = optionalPerson(row, .holder)
        let kind = required(row, .kind, WordsOf.grantKind.read)
        let c = shareClass(row)
        let shares = required(row, .shares, ValueParser.shares)
        let price = optional(row, .exercisePrice, ValueParser.price)
        let from = optional(row, .exercisableFrom, ValueParser.date)
        let expires = optional(row, .expires, ValueParser.date)
        let vestStart = optional(row, .vestStart, ValueParser.date)
        let vestMonths = optional(row, .vestMonths, ValueParser.wholeNumber)
        let cliff = optional(row, .cliffMonths, ValueParser.wholeNumber)
        let every = optional(row, .vestEveryMonths, ValueParser.wholeNumber)
        let cap = optional(row, .capPercent, ValueParser.percent)
        var vesting: VestingSchedule?
        var ok = true
        if let vestStart {
            if let vestMonths {
                let problems = VestingSchedule.problems(months: vestMonths, cliffMonths: cliff ?? 0, everyMonths: every ?? 1)
                for p in problems { report(row.location(p.column), p.message) }
                if problems.isEmpty {
                    vesting = VestingSchedule(start: vestStart, months: vestMonths, cliffMonths: cliff ?? 0, everyMonths: every ?? 1)
                } else {
                    ok = false
                }
            } else if !row.has(.vestMonths) {
                report(row.location(.vestMonths), "vest_months is required with vest_start")
                ok = false
            }
        } else if let column = [Column.vestMonths, .cliffMonths, .vestEveryMonths].first(where: row.has) {
            report(row.location(column), "\(column.name) is given without vest_start")
            ok = false
        }
        for p in DateOrder.grant(exercisableFrom: from, expires: expires) { report(row.location(p.column), p.message); ok = false }
        if let id, !defineInstrument(id, row) { ok = false }
        guard ok, let id, let kind, let c, let shares, holder != .some(nil) else { return nil }
        return Grant(id: id, holder: holder ?? nil, kind: kind, classIndex: c, shares: shares,
                     exercisePrice: price, exercisableFrom: from, expires: expires, vesting: vesting,
                     cap: cap, note: row.value(.note), location: row.location)
    }
}
