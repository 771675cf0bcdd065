import CSVReading

/// The grants of a case (`options.csv`), each kept in about 90 bytes rather
/// than a `Grant` of about 230: prices and caps as indices into tables of
/// the distinct values, which a book repeats; whole numbers in 32 bits; a
/// note and a place only where a grant has one that is not column 1 of a
/// line of the file most grants come from.
///
/// It reads as a collection of `Grant`s, each made on access, and a grant
/// can be replaced in place or appended.
public struct GrantTable: RandomAccessCollection, Sendable {
    struct Stored: Sendable {
        var id: String
        var shares: Int
        var holder: Int32       // -1: none
        var classIndex: Int32
        var price: Int32        // in `prices`; -1: none
        var cap: Int32          // in `caps`; -1: none
        var line: Int32         // of `file`, column 1; -1: in `places`
        /// The vesting schedule's numbers when it has a start and they fit; otherwise in `schedules`.
        var months: Int32, cliffMonths: Int32, everyMonths: Int32
        var vestStart: CalendarDate?
        var exercisableFrom: CalendarDate?
        var expires: CalendarDate?
        var kind: GrantKind
        var hasNote: Bool
        var scheduleAside: Bool
    }

    private var stored: [Stored] = []
    private var prices: [Price] = []
    private var priceIndex: [Price: Int32] = [:]
    private var caps: [Percent] = []
    private var capIndex: [Percent: Int32] = [:]
    private var file: String?
    private var places: [Int32: SourceLocation] = [:]
    private var notes: [Int32: String] = [:]
    private var schedules: [Int32: VestingSchedule] = [:]

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
            return Grant(id: s.id, holder: s.holder < 0 ? nil : Int(s.holder), kind: s.kind, classIndex: Int(s.classIndex),
                         shares: Shares(s.shares), exercisePrice: s.price < 0 ? nil : prices[Int(s.price)],
                         exercisableFrom: s.exercisableFrom, expires: s.expires, vesting: vesting(s, i),
                         cap: s.cap < 0 ? nil : caps[Int(s.cap)], note: s.hasNote ? notes[Int32(i)] : nil,
                         location: s.line < 0 ? places[Int32(i)]! : SourceLocation(file: file ?? "", line: Int(s.line), column: 1))
        }
        set { stored[i] = store(newValue, at: i) }
    }

    /// Starts fetching grant `i`: a class's grants are spread over the whole table.
    func prefetch(_ i: Int) {
        stored.withUnsafeBufferPointer { if i < $0.count { CSVReading.prefetch($0.baseAddress! + i) } }
    }

    /// The holder of grant `i`, without making the grant.
    func holder(_ i: Int) -> Int? { stored[i].holder < 0 ? nil : Int(stored[i].holder) }

    /// The shares of grant `i`, without making the grant.
    public func shareCount(_ i: Int) -> Int { stored[i].shares }

    /// The class of grant `i`, without making the grant.
    public func classIndex(_ i: Int) -> Int { Int(stored[i].classIndex) }

    public mutating func append(_ g: Grant) {
        let s = store(g, at: stored.count)
        stored.append(s)
    }

    private func vesting(_ s: Stored, _ i: Int) -> VestingSchedule? {
        if s.scheduleAside { return schedules[Int32(i)] }
        return s.vestStart.map {
            VestingSchedule(start: $0, months: Int(s.months), cliffMonths: Int(s.cliffMonths), everyMonths: Int(s.everyMonths))
        }
    }

    /// The grant as stored at `i`, its price, cap, note, place and schedule recorded aside where they need it.
    private mutating func store(_ g: Grant, at i: Int) -> Stored {
        let replacing = i < stored.count
        guard let holder = Int32(exactly: g.holder ?? -1), let classIndex = Int32(exactly: g.classIndex),
              let key = Int32(exactly: i) else { preconditionFailure("more grants, persons or classes than 2^31") }
        var s = Stored(id: g.id, shares: g.shares.count, holder: holder, classIndex: classIndex, price: -1, cap: -1, line: -1,
                       months: 0, cliffMonths: 0, everyMonths: 0, vestStart: nil, exercisableFrom: g.exercisableFrom,
                       expires: g.expires, kind: g.kind, hasNote: g.note != nil, scheduleAside: false)
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
        if g.location.file == file && g.location.column == 1, let line = Int32(exactly: g.location.line) {
            s.line = line
            if replacing { places[key] = nil }
        } else {
            places[key] = g.location
        }
        if replacing { schedules[key] = nil }
        if let v = g.vesting {
            if let m = Int32(exactly: v.months), let c = Int32(exactly: v.cliffMonths), let e = Int32(exactly: v.everyMonths) {
                (s.vestStart, s.months, s.cliffMonths, s.everyMonths) = (v.start, m, c, e)
            } else {
                s.scheduleAside = true
                schedules[key] = v
            }
        }
        return s
    }
}
