import CSVReading

/// The holdings of a case, kept column by column: a book of ten million lots
/// takes 13 bytes a lot (holder, class, shares, powers) instead of a
/// structure with its own strings. Shares take 32 bits; the rare lot of
/// 2^32 - 1 shares or more keeps its count aside. A lot's line is not stored: lots follow
/// the lines of their file, so a line is the lot's number plus the offset of
/// the run it is in, and a new run starts only where a line is skipped.
///
/// It reads as a collection of `Holding`s, each made on access; code on a hot
/// path reads the columns instead. A note is kept only for the lots that have
/// one, and a place only where it is not column 1 of a line of the file most
/// lots come from.
public struct HoldingTable: RandomAccessCollection, Sendable {
    public private(set) var holders: [Int32] = []
    public private(set) var classes: [Int32] = []
    /// Shares; `UInt32.max` for a count kept in `wideShares`.
    private var narrowShares: [UInt32] = []
    private var wideShares: [Int32: Int] = [:]
    /// Voting power in the low two bits, dispositive power in the next two.
    private var powers: [UInt8] = []
    /// Where each run of lots on consecutive lines starts, and the line of
    /// lot i in it less i; by start.
    private var runStarts: [Int32] = []
    private var runOffsets: [Int] = []
    /// The file of every lot whose place is not in `places`.
    private var file: String?
    /// Places that are not (file, line, 1), by lot.
    private var places: [Int32: SourceLocation] = [:]
    private var notes: [Int32: String] = [:]

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
            Holding(holder: Int(holders[i]), classIndex: Int(classes[i]), shares: Shares(shareCount(i)),
                    voting: voting(i), dispositive: dispositive(i), note: notes[Int32(i)], location: location(i))
        }
        set { set(i, newValue) }
    }

    public func location(_ i: Int) -> SourceLocation {
        if let place = places[Int32(i)] { return place }
        return SourceLocation(file: file ?? "", line: line(i), column: 1)
    }

    /// The line of lot `i` by its run: the last run that starts at or before it.
    private func line(_ i: Int) -> Int {
        var lo = 0, hi = runStarts.count  // the run is the last with start <= i
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(runStarts[mid]) <= i { lo = mid } else { hi = mid }
        }
        return runOffsets.isEmpty ? 0 : i + runOffsets[lo]
    }

    /// Records that the lot appended last, number i, is on `line`.
    private mutating func appendLine(_ line: Int, at i: Int) {
        if runOffsets.last.map({ i + $0 }) != line {
            runStarts.append(Int32(i))
            runOffsets.append(line - i)
        }
    }

    public mutating func reserveCapacity(_ n: Int) {
        holders.reserveCapacity(n); classes.reserveCapacity(n); narrowShares.reserveCapacity(n)
        powers.reserveCapacity(n)
    }

    public mutating func append(_ h: Holding) {
        holders.append(0); classes.append(0); narrowShares.append(0); powers.append(0)
        let i = count - 1
        // A lot not on column 1 of the file keeps its place aside; its line
        // still counts for the run, so that the next lot needs no new one.
        appendLine(h.location.line, at: i)
        set(i, h)
    }

    /// A lot of the loader's hot path: a place on column 1 of `file`, no note.
    mutating func append(holder: Int32, classIndex: Int32, shares: Int, voting: Power, dispositive: Power,
                         file: String, line: Int) {
        if self.file == nil { self.file = file }
        guard self.file == file, count < Int(Int32.max) else {
            append(Holding(holder: Int(holder), classIndex: Int(classIndex), shares: Shares(shares), voting: voting,
                           dispositive: dispositive, note: nil, location: SourceLocation(file: file, line: line, column: 1)))
            return
        }
        appendLine(line, at: count)
        let narrow = narrowCount(shares)
        if narrow == .max { wideShares[Int32(count)] = shares }
        holders.append(holder); classes.append(classIndex); narrowShares.append(narrow)
        powers.append(UInt8(voting.rawValue | dispositive.rawValue << 2))
    }

    private mutating func set(_ i: Int, _ h: Holding) {
        holders[i] = Int32(h.holder)
        classes[i] = Int32(h.classIndex)
        narrowShares[i] = narrowCount(h.shares.count)
        wideShares[Int32(i)] = narrowShares[i] == .max ? h.shares.count : nil
        powers[i] = UInt8(h.voting.rawValue | h.dispositive.rawValue << 2)
        notes[Int32(i)] = h.note
        if file == nil { file = h.location.file }
        if h.location.file == file && h.location.column == 1 && h.location.line == line(i) {
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
