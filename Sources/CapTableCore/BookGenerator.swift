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
    /// Divides every size, for tests that want a small book of the same shape.
    var shrink = 1

    public init(scale: Int, seed: UInt64, simple: Bool = false) {
        self.scale = scale
        self.seed = seed
        self.simple = simple
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

        buffer = "class,issuer,title,outstanding,as_of\n"
        var outstanding = [Int](repeating: 0, count: classes)
        for k in 0..<classes { outstanding[k] = 10_000_000 + r.below(90_000_000) }
        for k in 0..<classes { buffer += "c\(k),Issuer \(k) Inc.,Common Stock,\(outstanding[k]),2025-06-30\n" }
        try flush("classes.csv", force: true)

        buffer = "id,name,kind,majority_rule\n"
        for i in 0..<persons {
            let kind = i >= people ? "group" : level(i) > 0 || r.chance(40) ? "entity" : "individual"
            let majority = kind == "entity" && level(i) == 1 && r.chance(5) ? "yes" : "no"
            buffer += "p\(i),Person \(i),\(kind),\(majority)\n"
            try flush("persons.csv")
        }
        try flush("persons.csv", force: true)

        // Each lot small enough that a class's holdings stay within its outstanding figure.
        buffer = "holder,class,shares,voting,dispositive\n"
        let perClass = lots / classes
        for l in 0..<lots {
            let k = l / perClass % classes
            let holder = r.below(controllersFrom)
            let shares = 1 + r.below(max(1, outstanding[k] / perClass / 2))
            let voting = r.chance(90) ? "sole" : "shared"
            buffer += "p\(holder),c\(k),\(shares),\(voting),\(r.chance(95) ? "sole" : "shared")\n"
            try flush("holdings.csv")
        }
        try flush("holdings.csv", force: true)

        buffer = "id,holder,kind,class,shares,exercise_price,vest_start,vest_months,cliff_months,cap_percent\n"
        for g in 0..<grants {
            let vesting = simple ? ",,," : "2024-\(String(r.below(12) + 1).leftPadded(2))-15,48,12,"
            let cap = !simple && r.chance(2) ? "9.99" : ""
            buffer += "g\(g),p\(r.below(controllersFrom)),\(r.chance(80) ? "option" : "warrant"),c\(r.below(classes)),\(1 + r.below(20_000)),\(1 + r.below(20)).00,\(vesting)\(cap)\n"
            try flush("options.csv")
        }
        try flush("options.csv", force: true)

        buffer = "id,holder,kind,class,principal,conversion_price,units,conversion_ratio,issued,maturity,rate,interest,pik_months\n"
        for n in 0..<convertibles {
            let holder = r.below(controllersFrom), k = r.below(classes)
            if r.chance(60) {
                let pik = !simple && r.chance(50)
                buffer += "n\(n),p\(holder),note,c\(k),\(10_000 + r.below(990_000)).00,\(1 + r.below(10)).50,,,2024-0\(1 + r.below(9))-15,2030-06-30,"
                    + (pik ? "8,pik,\"2,8\"\n" : "0,none,\n")
            } else {
                buffer += "n\(n),p\(holder),preferred,c\(k),,,\(1_000 + r.below(50_000)),1.5,,,,,\n"
            }
            try flush("convertibles.csv")
        }
        try flush("convertibles.csv", force: true)

        // Control: each relation from a person one level up to one below; a child may get
        // a second parent (a diamond). Pairs are unique: the child's index walks upward.
        buffer = "controller,controlled,role,voting,dispositive,disclaims\n"
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
            buffer += "p\(parent),p\(child),\(roles[r.below(roles.count)]),\(r.chance(70) ? "sole" : "shared"),shared,\(r.chance(5) ? "yes" : "no")\n"
            made += 1
            try flush("relations.csv")
        }
        try flush("relations.csv", force: true)

        buffer = "group,member\n"
        for g in 0..<groups {
            var members = Set<Int>()
            while members.count < 2 + r.below(4) { members.insert(r.below(people)) }
            for m in members.sorted() { buffer += "p\(people + g),p\(m)\n" }
            try flush("groups.csv")
        }
        try flush("groups.csv", force: true)
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
