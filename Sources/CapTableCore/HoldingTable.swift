import CSVReading

/// The holdings of a case, kept column by column: a book of ten million lots
/// takes 9 bytes a lot (holder, shares, powers) instead of a structure with
/// its own strings. Shares take 32 bits; the rare lot of 2^32 - 1 shares or
/// more keeps its count aside. A lot's line is not stored: lots follow the
/// lines of their file, so a line is the lot's number plus the offset of the
/// run it is in, and a new run starts only where a line is skipped. Nor,
/// while a file lists its lots class by class, is a lot's class: it is that
/// of its run of lots of one class.
///
/// It reads as a collection of `Holding`s, each made on access; code on a hot
/// path reads the columns instead. A note is kept only for the lots that have
/// one, and a place only where it is not column 1 of a line of the file most
/// lots come from.
public struct HoldingTable: RandomAccessCollection, Sendable {
    public private(set) var holders: [Int32] = []
    /// The class of each lot: as runs of lots of one class (each run's
    /// first lot and its class) while runs are at most one lot in 16, and
    /// as a whole column after.
    private var classRunStarts: [Int32] = []
    private var classRunClasses: [Int32] = []
    private var classColumn: [Int32]?
    /// Shares; `UInt32.max` for a count kept in `wideShares`.
    private var narrowShares: [UInt32] = []
    private var wideShares: [Int32: Int] = [:]
    /// Voting power in the low two bits, dispositive power in the next two.
    private var powers: [UInt8] = []
    /// The line of each lot.
    private var lines = LineRuns()
    /// The file of every lot whose place is not in `places`.
    private var file: String?
    /// Places that are not (file, line, 1), by lot.
    private var places: [Int32: SourceLocation] = [:]
    private var notes = NoteStore()
    /// Shares of a lot pledged as security (Item 403(b)), for the lots that have any.
    private var pledges: [Int32: Shares] = [:]

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { holders.count }

    /// The shares of lot `i`.
    @inline(__always)
    public func shareCount(_ i: Int) -> Int {
        let n = narrowShares[i]
        return n != .max ? Int(n) : wideShares[Int32(i)]!
    }

    public func voting(_ i: Int) -> Power { Power(rawValue: Int(powers[i] & 3))! }
    public func dispositive(_ i: Int) -> Power { Power(rawValue: Int(powers[i] >> 2))! }

    public subscript(i: Int) -> Holding {
        get {
            Holding(holder: Int(holders[i]), classIndex: classIndex(i), shares: Shares(shareCount(i)),
                    voting: voting(i), dispositive: dispositive(i), note: notes[Int32(i)], location: location(i),
                    pledged: pledges[Int32(i)])
        }
        set { set(i, newValue) }
    }

    public func location(_ i: Int) -> SourceLocation {
        if let place = places[Int32(i)] { return place }
        return SourceLocation(file: file ?? "", line: lines.line(i), column: 1)
    }


    /// The class of lot `i`.
    public func classIndex(_ i: Int) -> Int {
        if let classColumn { return Int(classColumn[i]) }
        return Int(classRunClasses[LineRuns.run(of: i, starts: classRunStarts)])
    }

    /// Calls `body` with each lot and its class, in lot order.
    public func forEachClass(_ body: (_ lot: Int, _ classIndex: Int) -> Void) {
        if let classColumn {
            for (i, k) in classColumn.enumerated() { body(i, Int(k)) }
            return
        }
        forEachRun { lots, k in for i in lots { body(i, k) } }
    }

    /// Calls `body` with each run of lots of one class, while classes are kept as runs.
    private func forEachRun(_ body: (_ lots: Range<Int>, _ classIndex: Int) -> Void) {
        for r in classRunStarts.indices {
            let end = r + 1 < classRunStarts.count ? Int(classRunStarts[r + 1]) : count
            body(Int(classRunStarts[r])..<end, Int(classRunClasses[r]))
        }
    }

    /// The shares held in each of `classes` classes. A run of lots of one
    /// class is summed as it is stored, in 64 bits (fewer than 2^31 lots
    /// of under 2^32 shares each), rather than lot by lot through its class.
    public func sharesByClass(classes: Int) -> [Int128] {
        var held = [Int128](repeating: 0, count: classes)
        narrowShares.withUnsafeBufferPointer { shares in
            if let classColumn {
                for (i, k) in classColumn.enumerated() { held[Int(k)] += Int128(shares[i]) }
            } else {
                forEachRun { lots, k in
                    var sum: UInt64 = 0
                    for i in lots { sum &+= UInt64(shares[i]) }
                    held[k] += Int128(sum)
                }
            }
        }
        // A wide lot was counted as its marker, UInt32.max: its count instead.
        for (i, n) in wideShares { held[classIndex(Int(i))] += Int128(n) - Int128(UInt32.max) }
        return held
    }

    /// Where the lots of each of `classes` classes are, when the lots list
    /// every class in one run and the runs in class order: the lots of class
    /// k are `start[k]..<start[k + 1]`. Nil otherwise.
    public func classRanges(classes: Int) -> [Int]? {
        guard classColumn == nil else { return nil }
        var start = [Int](repeating: 0, count: classes + 1)
        var next = 0  // the first class whose start is not yet known
        for (r, k) in classRunClasses.enumerated() {
            let k = Int(k)
            guard k >= next, k < classes else { return nil }
            for j in next...k { start[j] = Int(classRunStarts[r]) }
            next = k + 1
        }
        for j in next...classes { start[j] = count }
        return start
    }

    /// Records the class of the lot appended last, number i.
    private mutating func appendClass(_ k: Int32, at i: Int) {
        if classColumn != nil { classColumn!.append(k); return }
        guard classRunClasses.last != k else { return }
        classRunStarts.append(Int32(i))
        classRunClasses.append(k)
        // Runs that do not save memory any more: the whole column instead.
        if classRunClasses.count > 64 && classRunClasses.count * 16 > i + 1 { makeClassColumn(upTo: i + 1) }
    }

    private mutating func makeClassColumn(upTo n: Int) {
        var column: [Int32] = []
        column.reserveCapacity(Swift.max(n, holders.capacity))
        for r in classRunStarts.indices {
            let end = r + 1 < classRunStarts.count ? Int(classRunStarts[r + 1]) : n
            column.append(contentsOf: repeatElement(classRunClasses[r], count: end - Int(classRunStarts[r])))
        }
        classColumn = column
        (classRunStarts, classRunClasses) = ([], [])
    }


    public mutating func reserveCapacity(_ n: Int) {
        holders.reserveCapacity(n); classColumn?.reserveCapacity(n); narrowShares.reserveCapacity(n)
        powers.reserveCapacity(n)
    }

    public mutating func append(_ h: Holding) {
        appendClass(Int32(h.classIndex), at: count)
        holders.append(Int32(h.holder)); narrowShares.append(0); powers.append(0)
        let i = count - 1
        // A lot not on column 1 of the file keeps its place aside; its line
        // still counts for the run, so that the next lot needs no new one.
        lines.append(h.location.line, at: i)
        set(i, h)
    }

    /// A lot of the loader's hot path: a place on column 1 of `file`, no note.
    package mutating func append(holder: Int32, classIndex: Int32, shares: Int, voting: Power, dispositive: Power,
                         file: String, line: Int) {
        if self.file == nil { self.file = file }
        guard self.file == file, count < Int(Int32.max) else {
            append(Holding(holder: Int(holder), classIndex: Int(classIndex), shares: Shares(shares), voting: voting,
                           dispositive: dispositive, note: nil, location: SourceLocation(file: file, line: line, column: 1)))
            return
        }
        lines.append(line, at: count)
        let narrow = narrowCount(shares)
        if narrow == .max { wideShares[Int32(count)] = shares }
        appendClass(classIndex, at: count)
        holders.append(holder); narrowShares.append(narrow)
        powers.append(UInt8(voting.rawValue | dispositive.rawValue << 2))
    }

    /// The note of the last lot appended (the hot path's, for a row with one).
    package mutating func setLastNote(_ note: UnsafeBufferPointer<UInt8>) { notes.set(Int32(count - 1), note) }

    /// The shares of the last lot appended pledged as security.
    package mutating func setLastPledged(_ shares: Shares) { pledges[Int32(count - 1)] = shares }

    /// Appends the lots of `other`, in order: a table read in parts, joined.
    public mutating func append(contentsOf other: HoldingTable) {
        let base = count
        if file == nil { file = other.file }
        guard file == other.file || other.isEmpty else {
            for h in other { append(h) }
            return
        }
        // Classes: the other's runs after ours, or whole columns.
        var runs = false
        if classColumn == nil && other.classColumn == nil {
            // Runs of one class, the other's first joined to our last when it is of the same class.
            for (r, k) in other.classRunClasses.enumerated() where classRunClasses.last != k {
                classRunStarts.append(Int32(base) + other.classRunStarts[r])
                classRunClasses.append(k)
            }
            runs = true
        } else {
            if classColumn == nil { makeClassColumn(upTo: base) }
            if let column = other.classColumn {
                classColumn!.append(contentsOf: column)
            } else {
                other.forEachClass { _, k in classColumn!.append(Int32(k)) }
            }
        }
        holders.append(contentsOf: other.holders)
        narrowShares.append(contentsOf: other.narrowShares)
        powers.append(contentsOf: other.powers)
        if runs && classRunClasses.count > 64 && classRunClasses.count * 16 > count { makeClassColumn(upTo: count) }
        lines.append(contentsOf: other.lines, at: base)
        for (i, n) in other.wideShares { wideShares[Int32(base) + i] = n }
        for (i, place) in other.places { places[Int32(base) + i] = place }
        notes.append(contentsOf: other.notes, base: Int32(base))
        for (i, n) in other.pledges { pledges[Int32(base) + i] = n }
    }

    /// Shares of lot `i` pledged as security; nil for none.
    public func pledged(_ i: Int) -> Shares? { pledges.isEmpty ? nil : pledges[Int32(i)] }

    private mutating func set(_ i: Int, _ h: Holding) {
        holders[i] = Int32(h.holder)
        if classIndex(i) != h.classIndex {
            // A lot that changes class breaks its run: the whole column from then on.
            if classColumn == nil { makeClassColumn(upTo: count) }
            classColumn![i] = Int32(h.classIndex)
        }
        narrowShares[i] = narrowCount(h.shares.count)
        wideShares[Int32(i)] = narrowShares[i] == .max ? h.shares.count : nil
        powers[i] = UInt8(h.voting.rawValue | h.dispositive.rawValue << 2)
        notes[Int32(i)] = h.note
        pledges[Int32(i)] = h.pledged
        if file == nil { file = h.location.file }
        if h.location.file == file && h.location.column == 1 && h.location.line == lines.line(i) {
            places[Int32(i)] = nil
        } else {
            places[Int32(i)] = h.location
        }
    }

    public mutating func removeAll(where remove: (Holding) throws -> Bool) rethrows {
        var kept = HoldingTable()
        kept.file = file
        for h in self where try !remove(h) { kept.append(h) }
        self = kept
    }
}

/// A count in 32 bits, as holdings and grants store shares: `UInt32.max`
/// for one that does not fit (or is negative), which is then kept aside.
func narrowCount(_ n: Int) -> UInt32 { UInt32(exactly: n).map { $0 == .max ? .max : $0 } ?? .max }

/// The lines of items that follow the lines of their file, kept as runs:
/// where each run of items on consecutive lines starts, and the line of
/// item i in it less i. A new run starts only where a line is skipped.
struct LineRuns: Sendable {
    private var starts: [Int32] = []
    private var offsets: [Int] = []

    /// The line of item `i`.
    func line(_ i: Int) -> Int {
        offsets.isEmpty ? 0 : i + offsets[LineRuns.run(of: i, starts: starts)]
    }

    /// Records that item `i`, the last, is on `line`.
    mutating func append(_ line: Int, at i: Int) {
        if offsets.last.map({ i + $0 }) != line {
            starts.append(Int32(i))
            offsets.append(line - i)
        }
    }

    /// Appends the items of `other` after the first `base` items.
    mutating func append(contentsOf other: LineRuns, at base: Int) {
        for (r, start) in other.starts.enumerated() {
            let i = base + Int(start), line = i + other.offsets[r] - base
            append(line, at: i)
        }
    }

    /// The run item `i` is in: the last of `starts` at or before it.
    static func run(of i: Int, starts: [Int32]) -> Int {
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(starts[mid]) <= i { lo = mid } else { hi = mid }
        }
        return lo
    }
}

/// The notes of a table's lots, their text kept one after another in a few
/// large buffers, and where each is in a list in the order of the lots,
/// rather than a heap block and a dictionary entry each: the scale-1 book
/// has 100,000 notes. A table joined to another (a part of holdings.csv
/// read on its own) hands over its buffers, which are not copied.
struct NoteStore {
    /// A buffer is not grown past this: the places in one are 32-bit.
    static let bufferBytes = 1 << 30
    private var texts: [[UInt8]] = [[]]
    /// Each lot with a note, in increasing order, and where its note is in `texts`.
    private var entries: [(lot: Int32, text: UInt32, start: UInt32, count: UInt32)] = []

    /// The index in `entries` of the first lot at or after `lot`.
    private func position(_ lot: Int32) -> Int {
        if let last = entries.last, last.lot < lot { return entries.count }
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].lot < lot { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    subscript(lot: Int32) -> String? {
        get {
            let i = position(lot)
            guard i < entries.count, entries[i].lot == lot else { return nil }
            let e = entries[i], start = Int(e.start)
            return String(decoding: texts[Int(e.text)][start..<(start + Int(e.count))], as: UTF8.self)
        }
        set {
            guard var note = newValue else {
                let i = position(lot)
                if i < entries.count, entries[i].lot == lot { entries.remove(at: i) }
                return
            }
            note.withUTF8 { set(lot, $0) }
        }
    }

    /// A note of at most `CSVReader.maximumFieldBytes` (1 MiB), as every field is.
    mutating func set(_ lot: Int32, _ note: UnsafeBufferPointer<UInt8>) {
        if texts[texts.count - 1].count + note.count > NoteStore.bufferBytes { texts.append([]) }
        let t = texts.count - 1
        let entry = (lot, UInt32(t), UInt32(texts[t].count), UInt32(note.count))
        texts[t].append(contentsOf: note)
        let i = position(lot)
        if i < entries.count, entries[i].lot == lot { entries[i] = entry } else { entries.insert(entry, at: i) }
    }

    /// The notes of `other`, whose lot 0 is lot `base` here, after every lot here.
    mutating func append(contentsOf other: NoteStore, base: Int32) {
        let offset = UInt32(texts.count)
        texts += other.texts
        for e in other.entries { entries.append((base + e.lot, e.text + offset, e.start, e.count)) }
    }
}
