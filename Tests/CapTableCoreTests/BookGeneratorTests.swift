import Testing
@testable import CapTableCore
@testable import InputFiles

/// `captable generate`: a deterministic synthetic book that reads back as a valid case.
@Suite struct BookGeneratorTests {
    static func book(seed: UInt64, simple: Bool = false, realistic: Bool = false) -> [String: String] {
        var g = BookGenerator(scale: 1, seed: seed, simple: simple, realistic: realistic)
        g.shrink = 500  // 2 classes, 200 persons, 2,000 lots, 400 grants, 40 convertibles, 60 relations
        var files: [String: String] = [:]
        g.generate { name, chunk in files[name, default: ""] += chunk }
        return files
    }

    @Test func sameSeedSameBytes() {
        #expect(Self.book(seed: 7) == Self.book(seed: 7))
        #expect(Self.book(seed: 7) != Self.book(seed: 8))
    }

    @Test(arguments: [false, true], [false, true])
    func readsBackAsAValidCase(simple: Bool, realistic: Bool) throws {
        let files = Self.book(seed: 7, simple: simple, realistic: realistic)
        let c = try CaseLoader.load(files: files.mapValues { Array($0.utf8) }).get()
        #expect(c.classes.count == 2)
        #expect(c.persons.count == 200)
        #expect(c.holdings.count == 2_000)
        #expect(c.grants.count == 400)
        #expect(c.relations.count == 60)
        #expect(c.persons.filter { $0.kind == .group }.count == 1)
        // The simple book leaves out what a plain SQL model would not compute.
        #expect(simple == !c.grants.contains { $0.vesting != nil || $0.cap != nil })
        #expect(simple == !c.convertibles.contains { $0.interest == .pik })
    }

    /// The realistic book's text is not the plain book's: quoted grouped
    /// numbers, `$` amounts, fraction prices, blank defaults, notes, names
    /// with quotes and non-ASCII letters, persons' columns in another order.
    @Test func realisticBookLooksLikeOne() {
        let files = Self.book(seed: 7, realistic: true)
        #expect(files["persons.csv"]!.hasPrefix("name,kind,id,"))
        #expect(files["holdings.csv"]!.contains("\",\"") || files["holdings.csv"]!.contains(",\""))
        #expect(files["holdings.csv"]!.contains(",,"))
        #expect(files["persons.csv"]!.contains("ü"))
        #expect(files["persons.csv"]!.contains("\"\""))
        #expect(files["convertibles.csv"]!.contains("$") || files["options.csv"]!.contains("$"))
        #expect(files.values.contains { $0.contains(" 1/2") } || Self.book(seed: 8, realistic: true).values.contains { $0.contains(" 1/2") })
        #expect(Self.book(seed: 7, realistic: true) != Self.book(seed: 7))
    }
}
