import Testing
@testable import Attribution
import CapTableCore

/// A row's lists, kept apart only where one is not empty, behave as three
/// arrays of a value: empty until written, changed in place, each copy its own.
@Suite struct OwnershipRowListsTests {
    @Test func listsAreValuesOfTheRow() {
        var row = OwnershipRow(person: 3, isGroup: false, groups: [])
        #expect(row.groups.isEmpty && row.lots.isEmpty && row.lotsInFull.isEmpty)
        let before = row
        row.groups.append(7)
        row.lots.append(AttributedLot(lot: 2, power: LotPower(voting: .sole, dispositive: .shared), excluded: true))
        row.lotsInFull += [5, 9]
        #expect(row.groups == [7] && row.lots.map(\.lot) == [2] && row.lots[0].excluded && row.lotsInFull == [5, 9])
        // The copy taken before is as it was; a copy taken now changes apart from the row.
        #expect(before.groups.isEmpty && before.lots.isEmpty && before.lotsInFull.isEmpty)
        var copy = row
        copy.groups[0] = 8
        copy.lotsInFull.removeAll()
        #expect(row.groups == [7] && row.lotsInFull == [5, 9] && copy.groups == [8] && copy.lotsInFull.isEmpty)
        #expect(OwnershipRow(person: 1, isGroup: false, groups: [4, 6]).groups == [4, 6])
    }
}
