import CapTableCore
import RawMemory

/// Voting and dispositive power over one lot.
public struct LotPower: Sendable, Equatable {
    public var voting: Power
    public var dispositive: Power

    public init(voting: Power, dispositive: Power) {
        self.voting = voting
        self.dispositive = dispositive
    }

    /// Any power at all: the lot is beneficially owned (Rule 13d-3(a)).
    public var isBeneficial: Bool { voting != .none || dispositive != .none }

    /// The strongest of two, power by power.
    func strongest(_ other: LotPower?) -> LotPower {
        guard let other else { return self }
        return LotPower(voting: max(voting, other.voting), dispositive: max(dispositive, other.dispositive))
    }

    /// What a controller gets through a relation.
    func through(_ relation: ControlRelation) -> LotPower {
        through(LotPower(voting: relation.voting, dispositive: relation.dispositive))
    }

    /// What a controller gets through a relation of these powers.
    func through(_ relation: LotPower) -> LotPower {
        LotPower(voting: voting.through(relation.voting), dispositive: dispositive.through(relation.dispositive))
    }
}

/// Shares of a class held directly (a holding) or acquirable (a right).
public struct Lot: Sendable {
    public enum Source: Sendable {
        case holding(Int)          // index into Case.holdings
        case right(RightToAcquire)
    }

    public var holder: Int
    public var source: Source
    /// Shares before any blocker.
    public var fullShares: Shares
    /// Shares counted: `fullShares`, or less where a blocker binds.
    public var shares: Shares
    public var power: LotPower
    /// What a person with control intent counts of this right when it
    /// reaches it through control: every share, vested or not, whatever the
    /// exercise date (Rule 13d-3(d)(1)(i) proviso, "directly or
    /// indirectly"). `shares` for a holding, a capped right (its blocker
    /// still binds) and a right whose holder has control intent itself.
    public var sharesWithIntent: Shares

    public var isRight: Bool { if case .right = source { return true } else { return false } }
    public var cap: Percent? { if case .right(let r) = source { return r.cap } else { return nil } }
    var sortKey: String { if case .right(let r) = source { return r.id } else { return "" } }
}

/// One lot as it counts for one person.
public struct AttributedLot: Sendable {
    public var lot: Int
    public var power: LotPower
    /// Reached only through relations the person disclaims (row 12).
    public var excluded: Bool
}

/// One row of the beneficial-ownership table: Schedule 13D rows 7 to 13.
public struct OwnershipRow: Sendable {
    public var person: Int
    public var isGroup: Bool
    /// Groups the person belongs to (row 2, box (a)), in persons.csv order.
    public var groups: [Int] {
        get { lists?.groups ?? [] }
        _modify {
            if lists == nil { lists = Lists() }
            yield &lists!.groups
        }
    }
    public var soleVotingPower = Shares.zero
    public var sharedVotingPower = Shares.zero
    public var soleDispositivePower = Shares.zero
    public var sharedDispositivePower = Shares.zero
    /// Row 11: shares over which the person has any power.
    public var aggregate = Shares.zero
    /// Shares in `aggregate` the person can acquire within 60 days.
    public var acquirableWithin60Days = Shares.zero
    /// Shares left out of `aggregate` by a disclaimer (row 12).
    public var excluded = Shares.zero
    /// Of `excluded`, the shares acquirable within 60 days.
    public var excludedAcquirable = Shares.zero
    /// Outstanding plus this person's own acquirable shares.
    public var denominator = Shares.zero
    /// A ten percent owner for Section 16: more than 10% of the class,
    /// counting the holdings of any group the person belongs to (Rule
    /// 16a-1(a)(1)). Set when the class's rows are made.
    public var tenPercentOwner = false
    /// The lots of rights this person counts in full (`Lot.sharesWithIntent`):
    /// it, or a person it controls through which it reaches them, has control
    /// intent. Empty for most rows.
    public var lotsInFull: [Int32] {
        get { lists?.lotsInFull ?? [] }
        _modify {
            if lists == nil { lists = Lists() }
            yield &lists!.lotsInFull
        }
    }
    /// The lots behind the figures, by lot; empty when the row was computed
    /// for its figures alone (see `Attributor.compute(classIndex:asOf:lots:)`).
    public var lots: [AttributedLot] {
        get { lists?.lots ?? [] }
        _modify {
            if lists == nil { lists = Lists() }
            yield &lists!.lots
        }
    }

    /// The row's three lists, kept together and only where one is not
    /// empty: most rows of a table have none, and a row without them is then
    /// copied and freed with no reference counted (three arrays each were,
    /// about 2% of `ownership`'s samples on the realistic book).
    private struct Lists {
        var groups: [Int] = []
        var lotsInFull: [Int32] = []
        var lots: [AttributedLot] = []
    }
    private var lists: Lists?

    /// A row with nothing in it: a person who owns none of the class.
    public init(person: Int, isGroup: Bool, groups: [Int], denominator: Shares = .zero) {
        self.person = person
        self.isGroup = isGroup
        if !groups.isEmpty { self.groups = groups }
        self.denominator = denominator
    }

    /// Rows 11 and 13: the aggregate as presented, disclaimed shares left out.
    public var percentOfClass: PercentOfClass { PercentOfClass(shares: aggregate, denominator: denominator) }

    /// Every share the person beneficially owns, a disclaimer's included: a
    /// disclaimer (Rule 13d-4) is a statement, not an exemption, so every
    /// threshold, filing obligation and Section 16 test counts these.
    public var beneficiallyOwned: Shares { aggregate + excluded }

    /// `beneficiallyOwned` of outstanding plus every share in it acquirable
    /// within 60 days (Rule 13d-3(d)(1)(i)).
    public var beneficialPercent: PercentOfClass {
        excluded.count == 0 ? percentOfClass
            : PercentOfClass(shares: aggregate + excluded, denominator: denominator + excludedAcquirable)
    }
}

/// The beneficial ownership of every person and group in one class on one date.
public struct ClassOwnership: Sendable {
    public var classIndex: Int
    public var asOf: CalendarDate
    public var sharesOutstanding: Shares
    public var lots: [Lot]
    /// Persons that are not groups in persons.csv order, then groups.
    public var rows: [OwnershipRow] { didSet { sortedRuns = ClassOwnership.runs(rows) } }
    /// The relations that attribute ownership, by controller (rule-of-three cuts removed).
    public var controls: Controls
    /// Where the groups start, when the rows are persons then groups, each
    /// run in persons.csv order (as computed): a row is then found by a
    /// binary search. Nil for rows in another order, searched one by one.
    private var sortedRuns: Int?

    init(classIndex: Int, asOf: CalendarDate, sharesOutstanding: Shares, lots: [Lot], rows: [OwnershipRow],
         controls: Controls) {
        self.classIndex = classIndex
        self.asOf = asOf
        self.sharesOutstanding = sharesOutstanding
        self.lots = lots
        self.rows = rows
        self.controls = controls
        sortedRuns = ClassOwnership.runs(rows)
    }

    static func runs(_ rows: [OwnershipRow]) -> Int? {
        let split = rows.firstIndex(where: \.isGroup) ?? rows.count
        for i in rows.indices.dropFirst() where i != split {
            guard rows[i - 1].person < rows[i].person, rows[i].isGroup == (i >= split) else { return nil }
        }
        return split
    }

    /// The row of a person or group, if it has one in this class.
    public func row(of person: Int) -> OwnershipRow? {
        guard let split = sortedRuns else { return rows.first { $0.person == person } }
        for run in [0..<split, split..<rows.count] {
            var lo = run.lowerBound, hi = run.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if rows[mid].person < person { lo = mid + 1 } else { hi = mid }
            }
            if lo < run.upperBound && rows[lo].person == person { return rows[lo] }
        }
        return nil
    }

    /// What several persons own together, each share once, with the strongest
    /// power any of them has over it (Rule 13d-5(b)(1); Item 403(b)'s
    /// "directors and executive officers as a group"). Nil when none of them has a row.
    public func combined(_ persons: [Int], as id: Int, isGroup: Bool = true) -> OwnershipRow? {
        combined(persons, as: id, isGroup: isGroup, columns: LotColumns(lots))
    }

    /// `combined(_:as:isGroup:)`, with the columns of `lots` made once for every group of the class.
    func combined(_ persons: [Int], as id: Int, isGroup: Bool, columns: LotColumns) -> OwnershipRow? {
        let members = persons.compactMap { row(of: $0) }
        guard !members.isEmpty else { return nil }
        var included: [Int: LotPower] = [:], excluded: [Int: LotPower] = [:]
        // Lots a member counts in full, the group counts in full too.
        var inFull = Set<Int32>()
        for m in members {
            for a in m.lots {
                if a.excluded { excluded[a.lot] = a.power.strongest(excluded[a.lot]) }
                else { included[a.lot] = a.power.strongest(included[a.lot]) }
            }
            inFull.formUnion(m.lotsInFull)
        }
        excluded = excluded.filter { included[$0.key] == nil }
        func entries(_ d: [Int: LotPower]) -> [Entry] {
            d.map { Entry(lot: Int32($0.key), power: $0.value) }.sorted { $0.lot < $1.lot }
        }
        let (kept, dropped) = (entries(included)[...], entries(excluded)[...])
        return columns.withFigures { figures in
            let f = Figures(included: kept, excluded: dropped, figures, inFull: inFull.isEmpty ? nil : inFull)
            var row = BeneficialOwnership.makeRow(person: id, isGroup: isGroup, groups: [], included: kept, excluded: dropped,
                                                  figures: f, outstanding: sharesOutstanding, keepLots: true)
            row.lotsInFull = inFull.sorted()
            return row
        }
    }
}

/// Rule 13d-3 beneficial ownership, computed from the cap table.
public enum BeneficialOwnership {
    /// Computes every row of one class.
    public static func compute(_ c: Case, classIndex: Int, asOf: CalendarDate) -> ClassOwnership {
        Attributor(c).compute(classIndex: classIndex, asOf: asOf)
    }

    /// The class's lots, and their figures' columns as made.
    static func collectLots(_ c: Case, index: ClassIndex, classIndex: Int, asOf: CalendarDate,
                            intentThroughControl: Bool = false) -> ([Lot], LotColumns) {
        let rights = c.rightsToAcquire(classIndex: classIndex, asOf: asOf, index: index)
        var lots: [Lot] = []
        var columns = LotColumns()
        let count = index.holdings[classIndex].count + rights.count
        lots.reserveCapacity(count)
        columns.reserveCapacity(count)
        let h = c.holdings
        for i in index.holdings[classIndex] {
            let i = Int(i), shares = Shares(h.shareCount(i))
            let holder = Int(h.holders[i]), power = LotPower(voting: h.voting(i), dispositive: h.dispositive(i))
            lots.append(Lot(holder: holder, source: .holding(i), fullShares: shares, shares: shares, power: power,
                            sharesWithIntent: shares))
            columns.append(holder: holder, power: power, shares: shares.count, isRight: false)
        }
        // Options, warrants, units and convertibles give their holder sole
        // voting and sole dispositive power over the shares they would deliver.
        // With a controller that has control intent, each right valued as if its holder had it too.
        let valued = intentThroughControl ? c.rightsToAcquire(classIndex: classIndex, asOf: asOf, index: index, withIntent: true) : []
        for (k, r) in rights.enumerated() where r.isOutstanding {
            guard let holder = r.holder else { continue }
            let power = LotPower(voting: .sole, dispositive: .sole)
            let full = valued.isEmpty || r.cap != nil ? r.acquirableWithin60Days : max(r.acquirableWithin60Days, valued[k].acquirableWithin60Days)
            lots.append(Lot(holder: holder, source: .right(r), fullShares: r.acquirableWithin60Days,
                            shares: r.acquirableWithin60Days, power: power, sharesWithIntent: full))
            columns.append(holder: holder, power: power, shares: r.acquirableWithin60Days.count, isRight: true)
            if !valued.isEmpty { columns.setExtra(full.count - r.acquirableWithin60Days.count, at: columns.shares.count - 1) }
        }
        return (lots, columns)
    }

    /// A row of these figures, with the lots behind them when `keepLots`.
    static func makeRow<C: Collection<Entry>>(person: Int, isGroup: Bool, groups: [Int], included: C, excluded: C,
                                              figures f: Figures, outstanding: Shares, keepLots: Bool) -> OwnershipRow {
        var row = OwnershipRow(person: person, isGroup: isGroup, groups: groups)
        row.soleVotingPower = Shares(f.soleVoting)
        row.sharedVotingPower = Shares(f.sharedVoting)
        row.soleDispositivePower = Shares(f.soleDispositive)
        row.sharedDispositivePower = Shares(f.sharedDispositive)
        row.aggregate = Shares(f.aggregate)
        row.acquirableWithin60Days = Shares(f.acquirable)
        row.excluded = Shares(f.excluded)
        row.excludedAcquirable = Shares(f.excludedAcquirable)
        if keepLots {
            row.lots.reserveCapacity(included.count + excluded.count)
            for e in included { row.lots.append(AttributedLot(lot: Int(e.lot), power: e.power, excluded: false)) }
            for e in excluded { row.lots.append(AttributedLot(lot: Int(e.lot), power: e.power, excluded: true)) }
            if !excluded.isEmpty && !included.isEmpty { row.lots.sort { $0.lot < $1.lot } }
        }
        // Rule 13d-3(d)(1)(i): only this person's own rights join the denominator.
        row.denominator = outstanding + row.acquirableWithin60Days
        return row
    }
}

/// A class's lots as columns, in lot order: each lot's holder and power,
/// which the look-through sorts and reads, and the shares counted (after
/// any blocker) and whether the lot is a right, which a row's figures read.
/// Made as the lots are, rather than read from them, each large (a right's
/// terms inline) and read at random for every entry of every row.
struct LotColumns {
    var holders: [Int32] = []
    var powers: [LotPower] = []
    var shares: [Int] = []
    var isRight: [Bool] = []
    /// What each lot adds for a person with control intent (`Lot.sharesWithIntent`
    /// less `shares`); empty when no controller in the case has control intent.
    var extra: [Int] = []

    init() {}

    mutating func setExtra(_ n: Int, at lot: Int) {
        if extra.isEmpty { extra = Array(repeating: 0, count: shares.count) }
        while extra.count < shares.count { extra.append(0) }
        extra[lot] = n
    }

    init(_ lots: [Lot]) {
        reserveCapacity(lots.count)
        lots.withUnsafeBufferPointer { lots in
            for lot in lots.indices {
                let isRight = if case .right = lots[lot].source { true } else { false }
                append(holder: lots[lot].holder, power: lots[lot].power, shares: lots[lot].shares.count, isRight: isRight)
                let more = lots[lot].sharesWithIntent.count - lots[lot].shares.count
                if more != 0 { setExtra(more, at: lot) }
            }
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        holders.reserveCapacity(n)
        powers.reserveCapacity(n)
        shares.reserveCapacity(n)
        isRight.reserveCapacity(n)
    }

    mutating func append(holder: Int, power: LotPower, shares: Int, isRight: Bool) {
        holders.append(Int32(truncatingIfNeeded: holder))
        powers.append(power)
        self.shares.append(shares)
        self.isRight.append(isRight)
    }

    /// The columns a row's figures read, in place inside `body`.
    func withFigures<R>(_ body: (FigureColumns) -> R) -> R {
        // Lots made after the last extra add none.
        let extra = self.extra.isEmpty || self.extra.count == shares.count ? self.extra
            : self.extra + Array(repeating: 0, count: shares.count - self.extra.count)
        return shares.withUnsafeBufferPointer { shares in
            isRight.withUnsafeBufferPointer { isRight in
                extra.withUnsafeBufferPointer { extra in body(FigureColumns(shares: shares, isRight: isRight, extra: extra)) }
            }
        }
    }

    struct FigureColumns {
        let shares: UnsafeBufferPointer<Int>
        let isRight: UnsafeBufferPointer<Bool>
        /// Empty, or what each lot adds for a person with control intent.
        let extra: UnsafeBufferPointer<Int>
    }
}

/// Schedule 13D rows 7 to 11 of one person, with the shares in row 11 it
/// can acquire and those row 12 excludes: what a row says, worked out
/// before the row is made (a list of crossings makes few of them).
struct Figures {
    var soleVoting = 0, sharedVoting = 0, soleDispositive = 0, sharedDispositive = 0
    var aggregate = 0, acquirable = 0, excluded = 0, excludedAcquirable = 0

    /// Each lot included counts for every power the person has over it,
    /// and once in the aggregate; a lot over which it has no power, not at
    /// all. Each lot excluded with any power counts in row 12.
    ///
    /// `inFull`: the lots the person counts in full (`Lot.sharesWithIntent`).
    init<C: Collection<Entry>>(included: C, excluded: C, _ lots: LotColumns.FigureColumns, inFull: Set<Int32>? = nil) {
        let more = inFull != nil && !lots.extra.isEmpty
        for e in included {
            let power = e.power
            guard power.isBeneficial else { continue }
            let l = Int(e.lot), shares = more && inFull!.contains(e.lot) ? lots.shares[l] + lots.extra[l] : lots.shares[l]
            switch power.voting {
            case .sole: soleVoting += shares
            case .shared: sharedVoting += shares
            case .none: break
            }
            switch power.dispositive {
            case .sole: soleDispositive += shares
            case .shared: sharedDispositive += shares
            case .none: break
            }
            aggregate += shares
            if lots.isRight[l] { acquirable += shares }
        }
        for e in excluded where e.power.isBeneficial {
            let l = Int(e.lot), shares = more && inFull!.contains(e.lot) ? lots.shares[l] + lots.extra[l] : lots.shares[l]
            self.excluded += shares
            if lots.isRight[l] { excludedAcquirable += shares }
        }
    }


}

/// What every class of one case shares, built once: the control graph with
/// the rule of three applied, the groups, and where each class's lots are.
/// A book of many classes then costs, per class, only the persons its lots
/// reach; the classes can be computed on several threads at once.
public struct Attributor: Sendable {
    public let c: Case
    let graph: ControlGraph
    /// Where each class's holdings, grants and convertibles are.
    public let index: ClassIndex
    /// The groups of each member, in order, and the members of each group
    /// (few persons of a book are either).
    let groupsOf: [Int: [Int]]
    let membersOf: [Int: [Int]]
    let marks: MarksPool
    /// Some controller has control intent: rights are also valued as if
    /// their holders had it (`Lot.sharesWithIntent`).
    let intentThroughControl: Bool
    /// Then, each person's controllers (every relation), to carry a
    /// controlled person's intent up to those above it.
    let controllersOf: [Int: [Int]]

    public init(_ c: Case) {
        self.c = c
        // The graph on one core while the index is made on another.
        let graph = Later { ControlGraph(c) }
        marks = MarksPool()
        index = ClassIndex(c)
        self.graph = graph.value
        var groupsOf: [Int: [Int]] = [:]
        var membersOf: [Int: [Int]] = [:]
        for m in c.memberships {
            membersOf[m.group, default: []].append(m.member)
            groupsOf[m.member, default: []].append(m.group)
        }
        self.groupsOf = groupsOf.mapValues { $0.sorted() }
        self.membersOf = membersOf
        intentThroughControl = c.relations.contains { c.persons[$0.controller].controlIntent }
        var up: [Int: [Int]] = [:]
        if intentThroughControl { for r in c.relations { up[r.controlled, default: []].append(r.controller) } }
        controllersOf = up
    }

    /// The attributor of `c`, a case with `other`'s persons, relations,
    /// groups and control intent and other lots (a hypothetical purchase or
    /// issue): `other`'s control graph, groups and marks serve it, and only
    /// the index of its lots is made. What headroom's bisection asks of a
    /// class fifty times costs a class's lots each time, not the book's graph.
    public init(_ c: Case, sharing other: Attributor) {
        self.c = c
        graph = other.graph
        marks = other.marks
        index = ClassIndex(c)
        groupsOf = other.groupsOf
        membersOf = other.membersOf
        intentThroughControl = other.intentThroughControl
        controllersOf = other.controllersOf
    }

    /// The lots each person counts in full under Rule 13d-3(d)(1)(i)'s
    /// proviso: every right a person with control intent reaches, for it and
    /// for every person above it through whom it is reached.
    func lotsInFull(_ order: [UInt64], _ lists: LookThrough.Lists, _ columns: LotColumns) -> [Int: Set<Int32>] {
        guard intentThroughControl, !columns.extra.isEmpty else { return [:] }
        var out: [Int: Set<Int32>] = [:]
        for key in order {
            let p = Int(key >> 32), s = Int(UInt32(truncatingIfNeeded: key))
            guard index.hasIntent(p) else { continue }
            var lots = Set<Int32>()
            for e in lists.included(s) where Int(e.lot) < columns.extra.count && columns.extra[Int(e.lot)] > 0 { lots.insert(e.lot) }
            for e in lists.excluded(s) where Int(e.lot) < columns.extra.count && columns.extra[Int(e.lot)] > 0 { lots.insert(e.lot) }
            guard !lots.isEmpty else { continue }
            // p and everyone above it.
            var seen: Set<Int> = [p], queue = [p]
            while let q = queue.popLast() {
                out[q, default: []].formUnion(lots)
                for a in controllersOf[q] ?? [] where seen.insert(a).inserted { queue.append(a) }
            }
        }
        return out
    }

    /// Computes every row of one class.
    ///
    /// - Complexity: O(lots + relations among the persons reached × lots
    ///   reached) — each reached person's look-through is computed once,
    ///   bottom-up, and reused by every controller above it.
    ///
    /// With `lots` false, a row keeps the lots behind its figures only where
    /// its group's row needs them (a member of a group): what a table of
    /// figures needs, without a list per row.
    ///
    /// With `rowsFrom`, a person's row is kept only when its percent of
    /// class is at least that, or when the person is a group member (its
    /// group's row is made from it): what a list of crossings needs, the
    /// rows under every line dropped as they are made. Groups' rows are
    /// all kept.
    public func compute(classIndex: Int, asOf: CalendarDate, lots keepLots: Bool = true,
                        rowsFrom lowest: Fraction? = nil) -> ClassOwnership {
        let outstanding = c.sharesOutstanding(classIndex: classIndex, index: index)
        var (lots, columns) = BeneficialOwnership.collectLots(c, index: index, classIndex: classIndex, asOf: asOf,
                                                              intentThroughControl: intentThroughControl)
        let reach = marks.with { LookThrough(graph: graph, holders: columns.holders, powers: columns.powers, marks: $0) }
        Blockers.apply(to: &lots, columns: &columns, reach: reach, outstanding: outstanding)

        var rows: [OwnershipRow] = []
        var groups = Set<Int>()
        let order = reach.byPerson()
        rows.reserveCapacity(order.count)
        reach.withLists { lists in
          let inFull = lotsInFull(order, lists, columns)
          columns.withFigures { figures in
            for key in order {
                let p = Int(key >> 32), s = Int(UInt32(truncatingIfNeeded: key))
                let flags = graph.flags[p]
                guard !flags.contains(.group) else { continue }
                let included = lists.included(s), excluded = lists.excluded(s)
                guard !included.isEmpty || !excluded.isEmpty else { continue }
                let full = inFull.isEmpty ? nil : inFull[p]
                let f = Figures(included: included, excluded: excluded, figures, inFull: full)
                // A row under the lowest line is dropped before it is made, unless its group's row needs it.
                // The test is on what the person beneficially owns, disclaimed shares included.
                if let lowest, !flags.contains(.member),
                   PercentOfClass(shares: Shares(f.aggregate + f.excluded),
                                  denominator: outstanding + Shares(f.acquirable + f.excludedAcquirable)).compared(to: lowest) < 0 {
                    continue
                }
                let memberOf = flags.contains(.member) ? groupsOf[p] ?? [] : []
                rows.append(BeneficialOwnership.makeRow(person: p, isGroup: false, groups: memberOf, included: included,
                                                        excluded: excluded, figures: f, outstanding: outstanding,
                                                        keepLots: keepLots || !memberOf.isEmpty))
                if let full { rows[rows.count - 1].lotsInFull = full.sorted() }
                if !memberOf.isEmpty { groups.formUnion(memberOf) }
            }
          }
        }
        // Room for the groups' rows, so that adding them does not move the others.
        rows.reserveCapacity(rows.count + groups.count)
        // The rows handed over, not shared: adding the groups' rows then extends them in place instead of copying them.
        var result = ClassOwnership(classIndex: classIndex, asOf: asOf, sharesOutstanding: outstanding, lots: consume lots,
                                    rows: consume rows, controls: graph.controls)
        // Rule 13d-5(b)(1): a group owns what any member owns, each share once.
        var groupRows = groups.sorted().compactMap { result.combined(membersOf[$0] ?? [], as: $0, isGroup: true, columns: columns) }
        SectionSixteen.mark(&result.rows, groupRows: &groupRows)
        if !groupRows.isEmpty { result.rows += groupRows }
        return result
    }
}
