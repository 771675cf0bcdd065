import CSVReading
import RawMemory

/// The grants of a case (`options.csv`), each kept in 56 bytes rather than
/// a `Grant` of about 230: prices and caps as indices into tables of the
/// distinct values, which a book repeats; shares and indices in 32 bits,
/// vesting numbers in 16, dates packed in 32; lines as runs, as holdings
/// keep theirs; a note and a place only where a grant has one that is not
/// column 1 of a line of the file most grants come from. What does not fit
/// is kept aside.
///
/// It reads as a collection of `Grant`s, each made on access, and a grant
/// can be replaced in place or appended.
public struct GrantTable: RandomAccessCollection, Sendable {
    struct Stored: Sendable {
        var id: String
        var holder: Int32       // -1: none
        var classIndex: Int32
        var price: Int32        // in `prices`; -1: none
        var cap: Int32          // in `caps`; -1: none
        var shares: UInt32      // `UInt32.max`: in `wideShares`
        /// Packed (`GrantTable.pack`); 0 for none.
        var vestStart: UInt32, exercisableFrom: UInt32, expires: UInt32
        /// The vesting schedule's numbers when it has a start and they fit; otherwise in `dates`.
        var months: UInt16, cliffMonths: UInt16, everyMonths: UInt16
        /// The kind's index in `GrantKind.allCases` in the low bits; `hasNote` and `aside`.
        var bits: UInt8
        static let hasNote: UInt8 = 1 << 6
        /// The vesting schedule and the dates are in `dates`.
        static let aside: UInt8 = 1 << 7

        var kind: GrantKind { GrantKind.allCases[Int(bits & 15)] }
        var hasNote: Bool { bits & Stored.hasNote != 0 }
        var aside: Bool { bits & Stored.aside != 0 }
    }

    private var stored: [Stored] = []
    private var prices: [Price] = []
    private var priceIndex: [Price: Int32] = [:]
    private var caps: [Percent] = []
    private var capIndex: [Percent: Int32] = [:]
    private var file: String?
    /// The line of each grant, for those whose place is not in `places`.
    private var lines = LineRuns()
    /// Places that are not (file, line, 1), by grant.
    private var places: [Int32: SourceLocation] = [:]
    private var notes: [Int32: String] = [:]
    /// The schedule and dates of a grant whose numbers or dates do not fit its fields.
    private var dates: [Int32: (vesting: VestingSchedule?, exercisableFrom: CalendarDate?, expires: CalendarDate?)] = [:]
    private var wideShares: [Int32: Int] = [:]

    public init() {}

    public init(_ grants: [Grant]) {
        reserveCapacity(grants.count)
        for g in grants { append(g) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { stored.count }

    public mutating func reserveCapacity(_ n: Int) { stored.reserveCapacity(n) }

    public subscript(i: Int) -> Grant {
        get {
            let s = stored[i]
            let (from, expires) = window(s, i)
            return Grant(id: s.id, holder: s.holder < 0 ? nil : Int(s.holder), kind: s.kind, classIndex: Int(s.classIndex),
                         shares: Shares(shareCount(i)), exercisePrice: s.price < 0 ? nil : prices[Int(s.price)],
                         exercisableFrom: from, expires: expires, vesting: vesting(s, i),
                         cap: s.cap < 0 ? nil : caps[Int(s.cap)], note: s.hasNote ? notes[Int32(i)] : nil,
                         location: (places.isEmpty ? nil : places[Int32(i)]) ?? SourceLocation(file: file ?? "", line: lines.line(i), column: 1))
        }
        set { stored[i] = store(newValue, at: i) }
    }

    /// Grant `i`'s right on `asOf`, made from the terms it needs: not the
    /// grant's place, price or note, which a class's computing never reads.
    func right(_ i: Int, asOf: CalendarDate, controlIntent: Bool) -> RightToAcquire {
        let s = stored[i]
        let (from, expires) = window(s, i)
        return Grant.right(id: s.id, kind: s.kind, holder: s.holder < 0 ? nil : Int(s.holder), classIndex: Int(s.classIndex),
                           shares: Shares(shareCount(i)), exercisableFrom: from, expires: expires, vesting: vesting(s, i),
                           cap: s.cap < 0 ? nil : caps[Int(s.cap)], asOf: asOf, controlIntent: controlIntent)
    }

    /// Starts fetching grant `i`: a class's grants are spread over the whole table.
    func prefetch(_ i: Int) {
        stored.withUnsafeBufferPointer { if i < $0.count { RawMemory.prefetch($0.baseAddress! + i) } }
    }

    /// The holder of grant `i`, without making the grant.
    func holder(_ i: Int) -> Int? { stored[i].holder < 0 ? nil : Int(stored[i].holder) }

    /// The shares of grant `i`, without making the grant.
    public func shareCount(_ i: Int) -> Int {
        let n = stored[i].shares
        return n != .max ? Int(n) : wideShares[Int32(i)]!
    }

    /// Gives grant `i` the holder `holder`, its other terms unchanged.
    public mutating func setHolder(_ i: Int, _ holder: Int) {
        guard let h = Int32(exactly: holder) else { preconditionFailure("more persons than 2^31") }
        stored[i].holder = h
    }

    /// The class of grant `i`, without making the grant.
    public func classIndex(_ i: Int) -> Int { Int(stored[i].classIndex) }

    public mutating func append(_ g: Grant) {
        let s = store(g, at: stored.count)
        stored.append(s)
    }

    /// Grant `i`'s exercisable-from and expiry dates.
    private func window(_ s: Stored, _ i: Int) -> (exercisableFrom: CalendarDate?, expires: CalendarDate?) {
        if s.aside { return (dates[Int32(i)]!.exercisableFrom, dates[Int32(i)]!.expires) }
        return (GrantTable.unpack(s.exercisableFrom), GrantTable.unpack(s.expires))
    }

    private func vesting(_ s: Stored, _ i: Int) -> VestingSchedule? {
        if s.aside { return dates[Int32(i)]!.vesting }
        return GrantTable.unpack(s.vestStart).map {
            VestingSchedule(start: $0, months: Int(s.months), cliffMonths: Int(s.cliffMonths), everyMonths: Int(s.everyMonths))
        }
    }

    /// A date in 32 bits: the year (offset by 2^22), month and day; 0 for
    /// none; nil for a date too far from year 0 to fit.
    static func pack(_ d: CalendarDate?) -> UInt32? {
        guard let d else { return 0 }
        guard (-(1 << 22)..<(1 << 22)).contains(d.year) else { return nil }
        return UInt32(d.year + (1 << 22)) << 9 | UInt32(d.month) << 5 | UInt32(d.day)
    }

    static func unpack(_ p: UInt32) -> CalendarDate? {
        p == 0 ? nil : CalendarDate(unchecked: Int(p >> 9) - (1 << 22), Int(p >> 5 & 15), Int(p & 31))
    }

    /// The grant as stored at `i`, its price, cap, note, place and schedule recorded aside where they need it.
    private mutating func store(_ g: Grant, at i: Int) -> Stored {
        let replacing = i < stored.count
        guard let holder = Int32(exactly: g.holder ?? -1), let classIndex = Int32(exactly: g.classIndex),
              let key = Int32(exactly: i) else { preconditionFailure("more grants, persons or classes than 2^31") }
        var s = Stored(id: g.id, holder: holder, classIndex: classIndex, price: -1, cap: -1,
                       shares: narrowCount(g.shares.count), vestStart: 0, exercisableFrom: 0, expires: 0,
                       months: 0, cliffMonths: 0, everyMonths: 0,
                       bits: UInt8(GrantKind.allCases.firstIndex(of: g.kind)!) | (g.note != nil ? Stored.hasNote : 0))
        if s.shares == .max || replacing { wideShares[key] = s.shares == .max ? g.shares.count : nil }
        if let p = g.exercisePrice {
            if let k = priceIndex[p] { s.price = k } else {
                s.price = Int32(prices.count)
                priceIndex[p] = s.price
                prices.append(p)
            }
        }
        if let c = g.cap {
            if let k = capIndex[c] { s.cap = k } else {
                s.cap = Int32(caps.count)
                capIndex[c] = s.cap
                caps.append(c)
            }
        }
        if g.note != nil || replacing { notes[key] = g.note }
        if file == nil { file = g.location.file }
        // A grant not on column 1 of the file keeps its place aside; its line
        // still counts for the runs, so that the next grant needs no new one.
        if !replacing { lines.append(g.location.line, at: i) }
        let onItsLine = g.location.file == file && g.location.column == 1 && g.location.line == lines.line(i)
        if !onItsLine { places[key] = g.location } else if replacing { places[key] = nil }
        if replacing { dates[key] = nil }
        let v = g.vesting
        if let start = GrantTable.pack(v?.start), let from = GrantTable.pack(g.exercisableFrom), let expires = GrantTable.pack(g.expires),
           let m = UInt16(exactly: v?.months ?? 0), let c = UInt16(exactly: v?.cliffMonths ?? 0), let e = UInt16(exactly: v?.everyMonths ?? 0) {
            (s.vestStart, s.exercisableFrom, s.expires, s.months, s.cliffMonths, s.everyMonths) = (start, from, expires, m, c, e)
        } else {
            s.bits |= Stored.aside
            dates[key] = (v, g.exercisableFrom, g.expires)
        }
        return s
    }
}
