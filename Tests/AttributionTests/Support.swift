import Attribution
import CapTableCore
import InputFiles
import Testing

/// Builds a case from CSV text (header rows included) and computes class `c`.
struct Scenario {
    var classes = "class,issuer,title,outstanding,as_of\nc,Issuer Inc.,Common Stock,\"10,000\",2025-01-01\n"
    var persons: String
    var holdings = "holder,class,shares,voting,dispositive\n"
    var options: String?
    var convertibles: String?
    var relations: String?
    var groups: String?

    func load() throws -> Case {
        var files: [String: [UInt8]] = ["classes.csv": Array(classes.utf8), "persons.csv": Array(persons.utf8),
                                        "holdings.csv": Array(holdings.utf8)]
        if let options { files["options.csv"] = Array(options.utf8) }
        if let convertibles { files["convertibles.csv"] = Array(convertibles.utf8) }
        if let relations { files["relations.csv"] = Array(relations.utf8) }
        if let groups { files["groups.csv"] = Array(groups.utf8) }
        switch CaseLoader.load(files: files) {
        case .success(let c): return c
        case .failure(.invalid(let ds)): throw ScenarioError(message: ds.map(\.description).joined(separator: "\n"))
        case .failure(let e): throw ScenarioError(message: "\(e)")
        }
    }

    func ownership(asOf: String? = nil) throws -> [String: OwnershipRow] {
        let c = try load()
        let date = try asOf.map { try ValueParser.date($0, column: "as_of").get() } ?? c.classes[0].asOf
        let result = BeneficialOwnership.compute(c, classIndex: 0, asOf: date)
        return Dictionary(uniqueKeysWithValues: result.rows.map { (c.persons[$0.person].id, $0) })
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

func persons(_ ids: String...) -> String {
    "id,name,kind,majority_rule,control_intent\n" + ids.map { spec in
        let parts = spec.split(separator: ":").map(String.init)
        let kind = parts.count > 1 ? parts[1] : "entity"
        let mr = parts.contains("mr") ? "yes" : "no"
        let ci = parts.contains("ci") ? "yes" : "no"
        return "\(parts[0]),\(parts[0].uppercased()),\(kind),\(mr),\(ci)"
    }.joined(separator: "\n") + "\n"
}
