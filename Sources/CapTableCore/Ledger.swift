import CSVReading

/// A dated event of `transactions.csv` (input format 1.2).
public struct LedgerEvent: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case issue, transfer, cancel, repurchase, exercise, convert, split, outstanding
        /// The holder comes to hold its securities with the purpose or effect
        /// of changing or influencing control (Rule 13d-1(e)). Format 1.3.
        case controlIntent = "control_intent"
        /// Shares already outstanding bought from, or sold to, persons outside
        /// the case (the market): outstanding stays. Format 1.4.
        case purchase, sale
    }

    public var date: CalendarDate
    public var kind: Kind
    public var holder: Int?
    public var from: Int?
    public var to: Int?
    public var classIndex: Int?
    public var shares: Shares?
    /// An existing instrument the event acts on.
    public var instrument: String?
    /// The id of the part split off by a partial transfer.
    public var newInstrument: String?
    public var principal: Money?
    public var units: Shares?
    /// A split's ratio: new shares per old share.
    public var ratio: Fraction?
    /// What the issuer received for shares it issued.
    public var consideration: Money?
    /// The price per share of a purchase or sale (Item 5(c)). Format 1.3.
    public var price: Price?
    /// An instrument created by an `issue` row (the columns of its file).
    public var newGrant: Grant?
    public var newConvertible: Convertible?
    public var note: String?
    public var location: SourceLocation

    public init(date: CalendarDate, kind: Kind, holder: Int? = nil, classIndex: Int? = nil, shares: Shares? = nil,
                note: String? = nil, location: SourceLocation) {
        self.date = date
        self.kind = kind
        self.holder = holder
        self.classIndex = classIndex
        self.shares = shares
        self.note = note
        self.location = location
    }

    /// The persons the event concerns, for Item 5(c).
    public var persons: [Int] {
        var out = [holder, from, to, newGrant?.holder, newConvertible?.holder].compactMap { $0 }
        if out.isEmpty, let h = newGrant?.holder ?? newConvertible?.holder { out = [h] }
        return Array(Set(out)).sorted()
    }
}

extension Case {
    /// The case as it stands on `date`: every event dated on or before it
    /// applied to the state the version-1 files describe. The loader has
    /// replayed every event once, so no error can arise here.
    public func replayed(through date: CalendarDate) -> Case {
        replay(through: date).case
    }

    /// Applies the events in order, reporting each that cannot apply.
    package func replay(through date: CalendarDate?) -> (case: Case, problems: [Diagnostic]) {
        var c = self
        c.events = []
        var problems: [Diagnostic] = []
        for e in events where date.map({ e.date <= $0 }) ?? true {
            if let message = c.apply(e) { problems.append(Diagnostic(e.location, message)) }
        }
        return (c, problems)
    }

    /// Applies one event; the reason it cannot, if it cannot (the case is then unchanged).
    mutating func apply(_ e: LedgerEvent) -> String? {
        switch e.kind {
        case .issue:
            if let g = e.newGrant { return addInstrument(grant: g, convertible: nil) }
            if let n = e.newConvertible { return addInstrument(grant: nil, convertible: n) }
            guard let holder = e.holder, let k = e.classIndex, let shares = e.shares else { return "issue needs holder, class and shares, or an instrument" }
            if let problem = withinCap(k, adding: shares, "issue") { return problem }
            if let consideration = e.consideration, let problem = adjustConversionPrices(k, issued: shares, for: consideration, on: e.date) {
                return problem
            }
            holdings.append(Holding(holder: holder, classIndex: k, shares: shares, voting: .sole, dispositive: .sole, note: e.note, location: e.location))
            if let reported = classes[k].reportedOutstanding { classes[k].reportedOutstanding = reported + shares }
            return nil
        case .transfer:
            guard let from = e.from, let to = e.to else { return "transfer needs from and to" }
            if let id = e.instrument { return transferInstrument(id, from: from, to: to, e) }
            guard let k = e.classIndex, let shares = e.shares else { return "transfer needs class and shares, or an instrument" }
            if let problem = takeShares(from, k, shares) { return problem }
            holdings.append(Holding(holder: to, classIndex: k, shares: shares, voting: .sole, dispositive: .sole, note: e.note, location: e.location))
            return nil
        case .purchase:
            guard let holder = e.holder, let k = e.classIndex, let shares = e.shares else { return "purchase needs holder, class and shares" }
            // Bought from others: the class must say how many shares there are to buy.
            guard let reported = classes[k].reportedOutstanding else {
                return "a purchase of class \"\(classes[k].id)\" needs its outstanding figure in classes.csv (its holdings are all its shares)"
            }
            let held = heldShares(k) + Int128(shares.count)
            guard held <= Int128(reported.count) else {
                return "this purchase would make the holdings of class \"\(classes[k].id)\" \(grouped(Int(held))) shares, more than its \(grouped(reported.count)) outstanding"
            }
            holdings.append(Holding(holder: holder, classIndex: k, shares: shares, voting: .sole, dispositive: .sole, note: e.note, location: e.location))
            return nil
        case .sale:
            guard let holder = e.holder, let k = e.classIndex, let shares = e.shares else { return "sale needs holder, class and shares" }
            return takeShares(holder, k, shares)
        case .cancel, .repurchase:
            if let id = e.instrument, e.kind == .cancel { return cancel(part: id, e) }
            guard let holder = e.holder, let k = e.classIndex, let shares = e.shares else { return "\(e.kind.rawValue) needs holder, class and shares" }
            if let problem = takeShares(holder, k, shares) { return problem }
            if let reported = classes[k].reportedOutstanding { classes[k].reportedOutstanding = reported - shares }
            return nil
        case .exercise, .convert:
            guard let id = e.instrument else { return "\(e.kind.rawValue) needs an instrument" }
            return exerciseOrConvert(id, e)
        case .split:
            guard let k = e.classIndex, let r = e.ratio, r > .zero else { return "split needs class and a ratio above zero" }
            return split(k, r)
        case .controlIntent:
            guard let holder = e.holder else { return "control_intent needs holder" }
            persons[holder].controlIntent = true
            return nil
        case .outstanding:
            guard let k = e.classIndex, let shares = e.shares else { return "outstanding needs class and shares" }
            let held = heldShares(k)
            guard Int128(shares.count) >= held else {
                return "outstanding \(grouped(shares.count)) is below the \(grouped(Int(held))) shares of class \"\(classes[k].id)\" held in holdings"
            }
            classes[k].reportedOutstanding = shares
            return nil
        }
    }

    /// The seed note's weighted-average adjustment (Exhibit C, section 15(e)):
    /// for shares issued below a note's conversion price P,
    /// new price = (A × P + consideration) / (A + shares issued), where A is
    /// the shares outstanding just before, counting as outstanding the shares
    /// issuable on conversion of the notes so marked. The price is taken to
    /// the nearest cent, half up; an adjustment of less than $.01 is not
    /// made but carried forward and added to the next one.
    mutating func adjustConversionPrices(_ k: Int, issued: Shares, for consideration: Money, on date: CalendarDate) -> String? {
        let series = convertibles.indices.filter {
            convertibles[$0].classIndex == k && convertibles[$0].kind == .note && convertibles[$0].weightedAverageAntiDilution
                && convertibles[$0].isOutstanding(on: date, calendar: calendar)
        }
        guard !series.isEmpty, issued.count > 0 else { return nil }
        let failed = "the weighted-average adjustment of class \"\(classes[k].id)\"'s notes cannot be worked out within the calculator's limits"
        guard let perShare = consideration.dollars.divided(by: issued.fraction) else { return failed }
        var onConversion = Int128(0)
        for i in series {
            guard let n = convertibles[i].conversionShares(on: date, calendar: calendar) else { return failed }
            onConversion += n
        }
        let before = Fraction(Int128(sharesOutstanding(classIndex: k).count) + onConversion)
        let after = Fraction(before.numerator + Int128(issued.count))
        // Worked out for every note first: a failure leaves the case as it was.
        var changes: [(note: Int, price: Price?, carried: Fraction)] = []
        for i in series {
            guard let price = convertibles[i].conversionPrice?.dollars, perShare < price else { continue }
            guard let exact = before.multiplied(by: price)?.adding(consideration.dollars)?.divided(by: after),
                  let adjustment = price.subtracting(exact)?.adding(convertibles[i].carriedAdjustment) else { return failed }
            if adjustment < Fraction(1, 100) {
                // Carried forward (section 15(e)): an amount of money under a cent, kept to 10^-12 of a
                // dollar so that its terms stay bounded however many small issues follow.
                guard let carried = adjustment.rounded(toUnitsOf: Carry.unitsPerDollar) else { return failed }
                changes.append((i, nil, carried))
            } else {
                guard let cents = price.subtracting(adjustment)?.rounded(toUnitsOf: 100) else { return failed }
                changes.append((i, Price(dollars: cents), .zero))
            }
        }
        for change in changes {
            if let price = change.price { convertibles[change.note].conversionPrice = price }
            convertibles[change.note].carriedAdjustment = change.carried
        }
        return nil
    }

    /// The unit a carried adjustment is kept in: 10^-12 of a dollar.
    enum Carry { static let unitsPerDollar: Int128 = 1_000_000_000_000 }

    /// The shares of class `k` held in holdings.
    func heldShares(_ k: Int) -> Int128 {
        holdings.indices.reduce(Int128(0)) { holdings.classIndex($1) == k ? $0 + Int128(holdings.shareCount($1)) : $0 }
    }

    /// Why `shares` more of class `k` would pass the limit of 10^15, if they would:
    /// its outstanding figure, or its holdings where it has none.
    func withinCap(_ k: Int, adding shares: Shares, _ what: String) -> String? {
        let cap = Int128(ValueParser.maximumWholeNumber)
        let now = classes[k].reportedOutstanding.map { Int128($0.count) } ?? heldShares(k)
        guard now + Int128(shares.count) > cap else { return nil }
        return "this \(what) of \(grouped(shares.count)) shares would make class \"\(classes[k].id)\" \(grouped(Int(now + Int128(shares.count)))) shares, past the limit of 10^15"
    }

    mutating func addInstrument(grant: Grant?, convertible: Convertible?) -> String? {
        let id = grant?.id ?? convertible!.id
        if grants.contains(where: { $0.id == id }) || convertibles.contains(where: { $0.id == id }) {
            return "instrument \"\(id)\" exists already"
        }
        if let grant { grants.append(grant) }
        if let convertible { convertibles.append(convertible) }
        return nil
    }

    /// Removes shares from a holder's lots of a class, first lots first.
    mutating func takeShares(_ holder: Int, _ k: Int, _ shares: Shares) -> String? {
        let lots = holdings.indices.filter { holdings[$0].holder == holder && holdings[$0].classIndex == k }
        let held = lots.reduce(Shares.zero) { $0 + holdings[$1].shares }
        guard held >= shares else {
            return "\"\(persons[holder].id)\" holds \(held) shares of class \"\(classes[k].id)\", fewer than the \(shares) this takes"
        }
        var left = shares
        for i in lots where left.count > 0 {
            let take = min(left, holdings[i].shares)
            holdings[i].shares = holdings[i].shares - take
            left = left - take
        }
        holdings.removeAll { $0.shares.count == 0 && $0.holder == holder && $0.classIndex == k }
        return nil
    }

    /// The part of an instrument an event names (shares, principal or units), or the whole.
    func part(of id: String, _ e: LedgerEvent) -> Result<Fraction, ValueError> {
        if let g = grants.first(where: { $0.id == id }) {
            let take = e.shares ?? g.shares
            guard take <= g.shares else { return .failure(ValueError("instrument \"\(id)\" has \(g.shares) shares, fewer than \(take)")) }
            return .success(g.shares.count == 0 ? .zero : Fraction(Int128(take.count), Int128(g.shares.count)))
        }
        if let n = convertibles.first(where: { $0.id == id }) {
            if n.kind == .note {
                let whole = n.principal ?? .zero
                let take = e.principal ?? whole
                guard take <= whole else { return .failure(ValueError("note \"\(id)\" has principal \(whole), less than \(take)")) }
                return .success(whole.cents == 0 ? .zero : Fraction(take.cents, whole.cents))
            }
            let whole = n.units ?? .zero
            let take = e.units ?? whole
            guard take <= whole else { return .failure(ValueError("preferred \"\(id)\" has \(whole) units, fewer than \(take)")) }
            return .success(whole.count == 0 ? .zero : Fraction(Int128(take.count), Int128(whole.count)))
        }
        var message = "instrument \"\(id)\" is not in options.csv, convertibles.csv or an earlier issue"
        if let near = Suggestion.nearest(to: id, in: grants.map(\.id) + convertibles.map(\.id)) { message += "; did you mean \"\(near)\"?" }
        return .failure(ValueError(message))
    }

    /// Scales an instrument by the fraction kept; returns the part taken as a copy.
    mutating func split(instrument id: String, keeping share: Fraction) -> (grant: Grant?, convertible: Convertible?) {
        if let i = grants.firstIndex(where: { $0.id == id }) {
            var taken = grants[i]
            let keep = Shares(Int((Fraction(Int128(grants[i].shares.count)) * share).floor))
            taken.shares = grants[i].shares - keep
            grants[i].shares = keep
            return (taken, nil)
        }
        let i = convertibles.firstIndex { $0.id == id }!
        var taken = convertibles[i]
        if let p = convertibles[i].principal {
            let keep = Money(cents: (Fraction(p.cents) * share).floor)
            taken.principal = p - keep
            convertibles[i].principal = keep
        }
        if let u = convertibles[i].units {
            let keep = Shares(Int((Fraction(Int128(u.count)) * share).floor))
            taken.units = u - keep
            convertibles[i].units = keep
        }
        return (nil, taken)
    }

    func holderOf(_ id: String) -> Int? {
        grants.first { $0.id == id }?.holder ?? convertibles.first { $0.id == id }?.holder
    }

    mutating func transferInstrument(_ id: String, from: Int, to: Int, _ e: LedgerEvent) -> String? {
        let fraction: Fraction
        switch part(of: id, e) {
        case .failure(let m): return m.message
        case .success(let f): fraction = f
        }
        guard holderOf(id) == from else { return "instrument \"\(id)\" is not held by \"\(persons[from].id)\"" }
        if fraction == .one {
            if let i = grants.firstIndex(where: { $0.id == id }) { grants[i].holder = to }
            if let i = convertibles.firstIndex(where: { $0.id == id }) { convertibles[i].holder = to }
            return nil
        }
        // Conversion is floored per instrument: the part transferred becomes its own.
        guard let newID = e.newInstrument else { return "a partial transfer of \"\(id)\" needs new_instrument, the id of the part transferred" }
        if grants.contains(where: { $0.id == newID }) || convertibles.contains(where: { $0.id == newID }) {
            return "instrument \"\(newID)\" exists already"
        }
        var (g, n) = split(instrument: id, keeping: .one - fraction)
        g?.id = newID; g?.holder = to; g?.location = e.location
        n?.id = newID; n?.holder = to; n?.location = e.location
        if let g { grants.append(g) }
        if let n { convertibles.append(n) }
        return nil
    }

    /// Cancels all or part of an instrument (a forfeiture).
    mutating func cancel(part id: String, _ e: LedgerEvent) -> String? {
        switch part(of: id, e) {
        case .failure(let m): return m.message
        case .success(let f):
            _ = split(instrument: id, keeping: .one - f)
            return nil
        }
    }

    /// Shares delivered: an option or warrant's shares, or a convertible's
    /// conversion on the date for the part converted, fractions paid in cash.
    mutating func exerciseOrConvert(_ id: String, _ e: LedgerEvent) -> String? {
        let fraction: Fraction
        switch part(of: id, e) {
        case .failure(let m): return m.message
        case .success(let f): fraction = f
        }
        if let g = grants.first(where: { $0.id == id }) {
            guard e.kind == .exercise else { return "\"\(id)\" is a grant: exercise it, not convert" }
            guard let holder = g.holder else { return "\"\(id)\" has no named holder to exercise it" }
            let shares = e.shares ?? g.shares
            if let problem = withinCap(g.classIndex, adding: shares, "exercise") { return problem }
            _ = split(instrument: id, keeping: .one - fraction)
            return deliver(shares, to: holder, g.classIndex, e)
        }
        let n = convertibles.first { $0.id == id }!
        guard e.kind == .convert else { return "\"\(id)\" is a \(n.kind.rawValue): convert it, not exercise" }
        let exact: Fraction
        switch n.kind {
        case .note:
            guard let price = n.conversionPrice, price.dollars > .zero else { return "note \"\(id)\" has no conversion price" }
            let b = n.balance(on: e.date, calendar: calendar)
            if b.exceedsLimit { return "note \"\(id)\" grows past $10^15 by \(e.date)" }
            let amount = b.principal + b.paidInKind + (n.convertsInterest ? b.accruedInterest : .zero)
            guard let x = amount.dollars.multiplied(by: fraction)?.divided(by: price.dollars) else {
                return "note \"\(id)\" converts into more shares than the calculator can count"
            }
            exact = x
        case .preferred:
            guard let x = (n.units ?? .zero).fraction.multiplied(by: fraction)?.multiplied(by: n.conversionRatio ?? .zero) else {
                return "preferred \"\(id)\" converts into more shares than the calculator can count"
            }
            exact = x
        }
        guard exact.floor <= Int128(ValueParser.maximumWholeNumber) else {
            return "\(n.kind.rawValue) \"\(id)\" would convert into \(exact.floor) shares, past the limit of 10^15"
        }
        let shares = Shares(Int(exact.floor))
        if let problem = withinCap(n.classIndex, adding: shares, "conversion") { return problem }
        _ = split(instrument: id, keeping: .one - fraction)
        return deliver(shares, to: n.holder, n.classIndex, e)
    }

    mutating func deliver(_ shares: Shares, to holder: Int, _ k: Int, _ e: LedgerEvent) -> String? {
        holdings.append(Holding(holder: holder, classIndex: k, shares: shares, voting: .sole, dispositive: .sole, note: e.note, location: e.location))
        if let reported = classes[k].reportedOutstanding { classes[k].reportedOutstanding = reported + shares }
        return nil
    }

    /// A split: holdings (each lot floored), grants and their prices,
    /// conversion prices and ratios, outstanding and reserved shares.
    mutating func split(_ k: Int, _ r: Fraction) -> String? {
        let cap = Int128(ValueParser.maximumWholeNumber)
        var problem: String?
        func scaled(_ s: Shares, _ what: @autoclosure () -> String) -> Shares {
            guard problem == nil else { return s }
            guard let x = s.fraction.multiplied(by: r), x.floor <= cap else {
                problem = "this split would make \(what()) more than 10^15 shares"
                return s
            }
            return Shares(Int(x.floor))
        }
        func divided(_ p: Price, _ what: @autoclosure () -> String) -> Price {
            guard problem == nil else { return p }
            guard let x = p.dollars.divided(by: r) else {
                problem = "this split would make \(what()) a price the calculator cannot hold exactly"
                return p
            }
            return Price(dollars: x)
        }
        // Every new figure first: a split that fails leaves the case as it was.
        let lots = holdings.indices.filter { holdings[$0].classIndex == k }
        let newLots = lots.map { scaled(holdings[$0].shares, "a lot of \"\(persons[holdings[$0].holder].id)\"") }
        let grantIndices = grants.indices.filter { grants[$0].classIndex == k }
        let newGrants = grantIndices.map { i in
            (scaled(grants[i].shares, "grant \"\(grants[i].id)\""), grants[i].exercisePrice.map { divided($0, "grant \"\(grants[i].id)\"'s exercise price") })
        }
        let noteIndices = convertibles.indices.filter { convertibles[$0].classIndex == k }
        let newNotes = noteIndices.map { i -> (Price?, Fraction?) in
            let price = convertibles[i].conversionPrice.map { divided($0, "\"\(convertibles[i].id)\"'s conversion price") }
            var ratio = convertibles[i].conversionRatio
            if let q = ratio, problem == nil {
                ratio = q.multiplied(by: r)
                if ratio == nil { problem = "this split would make \"\(convertibles[i].id)\"'s conversion ratio one the calculator cannot hold exactly" }
            }
            return (price, ratio)
        }
        let outstanding = classes[k].reportedOutstanding.map { scaled($0, "class \"\(classes[k].id)\"") }
        let reserved = classes[k].reserved.map { scaled($0, "the reserve of class \"\(classes[k].id)\"") }
        let total = newLots.reduce(Int128(0)) { $0 + Int128($1.count) }
        if problem == nil, total > cap { problem = "this split would make class \"\(classes[k].id)\"'s holdings more than 10^15 shares" }
        if let problem { return problem }
        for (i, n) in zip(lots, newLots) { holdings[i].shares = n }
        for (i, g) in zip(grantIndices, newGrants) { grants[i].shares = g.0; grants[i].exercisePrice = g.1 }
        for (i, n) in zip(noteIndices, newNotes) { convertibles[i].conversionPrice = n.0; if let q = n.1 { convertibles[i].conversionRatio = q } }
        if let outstanding { classes[k].reportedOutstanding = outstanding }
        if let reserved { classes[k].reserved = reserved }
        return nil
    }
}
