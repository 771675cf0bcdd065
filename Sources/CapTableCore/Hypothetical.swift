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
    /// The case with `shares` more shares of class `k` held by `holder` with
    /// sole voting and dispositive power (what a purchase or an issue to it
    /// gives), bought or newly issued; nil when the class would pass the
    /// 10^15 limit. A class whose outstanding is the sum of its holdings
    /// keeps that sum as its figure for a purchase.
    public func acquiring(_ shares: Shares, of k: Int, by holder: Int, _ how: Acquisition) -> Case? {
        var c = self
        let outstanding = sharesOutstanding(classIndex: k)
        switch how {
        case .purchase:
            c.classes[k].reportedOutstanding = outstanding
        case .issue:
            guard withinCap(k, adding: shares, "issue") == nil else { return nil }
            c.classes[k].reportedOutstanding = outstanding + shares
        }
        c.holdings.append(Holding(holder: holder, classIndex: k, shares: shares, voting: .sole, dispositive: .sole,
                                  note: "hypothetical \(how.rawValue)",
                                  location: SourceLocation(file: "(hypothetical)", line: 0, column: 0)))
        return c
    }

    /// Shares of class `k` that `holder` holds in its own name.
    public func sharesHeld(by holder: Int, of k: Int) -> Shares {
        Shares(holdings.indices.reduce(0) { holdings.classIndex($1) == k && Int(holdings.holders[$1]) == holder ? $0 + holdings.shareCount($1) : $0 })
    }
}
