import Attribution
import CapTableCore
import CSVReading
import Dispatch
import Foundation
import RawMemory

/// Progress on standard error, for a run that has taken more than a second,
/// and only when standard error is a terminal; nothing otherwise.
///
/// `CAPTABLE_PROGRESS_AFTER_MS` sets the second to another wait, in
/// milliseconds (0: at once), so that a short run can show it.
final class Progress: Sendable {
    private let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private let after: UInt64
    /// When a line was last shown, and its width.
    private let shown = Locked((at: UInt64(0), width: 0))

    init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
        let milliseconds = ProcessInfo.processInfo.environment["CAPTABLE_PROGRESS_AFTER_MS"].flatMap { UInt64($0) } ?? 1000
        after = milliseconds.multipliedReportingOverflow(by: 1_000_000).overflow ? .max : milliseconds * 1_000_000
    }

    /// Shows `text` in place of the last line shown, at most ten times a second.
    func update(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        shown.withLock { shown in
            guard now - start >= after, shown.at == 0 || now - shown.at > 100_000_000 else { return }
            shown.at = now
            let line = text()
            let pad = String(repeating: " ", count: max(0, shown.width - line.count))
            shown.width = line.count
            FileHandle.standardError.write(Data(("\r" + line + pad).utf8))
        }
    }

    /// Clears the line, if anything was shown.
    func finish() {
        guard enabled else { return }
        shown.withLock { shown in
            guard shown.width > 0 else { return }
            FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: shown.width) + "\r").utf8))
            shown.width = 0
        }
    }
}

/// What the command keeps until the process ends: the case and the tables
/// made from it. The system takes back a process's memory whole when it
/// exits, where releasing a large book first, table by table and entry by
/// entry, costs tens of milliseconds of a run that has nothing left to do
/// (about 45 ms after the output of a book of ten million lots is in place).
enum KeptUntilExit {
    private static let kept = Locked<[Any]>([])

    static func keep(_ value: Any) { kept.withLock { $0.append(value) } }
}

/// A class's part of the output, made on any thread and handed whole to the
/// one that writes it, which alone reads it after: bytes, the buffer a table
/// was written to (handed on rather than copied into an array), or, for a
/// document of megabytes a class (cover pages, the report), the class's
/// figures with the function that writes their text a part at a time, run
/// by the writing thread so that no class's text is ever held whole.
struct Piece {
    private let array: [UInt8]?
    private let buffer: ByteBuffer?
    private let parts: ((String) throws -> Void) throws -> Void

    init(_ bytes: [UInt8]) { (array, buffer, parts) = (bytes, nil, { _ in }) }
    init(_ buffer: ByteBuffer) { (array, self.buffer, parts) = (nil, buffer, { _ in }) }
    init(text: String) { self.init { try $0(text) } }
    /// `parts` hands the text to the function it is given, part by part.
    init(parts: @escaping ((String) throws -> Void) throws -> Void) { (array, buffer, self.parts) = (nil, nil, parts) }

    func write(to sink: OutputSink) throws {
        if let buffer { return try buffer.withBytes { try sink.write(bytes: $0) } }
        if let array { return try array.withUnsafeBytes { try sink.write(bytes: $0) } }
        try parts { try sink.write($0) }
    }
}

/// The classes left to compute, handed out in order, at most `window` ahead
/// of the one being written.
final class Claims: Sendable {
    /// The next class to hand out, and whether handing out has stopped.
    private let state = Locked((next: 0, stopped: false))
    let count: Int
    let room: DispatchSemaphore

    init(count: Int, window: Int) {
        self.count = count
        room = DispatchSemaphore(value: window)
    }

    /// The next class to compute, after waiting for room; nil when none is left.
    func claim() -> Int? {
        room.wait()
        return state.withLock { state in
            guard !state.stopped, state.next < count else { room.signal(); return nil }
            state.next += 1
            return state.next - 1
        }
    }

    /// No class is handed out after this; a worker waiting for room returns.
    func stop(workers: Int) {
        state.withLock { $0.stopped = true }
        for _ in 0..<workers { room.signal() }
    }
}

/// Attributors of a case replayed to each date, made once a date, by any thread.
final class AttributorsByDate: Sendable {
    private let c: Case
    private let byDate = Locked<[CalendarDate: Attributor]>([:])

    init(_ c: Case) { self.c = c }

    func attributor(on date: CalendarDate) -> Attributor {
        byDate.withLock { byDate in
            if let a = byDate[date] { return a }
            let a = Attributor(c.replayed(through: date))
            byDate[date] = a
            return a
        }
    }
}

/// How many classes each core may compute beyond the one being written, for
/// a table (a class's rows: a few hundred kilobytes in the benchmark's books).
/// At 16, the pieces waiting were often out of the cache by the time they
/// were written, and memory held more of them: `ownership --format csv` of
/// the realistic book, runs of each in turn, took 5.26 s at N = 10 with 4
/// against 5.46 s with 16 (5.49 against 5.66 s in a second set), and its
/// peak at N = 1 was 87.4-89.6 MB against 88.3-95.0 MB (eleven runs; 8
/// gave 87.4-92.4 MB, 2 gave 87.2-88.6 MB but 5.41 s at N = 10).
let tableClassesAhead = 4

/// The same, for a document of megabytes a class (cover pages, the
/// workbook's sheets): 32 of those in memory at once were 135 MB for the
/// scale-1 book.
let documentClassesAhead = 1

/// Computes each class of the selection on every core and hands the results
/// to `consume` in the order of the selection. A core takes the next class
/// as soon as it is done with one, a few classes ahead of the one being
/// consumed (written) at most, so that memory holds those results rather
/// than the whole book's, and no core waits for another between classes.
///
/// `attributor` serves every class when given (a case without
/// transactions); otherwise each date gets its own, on the case replayed.
/// `ahead`: how many classes each core may compute beyond the one consumed
/// (`tableClassesAhead` for tables, `documentClassesAhead` for documents).
func eachClass<T>(_ c: Case, _ selection: [(classIndex: Int, asOf: CalendarDate)], attributor single: Attributor?,
                            progress: Progress, ahead: Int = tableClassesAhead,
                            _ work: @escaping @Sendable (Attributor, Int, CalendarDate) -> T,
                            _ consume: (T) throws -> Void) rethrows {
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let results = Slots<T>(count: selection.count)
    let claims = Claims(count: selection.count, window: workers * ahead)
    let attributors = AttributorsByDate(c)
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = claims.claim() {
                let (k, date) = selection[i]
                results.put(work(single ?? attributors.attributor(on: date), k, date), at: i)
            }
        }
    }
    // However `consume` ends, no class is left computing.
    defer {
        claims.stop(workers: workers)
        group.wait()
    }
    for i in 0..<selection.count {
        let result = results.take(i)
        claims.room.signal()
        try consume(result)
        progress.update("\(i + 1) of \(selection.count) classes computed")
    }
}

/// A flag any thread may raise.
final class RaisedFlag: Sendable {
    private let raised = Locked(false)
    func set() { raised.withLock { $0 = true } }
    var isSet: Bool { raised.withLock { $0 } }
}
