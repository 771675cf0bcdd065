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
        pendingHolders?.reserveCapacity(expected)
        readInstruments(rows) { reading, row in
            let pending = reading.pendingHolders?.count
            if let item = reading.grant(row) {
                reading.result.grants.append(item)
            } else if let pending, reading.pendingHolders!.count > pending {
                reading.pendingHolders!.dropGrantOfLast()
            }
        }
    }

    /// While persons.csv is still being read: a named holder kept, with its
    /// row's place, to be looked up once it is read (`PendingHolders`),
    /// standing meanwhile as person 0.
    mutating func pendingHolder(_ row: Row) -> Int?? {
        guard let b = row.bytes(.holder) else { return nil }
        pendingHolders!.add(b, row: row, grant: result.grants.count, problemsBefore: diagnostics.count)
        return 0
    }

    /// The grants `early` read from options.csv while persons.csv was read
    /// here, made this reading's: each holder looked up now, and its
    /// problem, if any, put among options.csv's others where reading the
    /// file after persons.csv would have found it (the same message: the
    /// problems before it are this reading's by then); a grant whose holder
    /// fails is dropped, as it would not have been kept.
    mutating func takeGrants(from early: inout CaseReading) {
        precondition(instrumentIDs.count == 0 && result.grants.isEmpty, "options.csv is the first file of instruments")
        // Moved, not shared: a table shared would be copied at its first change.
        var grants = early.result.grants
        early.result.grants = GrantTable()
        swap(&instrumentIDs, &early.instrumentIDs)
        result.files += early.result.files
        var dropped: [Int] = []
        var taken = 0
        let pending = early.pendingHolders ?? PendingHolders(), ids = personIDs
        pending.forEach(ids) { b, place in
            while taken < place.problemsBefore {
                diagnostics.append(early.diagnostics[taken])
                taken += 1
            }
            let holder = reference(b, .holder, allowGroup: false) { pending.location(place) }
            guard let g = place.grant else { return }
            if let holder { grants.setHolder(g, holder) } else { dropped.append(g) }
        }
        diagnostics += early.diagnostics[taken...]
        early.pendingHolders = nil
        if dropped.isEmpty {
            result.grants = grants
        } else {
            let dropped = Set(dropped)
            result.grants = GrantTable(grants.indices.filter { !dropped.contains($0) }.map { grants[$0] })
        }
    }

    /// The rows of a file of instruments (options.csv, convertibles.csv),
    /// each handed to `read` with its holder's and id's slots fetched some
    /// rows ahead.
    mutating func readInstruments(_ rows: RowReader, _ read: (inout CaseReading, Row) -> Void) {
        let holders = Ahead(rows, .holder), ids = Ahead(rows, .id)
        rows.forEach(&self) { reading, row, next in
            if reading.pendingHolders == nil { holders.prefetch(next, reading.personIDs) }
            ids.prefetch(next, reading.instrumentIDs)
            read(&reading, row)
        }
        rows.finish(&self)
    }

    /// One row in the columns of grants (options.csv, or an instrument
    /// issued in transactions.csv); nil (and reported) when wrong.
    mutating func grant(_ row: Row) -> Grant? {
        let id = text(row, .id, isID: true)
        let holder = pendingHolders == nil ? optionalPerson(row, .holder) : pendingHolder(row)
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

/// The holders named in options.csv while it is read on another core
/// before persons.csv is done (`CaseLoader`): each id's bytes, to be
/// looked up, in order, once every person is defined (`takeGrants`), with
/// what its problem would need: its row's place, its grant, and how many
/// of options.csv's problems come before it. About 14 bytes a holder; the
/// places and grants kept as runs, which a file of a grant a line makes one.
struct PendingHolders {
    private var bytes: [UInt8] = []
    private var lengths: [UInt32] = []
    /// Runs of holders on consecutive records, lines and grants: the first
    /// holder's number, record, line and grant (-1: none).
    private var runs: [(first: Int, record: Int, line: Int, grant: Int)] = []
    /// Runs of holders with as many of the file's problems before them.
    private var problems: [(first: Int, count: Int)] = []
    private var locator: Locator?
    private var field = 0

    var count: Int { lengths.count }

    /// Room for `n` holders, most of them of up to 16 bytes.
    mutating func reserveCapacity(_ n: Int) {
        lengths.reserveCapacity(n)
        bytes.reserveCapacity(n * 16)
    }

    /// Where a holder's problem goes, and its grant.
    struct Place {
        let record: Int, line: Int
        let grant: Int?
        let problemsBefore: Int
    }

    /// The place of the holder's field.
    func location(_ place: Place) -> SourceLocation {
        locator!.location(record: place.record, index: field, line: place.line)
    }

    /// Keeps the holder `b` of `row`, whose grant will be number `grant`
    /// if kept, with `problemsBefore` of the file's problems before it.
    mutating func add(_ b: ValueParser.Bytes, row: Row, grant: Int, problemsBefore: Int) {
        let n = count
        if locator == nil { (locator, field) = (row.rows.locator, row.field(.holder)!) }
        bytes.append(contentsOf: b)
        lengths.append(UInt32(b.count))  // a field is at most CSVReader.maximumFieldBytes
        if let r = runs.last, r.grant >= 0, row.record - r.record == n - r.first,
           row.line - r.line == n - r.first, grant - r.grant == n - r.first {
            // The next of the run.
        } else {
            runs.append((n, row.record, row.line, grant))
        }
        if problems.last?.count != problemsBefore { problems.append((n, problemsBefore)) }
    }

    /// The last holder's row made no grant.
    mutating func dropGrantOfLast() {
        let n = count - 1, r = runs[runs.count - 1]
        if r.first == n {
            runs[runs.count - 1].grant = -1
        } else {
            runs.append((n, r.record + n - r.first, r.line + n - r.first, -1))
        }
    }

    /// Each holder's id and place, in order; the persons' ids `table`
    /// asked for some holders ahead, as a row's are.
    func forEach(_ table: borrowing IDTable, _ body: (ValueParser.Bytes, Place) -> Void) {
        guard locator != nil else { return }
        bytes.withUnsafeBufferPointer { all in
            var start = 0, aheadStart = 0, ahead = 0
            var run = 0, problem = 0
            for n in 0..<count {
                while ahead < count && ahead <= n + Ahead.distance {
                    table.prefetch(UnsafeBufferPointer(rebasing: all[aheadStart..<aheadStart + Int(lengths[ahead])]))
                    aheadStart += Int(lengths[ahead])
                    ahead += 1
                }
                while run + 1 < runs.count && runs[run + 1].first <= n { run += 1 }
                while problem + 1 < problems.count && problems[problem + 1].first <= n { problem += 1 }
                let r = runs[run], step = n - r.first
                let end = start + Int(lengths[n])
                body(UnsafeBufferPointer(rebasing: all[start..<end]),
                     Place(record: r.record + step, line: r.line + step, grant: r.grant < 0 ? nil : r.grant + step,
                           problemsBefore: problems[problem].count))
                start = end
            }
        }
    }
}
