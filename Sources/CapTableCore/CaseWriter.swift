import CSVReading

/// Writes a case's state in the input format: every file but the ledger
/// (transactions.csv), every column, values in the forms the parsers read
/// back exactly.
public enum CaseWriter {
    public static func files(_ c: Case) -> [String: String] {
        func date(_ d: CalendarDate?) -> String { d?.description ?? "" }
        func flag(_ b: Bool) -> String { b ? "yes" : "no" }
        func power(_ p: Power) -> String { p.word }
        func shares(_ s: Shares?) -> String { s.map { String($0.count) } ?? "" }
        let person = { (i: Int) in c.persons[i].id }
        let shareClass = { (i: Int) in c.classes[i].id }
        var out: [String: String] = [:]

        out["classes.csv"] = CSVField.line(["class", "issuer", "title", "cusip", "outstanding", "as_of", "reserved", "voting"])
            + c.classes.map { k in
                CSVField.line([k.id, k.issuer, k.title, k.cusip ?? "", shares(k.reportedOutstanding), date(k.asOf),
                               shares(k.reserved), flag(k.voting)])
            }.joined()
        out["persons.csv"] = CSVField.line(["id", "name", "kind", "type", "citizenship", "majority_rule", "control_intent",
                                            "reporting", "roles", "address", "source_of_funds", "citizenship_code"])
            + c.persons.map { p in
                CSVField.line([p.id, p.name, p.kind.rawValue, p.type, p.citizenship ?? "", flag(p.majorityRule),
                               flag(p.controlIntent), p.reporting.map(flag) ?? "", p.roles.map(\.rawValue).joined(separator: ";"),
                               p.address ?? "", p.sourceOfFunds.joined(separator: ";"), p.citizenshipCode ?? ""])
            }.joined()
        out["holdings.csv"] = CSVField.line(["holder", "class", "shares", "voting", "dispositive", "note"])
            + c.holdings.map { h in
                CSVField.line([person(h.holder), shareClass(h.classIndex), shares(h.shares), power(h.voting),
                               power(h.dispositive), h.note ?? ""])
            }.joined()
        out["options.csv"] = CSVField.line(["id", "holder", "kind", "class", "shares", "exercise_price", "exercisable_from",
                                            "expires", "vest_start", "vest_months", "cliff_months", "vest_every_months",
                                            "cap_percent", "note"])
            + c.grants.map { g in
                CSVField.line([g.id, g.holder.map(person) ?? "", g.kind.rawValue, shareClass(g.classIndex), shares(g.shares),
                               g.exercisePrice.map { exact($0.dollars) } ?? "", date(g.exercisableFrom), date(g.expires),
                               date(g.vesting?.start), g.vesting.map { String($0.months) } ?? "",
                               g.vesting.map { String($0.cliffMonths) } ?? "", g.vesting.map { String($0.everyMonths) } ?? "",
                               g.cap.map { exact($0.value) } ?? "", g.note ?? ""])
            }.joined()
        out["convertibles.csv"] = CSVField.line(["id", "holder", "kind", "class", "principal", "conversion_price", "units",
                                                 "conversion_ratio", "issued", "convertible_from", "maturity", "rate",
                                                 "interest", "day_count", "pik_months", "first_payment",
                                                 "converts_interest", "cap_percent", "note", "anti_dilution"])
            + c.convertibles.map { n in
                let isNote = n.kind == .note
                return CSVField.line([
                    n.id, person(n.holder), n.kind.rawValue, shareClass(n.classIndex),
                    n.principal.map { money($0) } ?? "", n.conversionPrice.map { exact($0.dollars) } ?? "",
                    shares(n.units), n.conversionRatio.map(exact) ?? "", date(n.issued), date(n.convertibleFrom),
                    date(n.maturity), isNote ? exact(n.rate.value) : "", isNote ? n.interest.rawValue : "",
                    isNote ? n.dayCount.rawValue : "", n.pikMonths.map(String.init).joined(separator: ","),
                    date(n.firstPayment), flag(n.convertsInterest), n.cap.map { exact($0.value) } ?? "", n.note ?? "",
                    n.weightedAverageAntiDilution ? "weighted_average" : "none",
                ])
            }.joined()
        out["relations.csv"] = CSVField.line(["controller", "controlled", "role", "voting", "dispositive", "disclaims", "note"])
            + c.relations.map { r in
                CSVField.line([person(r.controller), person(r.controlled), r.role.rawValue, power(r.voting),
                               power(r.dispositive), flag(r.disclaims), r.note ?? ""])
            }.joined()
        out["groups.csv"] = CSVField.line(["group", "member"])
            + c.memberships.map { CSVField.line([person($0.group), person($0.member)]) }.joined()
        if let listed = c.calendar.listed {
            out["holidays.csv"] = CSVField.line(["date", "name"])
                + listed.sorted().map { CSVField.line([$0.description, ""]) }.joined()
        }
        return out
    }

    /// Money as dollars and cents: `176800.00`.
    public static func money(_ m: Money) -> String {
        let cents = m.cents % 100
        return "\(m.cents / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// A non-negative fraction as the parsers read it exactly: a decimal when
    /// its denominator divides 10^6, else `W N/D`.
    public static func exact(_ f: Fraction) -> String {
        if 1_000_000 % f.denominator == 0 {
            var text = f.decimalText(places: 6)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        let whole = f.floor
        let part = f - Fraction(whole)
        return whole == 0 ? "\(part.numerator)/\(part.denominator)" : "\(whole) \(part.numerator)/\(part.denominator)"
    }
}
