import Attribution
import CapTableCore
import Dispatch
import Foundation

/// Progress on standard error, for a run that has taken more than a second,
/// and only when standard error is a terminal; nothing otherwise.
///
/// `CAPTABLE_PROGRESS_AFTER_MS` sets the second to another wait, in
/// milliseconds (0: at once), so that a short run can show it.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private let after: UInt64
    private var lastShown: UInt64 = 0
    private var width = 0
    private let lock = NSLock()

    init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
        let milliseconds = ProcessInfo.processInfo.environment["CAPTABLE_PROGRESS_AFTER_MS"].flatMap { UInt64($0) } ?? 1000
        after = milliseconds.multipliedReportingOverflow(by: 1_000_000).overflow ? .max : milliseconds * 1_000_000
    }

    /// Shows `text` in place of the last line shown, at most ten times a second.
    func update(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        guard now - start >= after, lastShown == 0 || now - lastShown > 100_000_000 else { return }
        lastShown = now
        let line = text()
        let pad = String(repeating: " ", count: max(0, width - line.count))
        width = line.count
        FileHandle.standardError.write(Data(("\r" + line + pad).utf8))
    }

    /// Clears the line, if anything was shown.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard width > 0 else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: width) + "\r").utf8))
        width = 0
    }
}

/// Results written by several threads, each to its own slot.
final class Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// Computes each class of the selection on every core, a batch of classes at
/// a time, and hands the results to `consume` in the order of the selection,
/// so that memory holds two batches of results rather than the whole book:
/// the one being consumed (written) and the next, computed meanwhile.
///
/// `attributor` serves every class when given (a case without
/// transactions); otherwise each date gets its own, on the case replayed.
func eachClass<T: Sendable>(_ c: Case, _ selection: [(classIndex: Int, asOf: CalendarDate)], attributor single: Attributor?,
                            progress: Progress,
                            _ work: @escaping @Sendable (Attributor, Int, CalendarDate) -> T,
                            _ consume: (T) throws -> Void) rethrows {
    var byDate: [CalendarDate: Attributor] = [:]
    let batch = max(1, ProcessInfo.processInfo.activeProcessorCount * 16)
    var done = 0
    var computing: (group: DispatchGroup, results: Slots<T>)?
    // However `consume` ends, no batch is left computing.
    defer { computing?.group.wait() }
    var start = 0
    repeat {
        var next: (group: DispatchGroup, results: Slots<T>)?
        if start < selection.count {
            let part = selection[start..<min(selection.count, start + batch)]
            let jobs: [(Attributor, Int, CalendarDate)] = part.map { s in
                if let single { return (single, s.classIndex, s.asOf) }
                if byDate[s.asOf] == nil { byDate[s.asOf] = Attributor(c.replayed(through: s.asOf)) }
                return (byDate[s.asOf]!, s.classIndex, s.asOf)
            }
            let results = Slots<T>(count: jobs.count)
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) {
                DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
                    (results.base + i).initialize(to: work(jobs[i].0, jobs[i].1, jobs[i].2))
                }
            }
            next = (group, results)
        }
        // The batch before is written while this one is computed.
        if let (group, results) = computing {
            group.wait()
            computing = nil
            for i in 0..<results.count { try consume(results.base[i]) }
            done += results.count
            progress.update("\(done) of \(selection.count) classes computed")
        }
        computing = next
        start += batch
    } while computing != nil
}

/// A flag any thread may raise.
final class RaisedFlag: @unchecked Sendable {
    private var raised = false
    private let lock = NSLock()
    func set() { lock.lock(); raised = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return raised }
}
