import CSVReading
import CapTableCore
import RawMemory

/// Instrument ids, unique across `options.csv`, `convertibles.csv` and the
/// instruments `transactions.csv` issues, each with where it was defined:
/// all that is needed to report an id defined twice, in about 30 bytes an id
/// rather than the 56 of an `IDTable` slot and a `Mark`.
///
/// A slot holds a 32-bit fingerprint of the id's hash and the id's number;
/// a fingerprint that matches is confirmed against the id's bytes, which are
/// kept once, one after another. Ids are numbered in the order defined.
struct InstrumentIDs {
    /// 0: empty; otherwise the fingerprint (never 0) in the high half, the number in the low.
    private var slots = [UInt64](repeating: 0, count: 16)
    private var bytes: [UInt8] = []
    /// Where the bytes of each id end in `bytes`.
    private var ends: [UInt32] = []
    /// Where each id was defined, its record and line, as runs: the first id
    /// of each run of ids on consecutive records whose lines follow their
    /// records (the ids of a file without a field of several lines are one
    /// run), with that id's record and line; (`Int.max`, `Int.max`) for a
    /// place beyond 32 bits (reported, as a `Mark` does, at the file's line 1).
    private var places: [(first: Int, record: Int, line: Int)] = []
    /// The runs of ids defined in one file: the first id's number, the
    /// file's places, and the id column.
    private var files: [(first: Int, locator: Locator, column: Int?)] = []

    var count: Int { ends.count }

    /// Why an id could not be recorded.
    enum Refusal: Error { case definedBefore(Int), tooManyBytes }

    /// Room for `n` ids in all before the table grows.
    mutating func reserveCapacity(_ n: Int) {
        if slots.count * 3 < n * 4 { rebuild(slotCount: n + n / 3 + 1) }
        ends.reserveCapacity(n)
        // Room for ids of up to 16 bytes, which is most: pages not written
        // to take no memory, and a buffer that doubled would leave holes.
        bytes.reserveCapacity(n * 16)
    }

    @inline(__always)
    private func start(_ hash: Int) -> Int { IDTable.start(hash, slots.count) }

    @inline(__always)
    private static func fingerprint(_ hash: Int) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: hash) | 1) << 32 }

    private func id(_ n: Int) -> ArraySlice<UInt8> { bytes[(n == 0 ? 0 : Int(ends[n - 1]))..<Int(ends[n])] }

    /// Records the id `key`, defined on `row` in `column`: the number of the
    /// id defined before with the same bytes, if any, is refused.
    mutating func define(_ key: UnsafeBufferPointer<UInt8>, row: Row, column: Column) -> Result<Void, Refusal> {
        let hash = IDTable.hash(key, head: IDTable.head(key))
        let print = InstrumentIDs.fingerprint(hash)
        var s = start(hash)
        while slots[s] != 0 {
            if slots[s] & 0xFFFF_FFFF_0000_0000 == print {
                let n = Int(UInt32(truncatingIfNeeded: slots[s]))
                if id(n).elementsEqual(key) { return .failure(.definedBefore(n)) }
            }
            s = s + 1 == slots.count ? 0 : s + 1
        }
        guard bytes.count + key.count <= Int(UInt32.max), count < Int(UInt32.max) else { return .failure(.tooManyBytes) }
        slots[s] = print | UInt64(count)
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
        if files.last?.locator !== row.rows.locator {
            files.append((count - 1, row.rows.locator, row.field(column)))
        }
        let fits = row.record <= Int(UInt32.max) && row.line <= Int(UInt32.max)
        let (record, line) = fits ? (row.record, row.line) : (Int.max, Int.max)
        let n = count - 1
        if let last = places.last, fits, last.record != .max, files.last!.first <= last.first,
           record - last.record == n - last.first, line - last.line == n - last.first {
            // The next record of the run, on the next line.
        } else {
            places.append((n, record, line))
        }
        // Three quarters full at most: linear probing stays short.
        if count * 4 > slots.count * 3 { rebuild(slotCount: slots.count * 2) }
        return .success(())
    }

    /// Where id `n` was defined.
    func location(of n: Int) -> SourceLocation {
        let file = files.last { $0.first <= n }!
        let run = places.last { $0.first <= n }!
        let step = run.record == .max ? 0 : n - run.first
        return Mark(locator: file.locator, record: run.record + step, index: file.column, line: run.line + step).location
    }

    /// Starts fetching the slot where a definition of `key` begins. Changes nothing.
    func prefetch(_ key: UnsafeBufferPointer<UInt8>) {
        let s = start(IDTable.hash(key, head: IDTable.head(key)))
        slots.withUnsafeBufferPointer { RawMemory.prefetch($0.baseAddress! + s) }
    }

    /// The ids numbered below `n`, as they were when only those were defined.
    func keeping(first n: Int) -> InstrumentIDs {
        var kept = InstrumentIDs()
        kept.ends = Array(ends.prefix(n))
        kept.bytes = Array(bytes.prefix(n == 0 ? 0 : Int(ends[n - 1])))
        kept.places = places.filter { $0.first < n }
        kept.files = files.filter { $0.first < n }
        kept.rebuild(slotCount: max(16, n + n / 3 + 1))
        return kept
    }

    /// `slotCount` slots, every id placed again.
    private mutating func rebuild(slotCount: Int) {
        var slots = [UInt64](repeating: 0, count: slotCount)
        self.slots = []
        bytes.withUnsafeBufferPointer { all in
            for n in 0..<count {
                let from = n == 0 ? 0 : Int(ends[n - 1])
                let key = UnsafeBufferPointer(rebasing: all[from..<Int(ends[n])])
                let hash = IDTable.hash(key, head: IDTable.head(key))
                var s = IDTable.start(hash, slotCount)
                while slots[s] != 0 { s = s + 1 == slotCount ? 0 : s + 1 }
                slots[s] = InstrumentIDs.fingerprint(hash) | UInt64(n)
            }
        }
        self.slots = slots
    }
}
