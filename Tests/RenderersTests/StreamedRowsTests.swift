import Attribution
import CapTableCore
import Foundation
@testable import Renderers
import Testing

/// The ownership CSV written as its rows are made is the section's CSV,
/// byte for byte, for every class of the cases in Inputs/.
@Suite struct StreamedRowsTests {
    static func inputs(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Inputs").appendingPathComponent(name).path
    }

    @Test(arguments: ["savvis-2001", "fund-complex"])
    func ownershipCSVIsTheSectionsCSV(name: String) throws {
        let c = try CaseLoader.load(directory: Self.inputs(name)).get()
        let attributor = Attributor(c)
        var rows = 0
        for k in c.classes.indices {
            let r = attributor.compute(classIndex: k, asOf: c.classes[k].asOf)
            let section = Reports.ownershipSection(c, r)
            rows += section.rows.count
            #expect(Reports.ownershipCSV(c, r) == CSVWriter.bytes(section))
            #expect(Reports.ownershipCSV(c, r, people: PersonCells(c)) == CSVWriter.bytes(section))
            let whole = Document(columns: Reports.ownershipColumns, sections: [section]).rendered(as: .csv)
            #expect(String(decoding: Reports.ownershipCSV(c, r), as: UTF8.self) == whole.drop { $0 != "\n" }.dropFirst().description)
        }
        #expect(rows > 0)
    }

    /// A cap table built from the index is the one built by scanning the book.
    @Test(arguments: ["savvis-2001", "fund-complex", "savvis-ledger"])
    func capTableFromTheIndexIsTheSame(name: String) throws {
        let c = try CaseLoader.load(directory: Self.inputs(name)).get()
        let index = ClassIndex(c)
        for k in c.classes.indices {
            let scanned = CapTable(case: c, classIndex: k, asOf: c.classes[k].asOf)
            let indexed = CapTable(case: c, classIndex: k, asOf: c.classes[k].asOf, index: index)
            #expect(CSVWriter.bytes(Reports.capTableSection(c, indexed)) == CSVWriter.bytes(Reports.capTableSection(c, scanned)))
            #expect(indexed.fullyDiluted == scanned.fullyDiluted && indexed.holders.count == scanned.holders.count)
        }
    }

    /// Computed for its figures alone, a class has the same rows and figures,
    /// group rows included; only the lists behind non-members' rows are left out.
    @Test(arguments: ["savvis-2001", "fund-complex"])
    func figuresWithoutTheListsAreTheSame(name: String) throws {
        let c = try CaseLoader.load(directory: Self.inputs(name)).get()
        let attributor = Attributor(c)
        for k in c.classes.indices {
            let full = attributor.compute(classIndex: k, asOf: c.classes[k].asOf)
            let lean = attributor.compute(classIndex: k, asOf: c.classes[k].asOf, lots: false)
            #expect(Reports.ownershipCSV(c, full) == Reports.ownershipCSV(c, lean))
            #expect(full.rows.map(\.person) == lean.rows.map(\.person))
            for (a, b) in zip(full.rows, lean.rows) where a.isGroup || !a.groups.isEmpty {
                #expect(a.lots.map(\.lot) == b.lots.map(\.lot))
            }
        }
    }
}

/// The workbook's one floating-point step: a six-decimal text to a number
/// cell, which must print back the same text, or stay text.
@Suite struct WorkbookNumberTests {
    @Test(arguments: ["19.200000", "0.006257", "100.000000", "0.000000", "4.999999", "33.333333", "66.666667"])
    func aPercentPrintsBackItsText(_ text: String) throws {
        let number = try #require(Workbook.decimalDouble(text))
        #expect(String(format: "%.6f", number) == text)
    }

    @Test(arguments: ["less than 0.1%", "", "1e5", "12345678901234.567", "nan"])
    func anythingElseStaysText(_ text: String) {
        #expect(Workbook.decimalDouble(text) == nil)
    }

    /// A count is a number cell only where a double holds it exactly: up to
    /// 2^53, far past the 10^15 limit; past that it would be written as text.
    @Test func aCountIsANumberOnlyWhenExact() {
        #expect(Workbook.exactDouble(1_000_000_000_000_000) == 1e15)
        #expect(Workbook.exactDouble(1 << 53) == 9_007_199_254_740_992)
        #expect(Workbook.exactDouble((1 << 53) + 1) == nil)
        #expect(Workbook.exactDouble(Int.max) == nil)
    }
}
