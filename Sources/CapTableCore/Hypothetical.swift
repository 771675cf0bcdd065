import CSVReading

/// How a hypothetical acquisition of shares comes about.
public enum Acquisition: String, Sendable, CaseIterable {
    /// Shares already outstanding, bought from others: the class's shares
    /// outstanding, and so every person's denominator, stay as they are.
    case purchase
    /// Shares newly issued to the person: shares outstanding grow by them.
    case issue
}

extension Case {
    /// The case with `shares` more shares of class `k` held by `holder`,
    /// as the ledger's `purchase` (bought from persons outside the case:
    /// outstanding stays) or `issue` (newly issued: outstanding grows)
    /// leaves it, on `date`; nil when the ledger refuses it (more than the
    /// shares outside the case's holdings, or past 10^15). A class whose
    /// outstanding is the sum of its holdings has no shares outside them.
    public func acquiring(_ shares: Shares, of k: Int, by holder: Int, _ how: Acquisition, on date: CalendarDate) -> Case? {
        var c = self
        if c.classes[k].reportedOutstanding == nil { c.classes[k].reportedOutstanding = sharesOutstanding(classIndex: k) }
        let event = LedgerEvent(date: date, kind: how == .purchase ? .purchase : .issue, holder: holder, classIndex: k, shares: shares,
                                note: "hypothetical \(how.rawValue)", location: SourceLocation(file: "(hypothetical)", line: 0, column: 0))
        return c.apply(event) == nil ? c : nil
    }

    /// Shares of class `k` outstanding and held by no one in the case: what
    /// a purchase from outside it can take.
    public func sharesOutsideHoldings(of k: Int) -> Shares {
        Shares(Int(max(0, Int128(sharesOutstanding(classIndex: k).count) - heldShares(k))))
    }
}

extension Case {
    /// The case with the holdings, grants and convertibles of class `k`
    /// only (every class, person and relation kept, with their indices), and
    /// no events: what one class's figures on a replayed date need. A
    /// question asked of one class many times (headroom's bisection,
    /// explain) then builds its tables from that class's lots, not the book's.
    public func restricted(toClass k: Int) -> Case {
        var c = self
        c.events = []
        c.holdings.removeAll { $0.classIndex != k }
        c.grants = GrantTable(grants.filter { $0.classIndex == k })
        c.convertibles = convertibles.filter { $0.classIndex == k }
        return c
    }
}
