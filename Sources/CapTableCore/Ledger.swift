import CSVReading

/// A dated event of `transactions.csv` (input format 1.2).
public struct LedgerEvent: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case issue, transfer, cancel, repurchase, exercise, convert, split, outstanding
        /// The holder comes to hold its securities with the purpose or effect
        /// of changing or influencing control (Rule 13d-1(e)). Format 1.3.
        case controlIntent = "control_intent"
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
    func replay(through date: CalendarDate?) -> (case: Case, problems: [Diagnostic]) {
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
            if let consideration = e.consideration { adjustConversionPrices(k, issued: shares, for: consideration, on: e.date) }
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
            split(k, r)
            return nil
        case .controlIntent:
            guard let holder = e.holder else { return "control_intent needs holder" }
            persons[holder].controlIntent = true
            return nil
        case .outstanding:
            guard let k = e.classIndex, let shares = e.shares else { return "outstanding needs class and shares" }
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
    mutating func adjustConversionPrices(_ k: Int, issued: Shares, for consideration: Money, on date: CalendarDate) {
        let series = convertibles.indices.filter {
            convertibles[$0].classIndex == k && convertibles[$0].kind == .note && convertibles[$0].weightedAverageAntiDilution
                && convertibles[$0].isOutstanding(on: date, calendar: calendar)
        }
        guard !series.isEmpty, issued.count > 0 else { return }
        let perShare = consideration.dollars / issued.fraction
        let onConversion = series.reduce(Int128(0)) { $0 + (convertibles[$1].conversionShares(on: date, calendar: calendar) ?? 0) }
        let before = Fraction(Int128(sharesOutstanding(classIndex: k).count) + onConversion)
        let after = before + issued.fraction
        for i in series {
            guard let price = convertibles[i].conversionPrice?.dollars, perShare < price else { continue }
            let exact = (before * price + consideration.dollars) / after
            let adjustment = price - exact + convertibles[i].carriedAdjustment
            if adjustment < Fraction(1, 100) {
                convertibles[i].carriedAdjustment = adjustment
            } else {
                convertibles[i].conversionPrice = Price(dollars: Fraction(((price - adjustment) * Fraction(100)).roundedHalfUp, 100))
                convertibles[i].carriedAdjustment = .zero
            }
        }
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
            let amount = b.principal + b.paidInKind + (n.convertsInterest ? b.accruedInterest : .zero)
            exact = amount.dollars * fraction / price.dollars
        case .preferred:
            exact = (n.units ?? .zero).fraction * fraction * (n.conversionRatio ?? .zero)
        }
        _ = split(instrument: id, keeping: .one - fraction)
        return deliver(Shares(Int(exact.floor)), to: n.holder, n.classIndex, e)
    }

    mutating func deliver(_ shares: Shares, to holder: Int, _ k: Int, _ e: LedgerEvent) -> String? {
        holdings.append(Holding(holder: holder, classIndex: k, shares: shares, voting: .sole, dispositive: .sole, note: e.note, location: e.location))
        if let reported = classes[k].reportedOutstanding { classes[k].reportedOutstanding = reported + shares }
        return nil
    }

    /// A split: holdings (each lot floored), grants and their prices,
    /// conversion prices and ratios, outstanding and reserved shares.
    mutating func split(_ k: Int, _ r: Fraction) {
        func scaled(_ s: Shares) -> Shares { Shares(Int((s.fraction * r).floor)) }
        for i in holdings.indices where holdings[i].classIndex == k { holdings[i].shares = scaled(holdings[i].shares) }
        for i in grants.indices where grants[i].classIndex == k {
            grants[i].shares = scaled(grants[i].shares)
            if let p = grants[i].exercisePrice { grants[i].exercisePrice = Price(dollars: p.dollars / r) }
        }
        for i in convertibles.indices where convertibles[i].classIndex == k {
            if let p = convertibles[i].conversionPrice { convertibles[i].conversionPrice = Price(dollars: p.dollars / r) }
            if let ratio = convertibles[i].conversionRatio { convertibles[i].conversionRatio = ratio * r }
        }
        if let o = classes[k].reportedOutstanding { classes[k].reportedOutstanding = scaled(o) }
        if let reserved = classes[k].reserved { classes[k].reserved = scaled(reserved) }
    }
}
