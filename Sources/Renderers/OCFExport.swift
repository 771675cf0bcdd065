import Attribution
import CapTableCore
import Foundation

/// A case on a date as an Open Cap Format package (OCF v1.2.0): the
/// manifest, stock classes, stakeholders and transactions. Each holding is
/// a stock issuance; each option, RSU or warrant an equity compensation or
/// warrant issuance (its vesting as `vestings`, a tranche a vesting date);
/// each note or preferred lot a convertible issuance at its fixed price or
/// ratio; the shares outstanding that no holding accounts for an issuance to
/// a stakeholder of their own ("Holders not named in the case"). What OCF
/// cannot say (interest paid in kind, day counts, blockers, powers other
/// than sole, a conversion ratio of preferred held outside a class) is
/// carried in each object's `comments` as its row of the case format
/// (`captable-row: …`), so that `import ocf` loses nothing; another tool
/// reads the OCF fields. Control relations and groups are not in OCF.
public enum OCFExport {
    public static let version = "1.2.0"
    /// The comment that carries an object's row of the case format.
    public static let rowPrefix = OCFImport.rowPrefix
    public static let unnamedHolders = OCFImport.unnamedHolders

    /// The package's files by name, as JSON text. `c` is the case as it
    /// stands on `asOf` (replayed, without its ledger).
    /// `classes`: the classes to export (default: all); the others, and every
    /// lot of theirs, are left out.
    public static func package(_ c: Case, asOf: CalendarDate, generatedAt: String, classes only: [Int]? = nil) -> Result<[String: String], RenderError> {
        let chosen = Set(only ?? Array(c.classes.indices))
        let issuers = Set(chosen.map { c.classes[$0].issuer })
        guard issuers.count == 1, let issuer = issuers.first else {
            return .failure(.ocf("an OCF package is one issuer's; this case has \(issuers.count) (\(issuers.sorted().prefix(3).joined(separator: "; "))): name one class with --class"))
        }
        let rows = CaseWriter.files(c).mapValues { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        func row(_ file: String, _ i: Int) -> [String] { ["\(rowPrefix)\(file):" + rows[file]![0], "\(rowPrefix)\(file):" + rows[file]![i + 1]] }
        func money(_ amount: String) -> [String: Any] { ["amount": amount, "currency": "USD"] }
        func date(_ d: CalendarDate?) -> String { (d ?? asOf).description }
        let issuance: [String: Any] = ["security_law_exemptions": [] as [Any]]

        var classes: [[String: Any]] = []
        var transactions: [[String: Any]] = []
        for (k, sc) in c.classes.enumerated() where chosen.contains(k) {
            classes.append(["object_type": "STOCK_CLASS", "id": sc.id, "name": sc.title, "class_type": "COMMON",
                            "default_id_prefix": "\(sc.id)-", "initial_shares_authorized": String(c.sharesOutstanding(classIndex: k).count),
                            "votes_per_share": sc.voting ? "1" : "0", "seniority": "1", "comments": row("classes.csv", k)])
        }
        for i in c.holdings.indices where chosen.contains(c.holdings.classIndex(i)) {
            let h = c.holdings[i]
            transactions.append(issuance.merging([
                "object_type": "TX_STOCK_ISSUANCE", "id": "holding-\(i + 1)", "security_id": "H-\(i + 1)", "custom_id": "H-\(i + 1)",
                "date": date(c.classes[h.classIndex].asOf), "stakeholder_id": c.persons[h.holder].id,
                "stock_class_id": c.classes[h.classIndex].id, "share_price": money("0"), "quantity": String(h.shares.count),
                "stock_legend_ids": [] as [Any], "comments": row("holdings.csv", i),
            ]) { $1 })
        }
        // The shares outstanding no holding accounts for.
        var unnamed = false
        for (k, sc) in c.classes.enumerated() where chosen.contains(k) {
            let held = c.holdings.indices.reduce(0) { c.holdings.classIndex($1) == k ? $0 + c.holdings.shareCount($1) : $0 }
            let rest = c.sharesOutstanding(classIndex: k).count - held
            guard rest > 0 else { continue }
            unnamed = true
            transactions.append(issuance.merging([
                "object_type": "TX_STOCK_ISSUANCE", "id": "unnamed-\(sc.id)", "security_id": "U-\(sc.id)", "custom_id": "U-\(sc.id)",
                "date": date(sc.asOf), "stakeholder_id": unnamedHolders, "stock_class_id": sc.id, "share_price": money("0"),
                "quantity": String(rest), "stock_legend_ids": [] as [Any],
                "comments": ["\(rowPrefix)unnamed: shares outstanding held by persons the case does not name"],
            ]) { $1 })
        }
        for i in c.grants.indices where chosen.contains(c.grants.classIndex(i)) {
            let g = c.grants[i]
            // A line of rights of holders the case does not name goes to their stakeholder.
            if g.holder == nil { unnamed = true }
            let id = g.id
            var o: [String: Any] = issuance.merging(["id": "grant-\(i + 1)", "security_id": id, "custom_id": id,
                                                     "date": date(g.vesting?.start ?? c.classes[g.classIndex].asOf),
                                                     "stakeholder_id": g.holder.map { c.persons[$0].id } ?? unnamedHolders,
                                                     "comments": row("options.csv", i)]) { $1 }
            let price = g.exercisePrice.map { money(CaseWriter.exact($0.dollars)) }
            // Vesting as dates and amounts: each month's tranche on its date, as the case counts it.
            var vestings: [[String: Any]] = []
            if let v = g.vesting {
                var before = Shares.zero
                for month in 0...max(0, v.months) {
                    let day = v.start.adding(months: month)
                    let vested = v.vested(g.shares, on: day)
                    if vested > before { vestings.append(["date": day.description, "amount": String((vested - before).count)]) }
                    before = vested
                }
            }
            switch g.kind {
            case .warrant, .right:
                o["object_type"] = "TX_WARRANT_ISSUANCE"
                o["quantity"] = String(g.shares.count)
                o["purchase_price"] = money("0")
                if let price { o["exercise_price"] = price }
                if let e = g.expires { o["warrant_expiration_date"] = e.description }
                o["exercise_triggers"] = [["trigger_id": "\(id).exercise", "type": "ELECTIVE_AT_WILL",
                                           "conversion_right": ["type": "WARRANT_CONVERSION_RIGHT", "converts_to_stock_class_id": c.classes[g.classIndex].id,
                                                                "conversion_mechanism": ["type": "FIXED_AMOUNT_CONVERSION", "converts_to_quantity": String(g.shares.count)]]]]
            default:
                o["object_type"] = "TX_EQUITY_COMPENSATION_ISSUANCE"
                o["compensation_type"] = g.kind == .rsu ? "RSU" : "OPTION"
                o["stock_class_id"] = c.classes[g.classIndex].id
                o["quantity"] = String(g.shares.count)
                if let price { o["exercise_price"] = price }
                // OCF requires an option's exercise price; one the case does not give is written as 0, and said.
                if price == nil && g.kind != .rsu {
                    o["exercise_price"] = money("0")
                    o["comments"] = (o["comments"] as! [String]) + ["exercise price not given in the case: 0 is a placeholder"]
                }
                // OCF requires an expiration date; a grant without one is given the far future, and its row says so.
                o["expiration_date"] = (g.expires ?? CalendarDate(year: 9999, month: 12, day: 31)!).description
                o["termination_exercise_windows"] = [] as [Any]
            }
            if !vestings.isEmpty { o["vestings"] = vestings }
            transactions.append(o)
        }
        // A convertible converts, in OCF 1.2.0, by a fixed amount: the shares it gives on the date.
        var onTheDate: [String: Int] = [:]
        for k in c.classes.indices where chosen.contains(k) {
            for r in c.rightsToAcquire(classIndex: k, asOf: asOf) { onTheDate[r.id] = r.outstandingShares.count }
        }
        for (i, n) in c.convertibles.enumerated() where chosen.contains(n.classIndex) {
            let amount = n.kind == .note ? n.principal.map(CaseWriter.money) ?? "0" : "0"
            var trigger: [String: Any] = ["trigger_id": "\(n.id).conversion", "type": "ELECTIVE_AT_WILL"]
            if let from = n.convertibleFrom {
                trigger = ["trigger_id": "\(n.id).conversion", "type": "ELECTIVE_IN_RANGE", "start_date": from.description,
                           "end_date": (n.maturity ?? CalendarDate(year: 9999, month: 12, day: 31)!).description]
            }
            trigger["conversion_right"] = ["type": "CONVERTIBLE_CONVERSION_RIGHT", "converts_to_stock_class_id": c.classes[n.classIndex].id,
                                           "conversion_mechanism": ["type": "FIXED_AMOUNT_CONVERSION",
                                                                    "converts_to_quantity": String(onTheDate[n.id] ?? 0)]]
            transactions.append(issuance.merging([
                "object_type": "TX_CONVERTIBLE_ISSUANCE", "id": "convertible-\(i + 1)", "security_id": n.id, "custom_id": n.id,
                "date": date(n.issued ?? c.classes[n.classIndex].asOf), "stakeholder_id": c.persons[n.holder].id,
                "convertible_type": n.kind == .note ? "NOTE" : "CONVERTIBLE_SECURITY", "investment_amount": money(amount),
                "conversion_triggers": [trigger], "seniority": 1, "comments": row("convertibles.csv", i),
            ]) { $1 })
        }
        var stakeholders: [[String: Any]] = c.persons.filter { $0.kind != .group }.map { p in
            ["object_type": "STAKEHOLDER", "id": p.id, "name": ["legal_name": p.name],
             "stakeholder_type": p.kind == .individual ? "INDIVIDUAL" : "INSTITUTION"]
        }
        if unnamed {
            stakeholders.append(["object_type": "STAKEHOLDER", "id": unnamedHolders, "name": ["legal_name": "Holders not named in the case"],
                                 "stakeholder_type": "INSTITUTION", "comments": ["\(rowPrefix)unnamed"]])
        }
        // The listed files first, each then named in the manifest with its MD5.
        let listed: [(key: String, name: String, object: [String: Any])] = [
            ("stock_classes_files", "StockClasses.ocf.json", ["file_type": "OCF_STOCK_CLASSES_FILE", "items": classes]),
            ("stakeholders_files", "Stakeholders.ocf.json", ["file_type": "OCF_STAKEHOLDERS_FILE", "items": stakeholders]),
            ("transactions_files", "Transactions.ocf.json", ["file_type": "OCF_TRANSACTIONS_FILE", "items": transactions]),
        ]
        var manifest: [String: Any] = [
            "ocf_version": version, "file_type": "OCF_MANIFEST_FILE", "as_of": asOf.description, "generated_at": generatedAt,
            "issuer": ["object_type": "ISSUER", "id": "issuer", "legal_name": issuer, "formation_date": "1900-01-01",
                       "country_of_formation": "US",
                       "comments": ["formation_date and country_of_formation are not in the case: placeholders"]],
            "stock_plans_files": [] as [Any], "stock_legend_templates_files": [] as [Any], "vesting_terms_files": [] as [Any],
            "valuations_files": [] as [Any],
        ]
        var out: [String: String] = [:]
        for file in listed {
            let text = json(file.object)
            out[file.name] = text
            manifest[file.key] = [["filepath": "./" + file.name, "md5": MD5.hex(Array(text.utf8))]]
        }
        out["Manifest.ocf.json"] = json(manifest)
        return .success(out)
    }

    static func json(_ object: Any) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
