import CSVReading
import Foundation

/// An Open Cap Format package (OCF 1.x: a manifest and the files it lists,
/// each `{"file_type": …, "items": […]}`) read into the rows of a case on
/// a date, with every object the case format cannot hold reported, object
/// by object, with what was done with it. OCF keeps no control relations
/// or groups.
public struct OCFImport {
    /// An object not carried as it is, and what was done with it.
    public struct Note: Sendable {
        public var objectType: String
        public var id: String
        public var action: String
    }

    /// A comment carrying an object's row of the case format, as
    /// `export --format ocf` writes it: `captable-row:holdings.csv:<header>`
    /// then `captable-row:holdings.csv:<row>`. Such an object is read from
    /// its row, losing nothing OCF cannot say.
    public static let rowPrefix = "captable-row:"
    /// The stakeholder of shares outstanding that no person of the case holds.
    public static let unnamedHolders = "captable-unnamed-holders"

    public var rows = ImportRows()
    public var notes: [Note] = []
    public var asOf: CalendarDate
    public var issuer: String

    /// The mappings, each stated where it is made:
    /// - STOCK_CLASS: a class (voting when its votes per share are not 0);
    ///   outstanding is its stock issuances to the date, net of
    ///   cancellations, repurchases, transfers, conversions, retractions and
    ///   reissuances; a preferred class with a ratio conversion right into
    ///   another class gives each of its lots a preferred row of
    ///   convertibles.csv into that class as well.
    /// - STAKEHOLDER: a person (`INDIVIDUAL` an individual, others entities).
    /// - TX_STOCK_ISSUANCE: a holding of what is left of the security on
    ///   the date; a security with a later transaction naming a
    ///   `balance_security_id` is closed (the balance is its own issuance).
    /// - TX_EQUITY_COMPENSATION_ISSUANCE (options, RSUs): a grant, net of
    ///   its cancellations, exercises, releases, transfers and retractions;
    ///   `vestings` (dates and amounts) become one grant a tranche,
    ///   exercisable from its date; `vesting_terms_id` is not carried and
    ///   the grant counts as vested (reported: the reading that does not
    ///   miss a line). Stock appreciation rights acquire no shares: left out.
    /// - TX_WARRANT_ISSUANCE: a warrant of its quantity, price and expiry.
    /// - TX_CONVERTIBLE_ISSUANCE: a note at a fixed price (a
    ///   `RATIO_CONVERSION` with a `conversion_price`) that its holder may
    ///   convert (`ELECTIVE_AT_WILL`, or from a date), or a right to a fixed
    ///   number of shares (`FIXED_AMOUNT_CONVERSION` at will); a SAFE, a
    ///   conversion at a future financing's price or on a condition: left out.
    /// - TX_STOCK_CLASS_SPLIT: the class's securities issued before it
    ///   multiplied by its ratio, each floored.
    public static func read(directory: String, asOf given: CalendarDate?) -> Result<OCFImport, CaseError> {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            return .failure(.cannotOpen(path: directory, reason: "the OCF package cannot be read"))
        }
        func load(_ path: String) -> Result<[String: Any], CaseError> {
            guard let data = fm.contents(atPath: path) else { return .failure(.cannotOpen(path: path, reason: "the file cannot be read")) }
            guard let object = try? JSONSerialization.jsonObject(with: data), let dictionary = object as? [String: Any] else {
                return .failure(.invalid([Diagnostic(SourceLocation(file: path, line: 1, column: 1), "not a JSON object")]))
            }
            return .success(dictionary)
        }
        // The manifest: the one file whose file_type says so.
        var manifest: [String: Any]?
        var manifestPath = ""
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = (directory as NSString).appendingPathComponent(name)
            if case .success(let d) = load(path), d["file_type"] as? String == "OCF_MANIFEST_FILE" { (manifest, manifestPath) = (d, path) }
        }
        guard let manifest else {
            return .failure(.invalid([Diagnostic(SourceLocation(file: directory, line: 1, column: 1),
                                                 "no OCF manifest (a .json file with file_type OCF_MANIFEST_FILE)")]))
        }
        let at = SourceLocation(file: manifestPath, line: 1, column: 1)
        guard let version = manifest["ocf_version"] as? String, version.hasPrefix("1.") else {
            return .failure(.invalid([Diagnostic(at, "ocf_version \(manifest["ocf_version"] ?? "(none)") is not OCF 1.x")]))
        }
        let issuer = (manifest["issuer"] as? [String: Any])?["legal_name"] as? String ?? "Issuer"
        let date = given ?? (manifest["as_of"] as? String).flatMap { try? ValueParser.date($0, column: "as_of").get() }
        guard let asOf = date else { return .failure(.invalid([Diagnostic(at, "the manifest has no as_of date; give --as-of")])) }
        // Every object of every file the manifest lists.
        var items: [[String: Any]] = []
        for key in manifest.keys.sorted() where key.hasSuffix("_files") {
            for entry in manifest[key] as? [[String: Any]] ?? [] {
                guard let relative = entry["filepath"] as? String else { continue }
                let path = ((directory as NSString).appendingPathComponent(relative) as NSString).standardizingPath
                guard path.hasPrefix((directory as NSString).standardizingPath + "/") else {
                    return .failure(.invalid([Diagnostic(at, "filepath \"\(relative)\" is outside the package")]))
                }
                switch load(path) {
                case .success(let file):
                    // Every item an object: one that is not is an error, not a silent gap.
                    guard let list = file["items"] as? [Any] else {
                        return .failure(.invalid([Diagnostic(SourceLocation(file: path, line: 1, column: 1), "the file has no items array")]))
                    }
                    for (i, item) in list.enumerated() {
                        guard let object = item as? [String: Any] else {
                            return .failure(.invalid([Diagnostic(SourceLocation(file: path, line: 1, column: 1), "items[\(i)] is not an object")]))
                        }
                        items.append(object)
                    }
                case .failure(let e): return .failure(e)
                }
            }
        }
        var result = OCFImport(asOf: asOf, issuer: issuer)
        result.map(items)
        return .success(result)
    }

    // MARK: Mapping

    static func string(_ o: [String: Any], _ key: String) -> String? { o[key] as? String }
    static func amount(_ o: [String: Any], _ key: String) -> String? { (o[key] as? [String: Any])?["amount"] as? String }
    static func day(_ text: String?) -> CalendarDate? { text.flatMap { try? ValueParser.date($0, column: "date").get() } }

    /// A quantity as whole shares (a fraction floored, and said).
    mutating func whole(_ text: String?, _ type: String, _ id: String) -> Int? {
        guard let text else { return nil }
        guard let value = try? ValueParser.ratio(text, column: "quantity").get(), value >= .zero,
              value <= Fraction(ValueParser.maximumWholeNumber) else {
            notes.append(Note(objectType: type, id: id, action: "quantity \"\(text)\" is not a number of shares from 0 to 10^15"))
            return nil
        }
        if value.denominator != 1 { notes.append(Note(objectType: type, id: id, action: "quantity \(text) floored to whole shares")) }
        return Int(exactly: value.floor)
    }

    /// An OCF id as an id of the case format (one it cannot hold made safe).
    static func caseID(_ id: String) -> String {
        TextRule.problem(id, column: "id", isID: true) == nil ? id : String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    /// The object's row of the case format, from its comments; nil when it has none.
    static func carriedRow(_ o: [String: Any]) -> (file: String, row: [String: String])? {
        let comments = (o["comments"] as? [String] ?? []).filter { $0.hasPrefix(rowPrefix) }
        guard comments.count == 2 else { return nil }
        let parts = comments.map { $0.dropFirst(rowPrefix.count) }
        guard let colon = parts[0].firstIndex(of: ":"), parts[1].hasPrefix(parts[0][..<colon]) else { return nil }
        let file = String(parts[0][..<colon])
        let header = String(parts[0][parts[0].index(after: colon)...]), line = String(parts[1].dropFirst(file.count + 1))
        guard case .success(let table) = CSVReader.parse(Array((header + "\n" + line + "\n").utf8), file: file),
              table.recordCount == 2 else { return nil }
        var row: [String: String] = [:]
        for i in 0..<min(table.fieldCount(record: 0), table.fieldCount(record: 1)) {
            let value = table.field(record: 1, index: i)
            if !value.isEmpty { row[table.field(record: 0, index: i)] = value }
        }
        return (file, row)
    }

    mutating func map(_ items: [[String: Any]]) {
        let s = Self.string
        // Objects a captable export wrote carry their rows: taken as they are.
        var items = items
        var carriedClasses = Set<String>()
        items.removeAll { o in
            if (o["comments"] as? [String])?.contains(where: { $0.hasPrefix(Self.rowPrefix + "unnamed") }) == true { return true }
            guard let (file, row) = Self.carriedRow(o) else { return false }
            rows.add(file, row)
            if file == "classes.csv", let id = s(o, "id") { carriedClasses.insert(id) }
            return file != "classes.csv"
        }
        func type(_ o: [String: Any]) -> String { s(o, "object_type") ?? "?" }
        func id(_ o: [String: Any]) -> String { s(o, "id") ?? s(o, "security_id") ?? "?" }
        let dated = items.filter { o in Self.day(s(o, "date")).map { $0 <= asOf } ?? true }
        // What later transactions leave of each security: closed, or less.
        var taken: [String: Int] = [:], closed = Set<String>()
        let reducing: [String: String] = [
            "TX_STOCK_CANCELLATION": "quantity", "TX_STOCK_REPURCHASE": "quantity", "TX_STOCK_TRANSFER": "quantity",
            "TX_STOCK_CONVERSION": "quantity_converted", "TX_EQUITY_COMPENSATION_CANCELLATION": "quantity",
            "TX_EQUITY_COMPENSATION_EXERCISE": "quantity", "TX_EQUITY_COMPENSATION_RELEASE": "quantity",
            "TX_EQUITY_COMPENSATION_TRANSFER": "quantity", "TX_WARRANT_CANCELLATION": "quantity", "TX_WARRANT_EXERCISE": "quantity",
            "TX_WARRANT_TRANSFER": "quantity", "TX_CONVERTIBLE_CANCELLATION": "amount", "TX_CONVERTIBLE_CONVERSION": "amount",
            "TX_CONVERTIBLE_TRANSFER": "amount",
        ]
        var splits: [(classID: String, date: CalendarDate, ratio: Fraction)] = []
        for o in dated {
            let t = type(o)
            guard let security = s(o, "security_id") else {
                if t == "TX_STOCK_CLASS_SPLIT", let k = s(o, "stock_class_id"), let d = Self.day(s(o, "date")),
                   let r = o["split_ratio"] as? [String: Any], let n = (r["numerator"] as? String).flatMap({ Int($0) }),
                   let m = (r["denominator"] as? String).flatMap({ Int($0) }), n > 0, m > 0 {
                    splits.append((k, d, Fraction(Int128(n), Int128(m))))
                }
                continue
            }
            if t.hasSuffix("_RETRACTION") || t == "TX_STOCK_REISSUANCE" || s(o, "balance_security_id") != nil {
                closed.insert(security)
            } else if let key = reducing[t] {
                // A transaction without its quantity (a repurchase may have none) takes it all.
                if let q = s(o, key) ?? Self.amount(o, key), let n = whole(q, t, id(o)) { taken[security, default: 0] += n }
                else { closed.insert(security) }
            }
        }
        func left(_ security: String, _ quantity: Int) -> Int { closed.contains(security) ? 0 : max(0, quantity - (taken[security] ?? 0)) }

        var classes: [String: [String: Any]] = [:], plans: [String: [String: Any]] = [:]
        for o in items {
            switch type(o) {
            case "STOCK_CLASS": classes[id(o)] = o
            case "STOCK_PLAN": plans[id(o)] = o
            default: break
            }
        }
        let common = classes.values.filter { s($0, "class_type") == "COMMON" }.compactMap { s($0, "id") }
        /// A class of the package that an object names, or else the only common class.
        func knownClass(_ named: String?) -> String? {
            named.flatMap { classes[$0] == nil ? nil : $0 } ?? (common.count == 1 ? common[0] : nil)
        }
        let stakeholders = Set(items.filter { type($0) == "STAKEHOLDER" }.map(id))
        var held: [String: Int] = [:]
        var securities = Set<String>()
        // An issuance's date; one without a date is reported and left out.
        func issuedOn(_ o: [String: Any], _ t: String, _ oid: String) -> CalendarDate? {
            if let d = Self.day(s(o, "date")) { return d }
            notes.append(Note(objectType: t, id: oid, action: "left out: no date (YYYY-MM-DD)"))
            return nil
        }
        for o in items {
            let t = type(o), oid = id(o)
            // An issuance must name a stakeholder and classes of the package, and a security of its own.
            if t.hasSuffix("_ISSUANCE") {
                if let holder = s(o, "stakeholder_id"), !stakeholders.contains(holder) {
                    notes.append(Note(objectType: t, id: oid, action: "left out: its stakeholder \"\(holder)\" is not in the package"))
                    continue
                }
                if let k = s(o, "stock_class_id"), classes[k] == nil {
                    notes.append(Note(objectType: t, id: oid, action: "left out: its stock class \"\(k)\" is not in the package"))
                    continue
                }
                if let security = s(o, "security_id"), Self.day(s(o, "date")).map({ $0 <= asOf }) ?? true,
                   !securities.insert(security).inserted {
                    notes.append(Note(objectType: t, id: oid, action: "left out: security \"\(security)\" is issued twice"))
                    continue
                }
            }
            switch t {
            case "STAKEHOLDER":
                let name = (o["name"] as? [String: Any])?["legal_name"] as? String ?? oid
                rows.add("persons.csv", ["id": Self.caseID(oid), "name": name,
                                         "kind": (s(o, "stakeholder_type") == "INDIVIDUAL" ? PersonKind.individual : .entity).rawValue])
            case "TX_STOCK_ISSUANCE":
                guard let d = issuedOn(o, t, oid), d <= asOf else { continue }
                guard let security = s(o, "security_id"), let k = s(o, "stock_class_id"), let holder = s(o, "stakeholder_id"),
                      var quantity = whole(s(o, "quantity"), t, oid) else {
                    notes.append(Note(objectType: t, id: oid, action: "left out: no security, class, stakeholder or quantity"))
                    continue
                }
                for split in splits where split.classID == k && d < split.date { quantity = Int((Fraction(quantity) * split.ratio).floor) }
                let shares = left(security, quantity)
                guard shares > 0 else { continue }
                held[k, default: 0] += shares
                rows.add("holdings.csv", ["holder": Self.caseID(holder), "class": Self.caseID(k), "shares": String(shares),
                                          "note": "OCF security \(security)"])
                // Preferred convertible at a ratio: also a right to the other class's shares.
                for right in classes[k]?["conversion_rights"] as? [[String: Any]] ?? [] {
                    guard let mechanism = right["conversion_mechanism"] as? [String: Any], s(mechanism, "type") == "RATIO_CONVERSION",
                          let target = s(right, "converts_to_stock_class_id"),
                          let ratio = mechanism["ratio"] as? [String: Any], let n = s(ratio, "numerator"), let m = s(ratio, "denominator") else {
                        notes.append(Note(objectType: "STOCK_CLASS", id: k, action: "a conversion right other than a fixed ratio into a class: its lots are not converted"))
                        continue
                    }
                    rows.add("convertibles.csv", ["id": Self.caseID(security) + "-conversion", "holder": Self.caseID(holder), "kind": ConvertibleKind.preferred.rawValue,
                                                  "class": Self.caseID(target), "units": String(shares), "conversion_ratio": "\(n)/\(m)",
                                                  "note": "OCF security \(security): \(s(classes[k]!, "name") ?? k) convertible at \(n)/\(m)"])
                }
            case "TX_EQUITY_COMPENSATION_ISSUANCE":
                guard let d = issuedOn(o, t, oid), d <= asOf else { continue }
                let compensation = s(o, "compensation_type") ?? ""
                guard compensation.hasPrefix("OPTION") || compensation == "RSU" else {
                    notes.append(Note(objectType: t, id: oid, action: "left out: \(compensation), a stock appreciation right, acquires no shares"))
                    continue
                }
                let k = s(o, "stock_class_id") ?? knownClass(s(o, "stock_plan_id").flatMap { (plans[$0]?["stock_class_ids"] as? [String])?.first })
                guard let security = s(o, "security_id"), let k, let holder = s(o, "stakeholder_id"),
                      let quantity = whole(s(o, "quantity"), t, oid) else {
                    notes.append(Note(objectType: t, id: oid, action: "left out: its class, stakeholder or quantity is not given"))
                    continue
                }
                let shares = left(security, quantity)
                guard shares > 0 else { continue }
                var row: [String: String] = ["holder": Self.caseID(holder), "kind": (compensation == "RSU" ? GrantKind.rsu : .option).rawValue,
                                             "class": Self.caseID(k), "expires": s(o, "expiration_date") ?? "",
                                             "note": "OCF security \(security)"]
                if let price = Self.amount(o, "exercise_price") { row["exercise_price"] = price }
                if let tranches = o["vestings"] as? [[String: Any]], !tranches.isEmpty {
                    // Each tranche its own grant, acquirable from its date; what the security lost comes off the last tranches.
                    var remaining = shares
                    for (i, tranche) in tranches.enumerated() {
                        guard remaining > 0, let n = whole(s(tranche, "amount"), t, oid) else { continue }
                        var r = row
                        r["id"] = Self.caseID(security) + "-v\(i + 1)"
                        r["shares"] = String(min(n, remaining))
                        r["exercisable_from"] = s(tranche, "date") ?? ""
                        rows.add("options.csv", r)
                        remaining -= min(n, remaining)
                    }
                } else {
                    if let terms = s(o, "vesting_terms_id") {
                        notes.append(Note(objectType: t, id: oid, action: "vesting terms \(terms) not carried: counted as vested, the reading that does not miss a line"))
                    }
                    row["id"] = Self.caseID(security)
                    row["shares"] = String(shares)
                    rows.add("options.csv", row)
                }
            case "TX_WARRANT_ISSUANCE":
                guard let d = issuedOn(o, t, oid), d <= asOf else { continue }
                let triggers = o["exercise_triggers"] as? [[String: Any]] ?? []
                let right = triggers.compactMap { $0["conversion_right"] as? [String: Any] }.first
                let k = knownClass(right.flatMap { s($0, "converts_to_stock_class_id") })
                guard let security = s(o, "security_id"), let k, let holder = s(o, "stakeholder_id"),
                      let quantity = whole(s(o, "quantity"), t, oid) else {
                    notes.append(Note(objectType: t, id: oid, action: "left out: its class, stakeholder or a fixed quantity is not given"))
                    continue
                }
                let shares = left(security, quantity)
                guard shares > 0 else { continue }
                var row = ["id": Self.caseID(security), "holder": Self.caseID(holder), "kind": GrantKind.warrant.rawValue, "class": Self.caseID(k),
                           "shares": String(shares), "expires": s(o, "warrant_expiration_date") ?? "", "note": "OCF security \(security)"]
                if let price = Self.amount(o, "exercise_price") { row["exercise_price"] = price }
                rows.add("options.csv", row)
            case "TX_CONVERTIBLE_ISSUANCE":
                guard let d = issuedOn(o, t, oid), d <= asOf else { continue }
                let triggers = o["conversion_triggers"] as? [[String: Any]] ?? []
                // A fixed price the holder may convert at: a ratio conversion with a conversion price.
                let usable = triggers.first { trigger in
                    let mechanism = (trigger["conversion_right"] as? [String: Any])?["conversion_mechanism"] as? [String: Any]
                    return ["ELECTIVE_AT_WILL", "ELECTIVE_IN_RANGE"].contains(s(trigger, "type") ?? "")
                        && mechanism.map { s($0, "type") == "RATIO_CONVERSION" && Self.amount($0, "conversion_price") != nil } == true
                        && (trigger["conversion_right"] as? [String: Any]).flatMap { s($0, "converts_to_stock_class_id") } != nil
                }
                // A fixed number of shares at the holder's will: a right to them.
                let fixed = triggers.first { trigger in
                    let mechanism = (trigger["conversion_right"] as? [String: Any])?["conversion_mechanism"] as? [String: Any]
                    return s(trigger, "type") == "ELECTIVE_AT_WILL" && mechanism.map { s($0, "type") == "FIXED_AMOUNT_CONVERSION" } == true
                        && (trigger["conversion_right"] as? [String: Any]).flatMap { s($0, "converts_to_stock_class_id") }.map { classes[$0] != nil } == true
                }
                if usable == nil, let fixed, let security = s(o, "security_id"), let holder = s(o, "stakeholder_id") {
                    let right = fixed["conversion_right"] as! [String: Any]
                    let mechanism = right["conversion_mechanism"] as! [String: Any]
                    if let n = whole(s(mechanism, "converts_to_quantity"), t, oid), left(security, n) > 0 {
                        rows.add("options.csv", ["id": Self.caseID(security), "holder": Self.caseID(holder), "kind": GrantKind.right.rawValue,
                                                 "class": Self.caseID(s(right, "converts_to_stock_class_id")!), "shares": String(left(security, n)),
                                                 "note": "OCF security \(security): converts into a fixed number of shares"])
                    }
                    continue
                }
                guard let usable, let security = s(o, "security_id"), let holder = s(o, "stakeholder_id"),
                      let principal = Self.amount(o, "investment_amount") else {
                    let kind = s(o, "convertible_type") ?? "convertible"
                    notes.append(Note(objectType: t, id: oid, action: "left out: a \(kind) whose conversion depends on a future financing's price or on a condition, not a fixed price its holder may convert at (Rule 13d-3(d)(1)(i) counts only a present right)"))
                    continue
                }
                if taken[security] != nil || closed.contains(security) {
                    notes.append(Note(objectType: t, id: oid, action: "cancelled, converted or transferred in part or whole: left out"))
                    continue
                }
                let right = usable["conversion_right"] as! [String: Any]
                let mechanism = right["conversion_mechanism"] as! [String: Any]
                rows.add("convertibles.csv", ["id": Self.caseID(security), "holder": Self.caseID(holder), "kind": ConvertibleKind.note.rawValue,
                                              "class": Self.caseID(s(right, "converts_to_stock_class_id")!), "principal": principal,
                                              "conversion_price": Self.amount(mechanism, "conversion_price")!,
                                              "issued": s(o, "date") ?? "", "convertible_from": s(usable, "start_date") ?? "",
                                              "note": "OCF security \(security)"])
            case "STOCK_CLASS", "STOCK_PLAN", "TX_STOCK_CANCELLATION", "TX_STOCK_REPURCHASE", "TX_STOCK_TRANSFER",
                 "TX_STOCK_CONVERSION", "TX_STOCK_RETRACTION", "TX_STOCK_REISSUANCE", "TX_STOCK_CLASS_SPLIT",
                 "TX_EQUITY_COMPENSATION_CANCELLATION", "TX_EQUITY_COMPENSATION_EXERCISE", "TX_EQUITY_COMPENSATION_RELEASE",
                 "TX_EQUITY_COMPENSATION_TRANSFER", "TX_EQUITY_COMPENSATION_RETRACTION", "TX_WARRANT_CANCELLATION",
                 "TX_WARRANT_EXERCISE", "TX_WARRANT_TRANSFER", "TX_WARRANT_RETRACTION", "TX_CONVERTIBLE_CANCELLATION",
                 "TX_CONVERTIBLE_CONVERSION", "TX_CONVERTIBLE_TRANSFER", "TX_CONVERTIBLE_RETRACTION":
                continue  // carried by the mappings above
            default:
                let action: String
                switch t {
                case "TX_STOCK_CLASS_CONVERSION_RATIO_ADJUSTMENT":
                    action = "not applied: a preferred class converts at the ratio its stock class gives"
                case "TX_VESTING_START", "TX_VESTING_EVENT", "TX_VESTING_ACCELERATION", "VESTING_TERMS":
                    action = "not applied: vesting is the issuance's vestings (a grant a tranche), or else the grant counts as vested"
                case "TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT", "TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT", "TX_STOCK_PLAN_POOL_ADJUSTMENT",
                     "TX_STOCK_PLAN_RETURN_TO_POOL":
                    action = "not carried: shares authorized or reserved are not outstanding and count in no figure"
                default:
                    action = "not carried: it changes no holding, right or class the ownership figures count"
                }
                notes.append(Note(objectType: t, id: oid, action: action))
            }
        }
        for (k, o) in classes.sorted(by: { $0.key < $1.key }) where !carriedClasses.contains(k) {
            let votes = s(o, "votes_per_share") ?? "1"
            rows.add("classes.csv", ["class": Self.caseID(k), "issuer": issuer, "title": s(o, "name") ?? k,
                                     "outstanding": String(held[k] ?? 0), "as_of": asOf.description,
                                     "voting": (try? ValueParser.ratio(votes, column: "votes").get()).map { $0 == .zero ? "no" : "yes" } ?? "yes"])
        }
    }

}
