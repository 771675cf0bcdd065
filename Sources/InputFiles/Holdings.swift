import CSVReading
import CapTableCore
import RawMemory
import Foundation

extension CaseReading {
    /// holdings.csv. With `parts`, a large file is read in parts, by this
    /// thread and any other that joins (`HoldingParts.work`), each part by
    /// the same reading of a row (`readHolding`).
    mutating func readHoldings(_ files: [String: CSVInput], parts shared: HoldingParts? = nil) {
        let rows = open(files, "holdings.csv")
        var lineFeeds: Int?
        if let shared {
            var plan: HoldingParts.Plan?
            if rows.active, case .path(let path)? = files["holdings.csv"], let cut = shared.cut {
                lineFeeds = cut.lineFeeds
                if cut.parts.count > 1 {
                    var reading = self
                    reading.diagnostics = []
                    reading.result.holdings = HoldingTable()
                    reading.instrumentIDs = InstrumentIDs()
                    reading.progress = nil
                    plan = HoldingParts.Plan(path: path, file: rows.file, parts: cut.parts, lineFeeds: cut.lineFeeds,
                                             header: rows.header, reading: reading)
                }
            }
            // Told at once, so that a thread waiting to join goes on when there are no parts.
            shared.start(plan)
            if plan != nil {
                shared.work()
                if let (table, problems) = shared.finish() {
                    result.holdings = table
                    diagnostics += problems
                    return
                }
                // A part could not be parsed: the file is read here, whole
                // and in order, where its failure is reported.
            }
        }
        result.holdings.reserveCapacity(lineFeeds ?? files["holdings.csv"]?.lineCount() ?? 0)
        let ahead = Ahead(rows, .holder)
        rows.forEach(&self) { reading, row, next in
            ahead.prefetch(next, reading.personIDs)
            reading.readHolding(row)
        }
        rows.finish(&self)
    }

    /// One lot: appended to the holdings, or its problems reported.
    @inline(__always)
    mutating func readHolding(_ row: Row) {
        let holder = person(row, .holder)
        let c = shareClass(row)
        let shares = required(row, .shares, ValueParser.shares)
        let voting = power(row, .voting, default: .sole)
        let dispositive = power(row, .dispositive, default: .sole)
        // Item 403(b): shares of the lot pledged as security, or a flag: yes for all of them, no for none.
        let pledged = optional(row, .pledged) { b, column -> Result<Shares, ValueError> in
            if case .success(let all) = ValueParser.flag(b, column: column) { return .success(all ? shares ?? .zero : .zero) }
            return ValueParser.shares(b, column: column)
        }
        if let pledged, let shares, pledged > shares {
            report(row.location(.pledged), "pledged \(grouped(pledged.count)) is more than the lot's \(grouped(shares.count)) shares")
            return
        }
        guard let holder, let c, let shares, let voting, let dispositive else { return }
        result.holdings.append(holder: Int32(holder), classIndex: Int32(c), shares: shares.count, voting: voting,
                               dispositive: dispositive, file: row.file, line: row.line)
        if let note = row.bytes(.note) { result.holdings.setLastNote(note) }
        if let pledged, pledged.count > 0 { result.holdings.setLastPledged(pledged) }
    }
}

/// holdings.csv read in parts by two threads at once: the thread that reads
/// it, from the first part on, and any thread that is done with its own
/// files and joins (`work`). Each part is read by its own stream, by the
/// reading of a row that reads the whole file (`readHolding`), into a table
/// and problems of its own, which join the whole in file order as soon as
/// the parts before them have.
///
/// A part that cannot be parsed fails the whole: the file is then read
/// again, whole, in order, where the parse failure is reported with its place.
final class HoldingParts: Sendable {
    struct Plan {
        let path: String, file: String
        let parts: [(bytes: Range<Int>, firstLine: Int)]
        let lineFeeds: Int
        let header: RowReader.Header
        /// What a part's rows look up: persons and classes, nothing read yet.
        let reading: CaseReading
    }

    /// What the threads share: the plan, the next part to hand out, the
    /// parts read and not yet joined, the whole so far.
    private struct State {
        var plan: Plan?
        var next = 0
        var read: [(HoldingTable, [Diagnostic])?] = []
        var joined = 0
        var whole = HoldingTable()
        var problems: [Diagnostic] = []
        var failed = false
        var isDecided = false
    }

    private let state = Locked(State())
    private let claimed = DispatchGroup()
    /// Signalled once whether the file is read in parts is known.
    private let decided = DispatchSemaphore(value: 0)

    /// Where the file is cut (`CSVInput.parts`); nil when it could not be read.
    let cut: CSVInput.Parts?

    init(cut: CSVInput.Parts?) { self.cut = cut }

    /// Hands out the parts of `plan`; nil: the file is not read in parts.
    func start(_ plan: Plan?) {
        state.withLock { state in
            guard !state.isDecided else { return }
            state.isDecided = true
            if let plan {
                state.plan = plan
                state.read = Array(repeating: nil, count: plan.parts.count)
                state.whole.reserveCapacity(plan.lineFeeds)
            }
            decided.signal()
        }
    }

    /// Reads parts until none is left, or one has failed; first waits to
    /// know whether the file is read in parts at all.
    func work() {
        decided.wait()
        decided.signal()
        while let (k, plan) = claim() {
            let part = HoldingParts.read(plan, part: k)
            state.withLock { state in
                guard let part else { state.failed = true; return }
                state.read[k] = part
                // Joined in order, each as soon as the parts before it are.
                while state.joined < state.read.count, let (table, found) = state.read[state.joined] {
                    state.whole.append(contentsOf: table)
                    state.problems += found
                    state.read[state.joined] = nil
                    state.joined += 1
                }
            }
            claimed.leave()
        }
    }

    private func claim() -> (Int, Plan)? {
        state.withLock { state in
            guard let plan = state.plan, !state.failed, state.next < plan.parts.count else { return nil }
            claimed.enter()
            state.next += 1
            return (state.next - 1, plan)
        }
    }

    /// How many parts were read and joined into the table `finish` returned.
    var joinedParts: Int { state.withLock { $0.failed ? 0 : $0.joined } }

    /// Once every part is handed out: waits for the parts being read, and
    /// returns the whole table and the problems found; nil when a part failed.
    func finish() -> (HoldingTable, [Diagnostic])? {
        claimed.wait()
        return state.withLock { state in
            guard !state.failed, state.joined == state.read.count else { return nil }
            // Handed over, not shared: the caller's table is then its only owner.
            defer { state.whole = HoldingTable(); state.problems = [] }
            return (state.whole, state.problems)
        }
    }

    /// Part `k`'s lots and problems; nil when the part cannot be parsed.
    static func read(_ plan: Plan, part k: Int) -> (HoldingTable, [Diagnostic])? {
        let (bytes, firstLine) = plan.parts[k]
        let rows = RowReader(plan.header, part: CSVStream(.path(plan.path), file: plan.file, part: (bytes, firstLine)))
        var reading = plan.reading
        let next = k + 1 < plan.parts.count ? plan.parts[k + 1].firstLine : plan.lineFeeds + 2
        reading.result.holdings.reserveCapacity(next - firstLine)
        let ahead = Ahead(rows, .holder)
        rows.forEach(&reading) { reading, row, next in
            ahead.prefetch(next, reading.personIDs)
            reading.readHolding(row)
        }
        return rows.stream.failure != nil ? nil : (reading.result.holdings, reading.diagnostics)
    }
}
