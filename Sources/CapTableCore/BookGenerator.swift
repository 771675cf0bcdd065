import CSVReading

/// A deterministic synthetic book in the input format, for benchmarks and
/// scale tests: for scale 1 about 1,000 classes (issuers), 100,000 persons,
/// 1,000,000 holding lots, 200,000 option grants with vesting, 20,000 notes
/// and preferred lots, 30,000 control relations in chains up to six deep
/// with shared parents, some majority-rule entities and disclaimers, and 500
/// groups; sizes grow in proportion to the scale. The same scale and seed
/// always give the same bytes.
public struct BookGenerator {
    public var scale: Int
    public var seed: UInt64
    /// Leave out what a plain SQL model would not compute: blockers, PIK
    /// interest and vesting (options are then fully vested, notes pay none).
    public var simple: Bool
    /// Write the book as people keep real ones (`Text`): the same persons,
    /// lots, instruments and relations, so the same figures, in the variety
    /// of a real book's text. False: every value in its plainest form.
    public var realistic: Bool
    /// Divides every size, for tests that want a small book of the same shape.
    public var shrink = 1

    public init(scale: Int, seed: UInt64, simple: Bool = false, realistic: Bool = false) {
        self.scale = scale
        self.seed = seed
        self.simple = simple
        self.realistic = realistic
    }

    /// Writes each file through `write(name, chunk)`, in pieces of bounded size.
    public func generate(_ write: (String, String) throws -> Void) rethrows {
        var r = SplitMix64(seed: seed)
        let classes = 1_000 * scale / shrink, persons = 100_000 * scale / shrink
        let lots = 1_000_000 * scale / shrink, grants = 200_000 * scale / shrink, convertibles = 20_000 * scale / shrink
        let relations = 30_000 * scale / shrink, groups = max(1, 500 * scale / shrink)
        // Persons: p0… individuals and funds (holders); the top tenth are controllers
        // (general partners, advisers) in six levels; the last `groups` are groups.
        let people = persons - groups
        let controllersFrom = people - people / 10
        func level(_ i: Int) -> Int { i < controllersFrom ? 0 : 1 + (i - controllersFrom) * 5 / max(1, people - controllersFrom) }

        var buffer = ""
        func flush(_ name: String, force: Bool = false) throws {
            if force || buffer.utf8.count > 1 << 20 { try write(name, buffer); buffer = "" }
        }

        // The text of each value: plain, or varied as in a real book, by a
        // generator of its own so that the book's content is the same either way.
        var text = Text(realistic: realistic, seed: seed)
        let person = { (i: Int) in text.person(i) }, shareClass = { (k: Int) in text.shareClass(k) }

        buffer = "class,issuer,title,outstanding,as_of\n"
        var outstanding = [Int](repeating: 0, count: classes)
        for k in 0..<classes { outstanding[k] = 10_000_000 + r.below(90_000_000) }
        for k in 0..<classes { buffer += "\(shareClass(k)),Issuer \(k) Inc.,Common Stock,\(text.number(outstanding[k])),2025-06-30\n" }
        try flush("classes.csv", force: true)

        buffer = realistic ? "name,kind,id,type,citizenship,majority_rule,address,roles\n" : "id,name,kind,majority_rule\n"
        for i in 0..<persons {
            let kind = i >= people ? "group" : level(i) > 0 || r.chance(40) ? "entity" : "individual"
            let majority = kind == "entity" && level(i) == 1 && r.chance(5) ? "yes" : "no"
            if realistic {
                buffer += text.personRow(i, kind: kind, majority: majority)
            } else {
                buffer += "p\(i),Person \(i),\(kind),\(majority)\n"
            }
            try flush("persons.csv")
        }
        try flush("persons.csv", force: true)

        // Each lot small enough that a class's holdings stay within its outstanding figure.
        buffer = realistic ? "holder,class,shares,voting,dispositive,note\n" : "holder,class,shares,voting,dispositive\n"
        let perClass = lots / classes
        for l in 0..<lots {
            let k = l / perClass % classes
            let holder = r.below(controllersFrom)
            let shares = 1 + r.below(max(1, outstanding[k] / perClass / 2))
            let voting = r.chance(90) ? "sole" : "shared"
            let dispositive = r.chance(95) ? "sole" : "shared"
            buffer += "\(person(holder)),\(shareClass(k)),\(text.number(shares)),\(text.power(voting, default: "sole")),\(text.power(dispositive, default: "sole"))\(text.note())\n"
            try flush("holdings.csv")
        }
        try flush("holdings.csv", force: true)

        buffer = "id,holder,kind,class,shares,exercise_price,vest_start,vest_months,cliff_months,cap_percent\n"
        for g in 0..<grants {
            let vesting = simple ? ",,," : "2024-\(String(r.below(12) + 1).leftPadded(2))-15,48,12,"
            let cap = !simple && r.chance(2) ? "9.99" : ""
            let holder = r.below(controllersFrom)
            let kind = r.chance(80) ? "option" : "warrant"
            let k = r.below(classes), shares = 1 + r.below(20_000), price = 1 + r.below(20)
            buffer += "\(text.grant(g)),\(person(holder)),\(kind),\(shareClass(k)),\(text.number(shares)),\(text.price(price, half: false)),\(vesting)\(cap)\n"
            try flush("options.csv")
        }
        try flush("options.csv", force: true)

        buffer = "id,holder,kind,class,principal,conversion_price,units,conversion_ratio,issued,maturity,rate,interest,pik_months\n"
        for n in 0..<convertibles {
            let holder = r.below(controllersFrom), k = r.below(classes)
            if r.chance(60) {
                let pik = !simple && r.chance(50)
                let principal = 10_000 + r.below(990_000), price = 1 + r.below(10)
                buffer += "\(text.note(n)),\(person(holder)),note,\(shareClass(k)),\(text.money(principal)),\(text.price(price, half: true)),,,2024-0\(1 + r.below(9))-15,2030-06-30,"
                    + (pik ? "8,pik,\"2,8\"\n" : "0,none,\n")
            } else {
                buffer += "\(text.note(n)),\(person(holder)),preferred,\(shareClass(k)),,,\(text.number(1_000 + r.below(50_000))),1.5,,,,,\n"
            }
            try flush("convertibles.csv")
        }
        try flush("convertibles.csv", force: true)

        // Control: each relation from a person one level up to one below; a child may get
        // a second parent (a diamond). Pairs are unique: the child's index walks upward.
        buffer = realistic ? "controller,controlled,role,voting,dispositive,disclaims,note\n" : "controller,controlled,role,voting,dispositive,disclaims\n"
        var pairs = Set<Int>()
        let roles = ["general_partner", "managing_member", "investment_adviser", "parent"]
        var made = 0
        while made < relations {
            let child = r.below(people)
            let childLevel = level(child)
            guard childLevel < 6 else { continue }
            // A controller at the next level up.
            let span = max(1, (people - controllersFrom) / 5)
            let base = controllersFrom + childLevel * span
            let parent = min(people - 1, base + r.below(span))
            guard level(parent) > childLevel, pairs.insert(parent &* 1_000_003 &+ child).inserted else { continue }
            let role = roles[r.below(roles.count)]
            let voting = r.chance(70) ? "sole" : "shared"
            let disclaims = r.chance(5) ? "yes" : "no"
            buffer += "\(person(parent)),\(person(child)),\(role),\(voting),\(text.power("shared", default: "shared")),\(text.flag(disclaims))\(text.note())\n"
            made += 1
            try flush("relations.csv")
        }
        try flush("relations.csv", force: true)

        buffer = "group,member\n"
        for g in 0..<groups {
            var members = Set<Int>()
            while members.count < 2 + r.below(4) { members.insert(r.below(people)) }
            for m in members.sorted() { buffer += "\(person(people + g)),\(person(m))\n" }
            try flush("groups.csv")
        }
        try flush("groups.csv", force: true)
    }
}

/// The text of a book's values. Plain: `p12`, `1234567`, `2.00`, every
/// column written. Realistic, as people keep books: ids of several shapes
/// and lengths; about a tenth of numbers quoted with thousands separators;
/// `$` amounts and fraction prices; blank optional columns where the default
/// applies; notes with commas and quotes; names with quotes, non-ASCII
/// letters and long firm names; persons with type, citizenship, address and
/// roles, its columns in another order than the documentation's. The values
/// are the same either way.
struct Text {
    let realistic: Bool
    var r: SplitMix64

    init(realistic: Bool, seed: UInt64) {
        self.realistic = realistic
        r = SplitMix64(seed: seed ^ 0x7E47_0000_0000_0001)
    }

    func person(_ i: Int) -> String {
        guard realistic else { return "p\(i)" }
        switch i % 4 {
        case 0: return "p\(i)"
        case 1: return "holder-\(i)"
        case 2: return "INV" + String(i).leftPadded(7)
        default: return "fund_\(i)_lp"
        }
    }

    func shareClass(_ k: Int) -> String { realistic && k % 2 == 1 ? "class-\(k)-common" : "c\(k)" }
    func grant(_ g: Int) -> String { realistic && g % 3 == 0 ? "OPT-2024-" + String(g).leftPadded(6) : "g\(g)" }
    func note(_ n: Int) -> String { realistic && n % 2 == 0 ? "NOTE-\(n)" : "n\(n)" }

    /// A whole number; realistic: a tenth quoted with thousands separators.
    mutating func number(_ n: Int) -> String {
        realistic && r.chance(10) ? "\"\(grouped(n))\"" : "\(n)"
    }

    /// Dollars and cents; realistic: some with `$`, some also grouped.
    mutating func money(_ dollars: Int) -> String {
        guard realistic else { return "\(dollars).00" }
        switch r.below(10) {
        case 0: return "\"$\(grouped(dollars)).00\""
        case 1: return "$\(dollars)"
        default: return "\(dollars).00"
        }
    }

    /// `whole.00` (or `whole.50` with `half`); realistic: some with `$`, some as fractions.
    mutating func price(_ whole: Int, half: Bool) -> String {
        guard realistic else { return half ? "\(whole).50" : "\(whole).00" }
        switch r.below(10) {
        case 0: return half ? "\(whole) 1/2" : "$\(whole)"
        case 1: return half ? "$\(whole).50" : "\(whole)"
        default: return half ? "\(whole).50" : "\(whole).00"
        }
    }

    /// A power word; realistic: blank, half the time, where it is the column's default.
    mutating func power(_ word: String, default value: String) -> String {
        realistic && word == value && r.chance(50) ? "" : word
    }

    /// `yes`/`no`; realistic: `no` mostly blank (the default).
    mutating func flag(_ word: String) -> String { realistic && word == "no" && r.chance(70) ? "" : word }

    /// A note column's field, with its comma; realistic: a tenth with text.
    mutating func note() -> String {
        guard realistic else { return "" }
        guard r.chance(10) else { return "," }
        let notes = ["\"bought in two lots, at $1.25 and $1.50\"", "\"held through a nominee, \"\"street name\"\"\"",
                     "per stock power dated 2023-04-01", "\"see footnote 3; pledged, in part, to a bank\""]
        return "," + notes[r.below(notes.count)]
    }

    /// A person's row in the realistic columns: name, kind, id, type,
    /// citizenship, majority_rule, address, roles.
    mutating func personRow(_ i: Int, kind: String, majority: String) -> String {
        let name: String
        switch r.below(20) {
        case 0: name = "\"Harbor \"\"Blue Water\"\" Partners \(i), L.P.\""
        case 1: name = "Zoë Müller-Ångström \(i)"
        case 2: name = "\"O'Brien, Siobhán \(i)\""
        case 3: name = "\"Acme Growth Opportunities Fund XII, L.P., a Delaware limited partnership (\(i))\""
        case 4: name = "José Núñez \(i)"
        default: name = "Person \(i)"
        }
        let type = kind == "group" ? "" : kind == "individual" ? "IN" : ["PN", "CO", "IA", "OO"][r.below(4)]
        let citizenship = kind == "group" ? "" : kind == "individual" ? (r.chance(90) ? "United States" : "") : ["Delaware", "Cayman Islands", "New York", ""][r.below(4)]
        let address = r.chance(30) ? "\"\(100 + r.below(900)) Park Avenue, Suite \(r.below(40) + 1)00, New York, New York 10\(String(r.below(300)).leftPadded(3))\"" : ""
        let roles = kind == "individual" && r.chance(2) ? "director" : ""
        return "\(name),\(kind),\(person(i)),\(type),\(citizenship),\(flag(majority)),\(address),\(roles)\n"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// SplitMix64: a small seeded generator whose output never depends on the
/// platform, for the synthetic book and the property tests.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in 0..<n, by remainder (the book's bytes depend on it: keep it).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
