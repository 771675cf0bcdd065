/// The cap table of one class on one date: outstanding, each holder's shares
/// and rights, and the fully diluted count.
///
/// Fully diluted = outstanding + every option, warrant, unit and right
/// (vested or not, unexpired) + every convertible as converted on the date
/// (each instrument on its own, fractions dropped) + shares reserved for
/// future grants.
public struct CapTable: Sendable {
    /// One holder's line.
    public struct Line: Sendable {
        /// Nil for the aggregate lines of unnamed holders.
        public var holder: Int?
        public var shares: Shares = .zero
        public var options: Shares = .zero
        public var warrants: Shares = .zero
        public var rsus: Shares = .zero
        public var rights: Shares = .zero
        public var asConverted: Shares = .zero

        public init(holder: Int?, shares: Shares = .zero) {
            self.holder = holder
            self.shares = shares
        }

        /// Everything this line adds to the fully diluted count.
        public var fullyDiluted: Shares { shares + options + warrants + rsus + rights + asConverted }
    }

    public var classIndex: Int
    public var asOf: CalendarDate
    public var sharesOutstanding: Shares
    /// Holders in persons.csv order, each with anything in the class.
    public var holders: [Line]
    /// Outstanding shares not itemized in holdings.csv (a public company's float).
    public var unlistedShares: Shares
    /// Rights whose holders are not named (an aggregate line).
    public var unnamedRights: Line
    public var reserved: Shares
    public var fullyDiluted: Shares

    /// Totals of every column over holders and the unnamed line.
    public var totals: Line {
        var t = Line(holder: nil)
        for l in holders + [unnamedRights] {
            t.shares += l.shares; t.options += l.options; t.warrants += l.warrants
            t.rsus += l.rsus; t.rights += l.rights; t.asConverted += l.asConverted
        }
        return t
    }

    /// A sentence stating the basis of the fully diluted count.
    public static let basis = "fully diluted = shares outstanding + all options, warrants, units and rights (vested or not, unexpired) + convertibles as converted on the date (each instrument on its own, fractions dropped) + shares reserved for future grants"

    /// The class's cap table; with `index`, its lots are found without a
    /// scan of the whole book.
    public init(case c: Case, classIndex: Int, asOf: CalendarDate, index: ClassIndex? = nil) {
        self.classIndex = classIndex
        self.asOf = asOf
        sharesOutstanding = c.sharesOutstanding(classIndex: classIndex, index: index)
        var lines: [Int: Line] = [:]
        var unnamed = Line(holder: nil)
        let h = c.holdings
        let lots: [Int] = index.map { $0.holdings[classIndex].map(Int.init) } ?? h.indices.filter { h.classIndex($0) == classIndex }
        for i in lots {
            let holder = Int(h.holders[i])
            lines[holder, default: Line(holder: holder)].shares += Shares(h.shareCount(i))
        }
        for r in c.rightsToAcquire(classIndex: classIndex, asOf: asOf, index: index) where r.isOutstanding {
            var line = r.holder.map { lines[$0] ?? Line(holder: $0) } ?? unnamed
            switch r.kind {
            case .option: line.options += r.outstandingShares
            case .warrant: line.warrants += r.outstandingShares
            case .rsu: line.rsus += r.outstandingShares
            case .right: line.rights += r.outstandingShares
            case .note, .preferred: line.asConverted += r.outstandingShares
            }
            if let h = r.holder { lines[h] = line } else { unnamed = line }
        }
        holders = lines.values.sorted { $0.holder! < $1.holder! }
        unnamedRights = unnamed
        let listed = holders.reduce(Shares.zero) { $0 + $1.shares }
        unlistedShares = sharesOutstanding - listed
        reserved = c.classes[classIndex].reserved ?? .zero
        fullyDiluted = sharesOutstanding + reserved
            + (holders + [unnamed]).reduce(Shares.zero) { $0 + $1.fullyDiluted - $1.shares }
    }
}
