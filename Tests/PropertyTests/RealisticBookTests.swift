import Attribution
import CapTableCore
import Testing

/// A realistic book and the plain book of the same seed hold the same
/// persons, lots, instruments and relations in different text: every figure
/// of every row must be the same (the ids and names are not).
@Suite struct RealisticBookTests {
    static func book(seed: UInt64, realistic: Bool) throws -> Case {
        var g = BookGenerator(scale: 1, seed: seed, realistic: realistic)
        g.shrink = 250
        var files: [String: String] = [:]
        g.generate { name, chunk in files[name, default: ""] += chunk }
        return try load(files)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func sameFiguresAsThePlainBook(seed: UInt64) throws {
        let plain = try Self.book(seed: seed, realistic: false), realistic = try Self.book(seed: seed, realistic: true)
        #expect(plain.persons.count == realistic.persons.count)
        var rows = 0
        for k in plain.classes.indices {
            let date = plain.classes[k].asOf
            let a = BeneficialOwnership.compute(plain, classIndex: k, asOf: date)
            let b = BeneficialOwnership.compute(realistic, classIndex: k, asOf: date)
            #expect(a.sharesOutstanding == b.sharesOutstanding)
            #expect(a.rows.count == b.rows.count)
            for (x, y) in zip(a.rows, b.rows) {
                #expect(x.person == y.person)
                #expect([x.soleVotingPower, x.sharedVotingPower, x.soleDispositivePower, x.sharedDispositivePower, x.aggregate,
                         x.acquirableWithin60Days, x.excluded, x.denominator]
                        == [y.soleVotingPower, y.sharedVotingPower, y.soleDispositivePower, y.sharedDispositivePower, y.aggregate,
                            y.acquirableWithin60Days, y.excluded, y.denominator], "seed \(seed) class \(k) person \(x.person)")
                rows += 1
            }
        }
        #expect(rows > 100)
    }
}
