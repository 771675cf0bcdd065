import Attribution
import CapTableCore
import InputFiles
import RawMemory
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

    /// Ids and names that need quoting or a leading `'`, and a group's
    /// members: written from the figures as the section writes them.
    @Test func cellsThatNeedQuotingAreWrittenAlike() throws {
        let files = [
            "classes.csv": "class,issuer,title,as_of\n\"=c,1\",\"Issuer, Inc.\",Common,2025-06-30\n",
            "persons.csv": "id,name,kind\n\"-p,1\",\"Jane \"\"J\"\" Doe\",individual\n@p2,\"Fund, LP\",entity\ng,Group,group\n",
            "holdings.csv": "holder,class,shares\n\"-p,1\",\"=c,1\",700\n@p2,\"=c,1\",300\n",
            "groups.csv": "group,member\ng,\"-p,1\"\ng,@p2\n",
        ]
        let c = try CaseLoader.load(files: files.mapValues { Array($0.utf8) }).get()
        let r = Attributor(c).compute(classIndex: 0, asOf: c.classes[0].asOf, lots: false)
        let written = Reports.ownershipCSV(c, r, people: PersonCells(c))
        #expect(written == CSVWriter.bytes(Reports.ownershipSection(c, r)))
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.hasPrefix("\"'=c,1\",\"'-p,1\",\"Jane \"\"J\"\" Doe\",IN,g,700,0,700,0,700,0,0,1000,70.000000,70.0%,yes,yes,yes,700,70.000000,yes\n"))
        #expect(text.split(separator: "\n").count == 3)
    }

    /// Each person's cells, short ones in their slots and long ones aside,
    /// in both halves of a book of more persons than one block holds (the
    /// halves are made on two threads, and the second's long cells follow
    /// the first's).
    @Test func everyPersonsCellsInBothHalves() throws {
        var persons = "id,name,kind,type\n"
        var expected: [String] = []
        for i in 0..<70_000 {
            let name = i % 7 == 0 ? "Long Name Fund Number \(i) Limited Partnership" : "P\(i)"
            persons += "p\(i),\(name),entity,PN\n"
            expected.append("p\(i),\(name),PN")
        }
        let files = [
            "classes.csv": "class,issuer,title,as_of\nc,Issuer,Common,2025-06-30\n",
            "persons.csv": persons,
            "holdings.csv": "holder,class,shares\np1,c,5\n",
        ]
        let c = try CaseLoader.load(files: files.mapValues { Array($0.utf8) }).get()
        let people = PersonCells(c)
        func cells(_ p: Int) -> String {
            let out = ByteBuffer()
            people.append(p, to: out)
            return out.string
        }
        var wrong = 0
        for p in expected.indices where cells(p) != expected[p] { wrong += 1 }
        #expect(wrong == 0)
        #expect(cells(69_993) == "p69993,Long Name Fund Number 69993 Limited Partnership,PN")
    }

    /// Counts past where a percent is worked out in 64 bits: written from
    /// the figures by the general arithmetic, as the section writes them.
    @Test func percentsPastSixtyFourBitsAreWrittenAlike() throws {
        let files = [
            "classes.csv": "class,issuer,title,as_of,outstanding\nc,Issuer,Common,2025-06-30,1000000000000000\n",
            "persons.csv": "id,name,kind\na,A,individual\nb,B,individual\nz,Z,individual\n",
            "holdings.csv": "holder,class,shares\na,c,333333333333333\nb,c,50000000000\nz,c,9\n",
        ]
        let c = try CaseLoader.load(files: files.mapValues { Array($0.utf8) }).get()
        let r = Attributor(c).compute(classIndex: 0, asOf: c.classes[0].asOf, lots: false)
        let written = String(decoding: Reports.ownershipCSV(c, r, people: PersonCells(c)), as: UTF8.self)
        #expect(written == String(decoding: CSVWriter.bytes(Reports.ownershipSection(c, r)), as: UTF8.self))
        #expect(written.contains(",333333333333333,0,0,1000000000000000,33.333333,33.3%,yes,yes,yes,333333333333333,33.333333,yes\n"))
        #expect(written.contains(",50000000000,0,0,1000000000000000,0.005000,less than 0.1%,no,no,no,50000000000,0.005000,no\n"))
        #expect(written.contains(",9,0,0,1000000000000000,0.000000,less than 0.1%,no,no,no,9,0.000000,no\n"))
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
