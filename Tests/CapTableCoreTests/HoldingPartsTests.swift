import Foundation
import Testing
@testable import CapTableCore
@testable import InputFiles
import CSVReading

/// holdings.csv read in parts by two threads: cut where records start, on
/// the right lines, and read to the same table, and the same problems, as
/// the file read whole.
@Suite struct HoldingPartsTests {
    /// A fresh case directory of these files.
    func write(_ files: [String: String]) throws -> URL { try CaseDirectories.write(files) }

    /// Lines of several lengths, with blank lines and a line of blanks among them.
    func holdings(rows: Int, extra: [Int: String] = [:]) -> String {
        var text = "holder,class,shares,voting,dispositive\n"
        for i in 0..<rows {
            if let line = extra[i] { text += line + "\n" }
            if i % 250 == 249 { text += "\n" }
            if i % 400 == 399 { text += "   \n" }
            // Classes change row to row in places, and come back.
            let c = i % 97 < 60 ? "c\(i / 150)" : "c\((i * 7) % 5)"
            text += "p\(i % 40),\(c),\(i * 13 % 1000 + 1),\(i % 3 == 0 ? "shared" : "sole"),sole\n"
        }
        return text
    }

    let base: [String: String] = [
        "classes.csv": "class,issuer,title,as_of\n" + (0..<20).map { "c\($0),Issuer \($0),Common,2025-06-30\n" }.joined(),
        "persons.csv": "id,name,kind\n" + (0..<40).map { "p\($0),Person \($0),individual\n" }.joined(),
    ]

    /// Cuts after the header and then at the first line feed outside quotes
    /// after every so many bytes; each part starts a record, on a line
    /// whose number it carries; quoted fields, quoted line breaks and CRLF
    /// lines anywhere in the file.
    @Test(arguments: ["", "p1,\"c0\",5,sole,sole", "p1,c0,5,sole,sole\r", "p1,c0,5,sole,\"so\nle\""])
    func cutsStartRecords(odd: String) throws {
        // The odd line every 7 rows, so that many a cut comes near one.
        let text = holdings(rows: 600, extra: odd.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: stride(from: 3, to: 600, by: 7).map { ($0, odd) }))
        let dir = try write(["holdings.csv": text])
        let path = dir.appendingPathComponent("holdings.csv").path
        let bytes = Array(text.utf8)
        let cut = try #require(CSVInput.parts(of: path, about: 1000))
        #expect(cut.lineFeeds == bytes.filter { $0 == 0x0A }.count)
        #expect(cut.lineFeeds == CSVInput.path(path).lineCount())
        #expect(cut.parts.first?.bytes.lowerBound == bytes.firstIndex(of: 0x0A)! + 1)
        #expect(cut.parts.last?.bytes.upperBound == bytes.count)
        for (a, b) in zip(cut.parts, cut.parts.dropFirst()) { #expect(a.bytes.upperBound == b.bytes.lowerBound) }
        // The records' first lines, by the precise reader.
        let table = try CSVReader.parse(bytes, file: "holdings.csv").get()
        let recordLines = Set((0..<table.recordCount).map { table.location(record: $0).line })
        for part in cut.parts {
            #expect(bytes[part.bytes.lowerBound - 1] == 0x0A)
            #expect(bytes[..<part.bytes.lowerBound].filter { $0 == 0x22 }.count % 2 == 0)
            #expect(part.firstLine == 1 + bytes[..<part.bytes.lowerBound].filter { $0 == 0x0A }.count)
            #expect(recordLines.contains(part.firstLine) || bytes[part.bytes.lowerBound] == 0x0A || bytes[part.bytes.lowerBound] == 0x20)
        }
        let sizes = cut.parts.dropLast().map(\.bytes.count)
        #expect(sizes.dropFirst().allSatisfy { $0 >= 1000 && $0 < 1000 + 60 })
        #expect(cut.parts.last!.bytes.count <= 1000 + 60)
        #expect(cut.parts.count > 5)
        // A header with a quoted line break: the first part starts after the header's record.
        let header = "\"hol\nder\",class,shares\n"
        let quoted = try write(["holdings.csv": header + text.split(separator: "\n", maxSplits: 1)[1]])
        #expect(CSVInput.parts(of: quoted.appendingPathComponent("holdings.csv").path, about: 1000)?.parts.first?.bytes.lowerBound == header.utf8.count)
    }

    /// A part read as a file of its own: its records, each on its line of the whole file.
    @Test func aPartReadsItsRecordsOnTheirLines() throws {
        let text = "a,b\n1,2\n\n3,4\n  \n5,6\n7,8\n"
        let dir = try write(["x.csv": text])
        let path = dir.appendingPathComponent("x.csv").path
        let start = Array(text.utf8).firstIndex(of: 0x33)!  // "3,4"
        let end = Array(text.utf8).firstIndex(of: 0x37)!    // "7,8"
        let stream = CSVStream(.path(path), file: "x.csv", part: (start..<end, 4))
        var seen: [(String, Int)] = []
        while stream.next() { seen.append((stream.field(0) + stream.field(1), stream.recordLine)) }
        #expect(seen.map(\.0) == ["34", "56"])
        #expect(seen.map(\.1) == [4, 6])
        #expect(stream.failure == nil)
    }

    func read(_ dir: URL, partBytes: Int) -> CaseReading {
        var files: [String: CSVInput] = [:]
        for name in ["classes.csv", "persons.csv", "holdings.csv"] { files[name] = .path(dir.appendingPathComponent(name).path) }
        var reading = CaseReading()
        reading.partBytes = partBytes
        reading.read(files)
        return reading
    }

    /// The same lots, in the same order, with the same places and classes,
    /// whether the file is read in many parts or whole; with a quote late
    /// in the file, in parts up to it.
    @Test(arguments: [nil, 2500])
    func aFileReadInPartsIsTheFileReadWhole(quoteAt: Int?) throws {
        let extra = quoteAt.map { [$0: "p3,\"c1\",9,sole,sole"] } ?? [:]
        let dir = try write(base.merging(["holdings.csv": holdings(rows: 3000, extra: extra)]) { $1 })
        let parts = read(dir, partBytes: 700), whole = read(dir, partBytes: 1 << 40)
        #expect(parts.holdingParts > 20)
        #expect(whole.holdingParts == 0)
        #expect(parts.diagnostics.isEmpty && whole.diagnostics.isEmpty)
        let a = parts.result.holdings, b = whole.result.holdings
        #expect(a.count == 3000 + (quoteAt == nil ? 0 : 1))
        #expect(a.count == b.count)
        for i in a.indices {
            #expect(a[i].holder == b[i].holder && a[i].classIndex == b[i].classIndex && a[i].shares == b[i].shares
                    && a[i].voting == b[i].voting && a[i].dispositive == b[i].dispositive && a[i].location == b[i].location,
                    "lot \(i)")
        }
        #expect(a.classRanges(classes: 20) == b.classRanges(classes: 20))
        // The first lot is on line 2, and a blank line moves the rest on by one.
        #expect(a[0].location.line == 2)
    }

    /// Files of every kind of line, at random (common rows, notes, quoted
    /// fields, a quoted line break, CRLF, blank lines, a byte-order mark,
    /// unknown holders, bad counts, rows of the wrong width, a last line
    /// with no line feed), read in parts of a few bytes and read whole:
    /// the same lots, notes and places, and the same problems.
    @Test func randomFilesReadInPartsAreReadAsWhole() throws {
        var random = Seeded(99)
        func next(_ n: Int) -> Int { random.next(n) }
        var readInParts = 0
        for _ in 0..<60 {
            var text = next(8) == 0 ? "\u{FEFF}" : ""
            text += "holder,class,shares,voting,dispositive,note\n"
            let odd = next(3)  // 0: common rows only; 1: a few odd lines; 2: many
            for i in 0..<(50 + next(400)) {
                let common = "p\(next(40)),c\(next(20)),\(1 + next(5000)),\(["sole", "shared", "none", ""][next(4)]),sole,"
                guard odd > 0, next(odd == 1 ? 60 : 8) == 0 else { text += common + "\n"; continue }
                switch next(10) {
                case 0: text += common + "a note\n"
                case 1: text += "p\(next(40)),\"c\(next(20))\",7,sole,sole,\n"
                case 2: text += "p1,c1,8,sole,sole,\"two\nlines\"\n"
                case 3: text += common + "\r\n"
                case 4: text += "\n"
                case 5: text += "   \n"
                case 6: text += "nobody\(i),c1,5,sole,sole,\n"
                case 7: text += "p1,c1,5x,sole,sole,\n"
                case 8: text += "p1,c1,5\n"
                case 9: text += next(5) == 0 ? "p1,c1,5,sole,sole,a \"stray\" quote\n" : "p1,c1,\"5\",sole,sole,\"a, \"\"quoted\"\" note\"\n"
                default: text += common + "\n"
                }
            }
            if next(4) == 0 { text += "p2,c2,3,sole,sole," }  // no line feed at the end
            let dir = try write(base.merging(["holdings.csv": text]) { $1 })
            let parts = read(dir, partBytes: 16 + next(300)), whole = read(dir, partBytes: 1 << 40)
            if parts.holdingParts > 0 { readInParts += 1 }
            #expect(parts.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
            let a = parts.result.holdings, b = whole.result.holdings
            #expect(a.count == b.count)
            for i in a.indices where i < b.count {
                #expect(a[i].holder == b[i].holder && a[i].classIndex == b[i].classIndex && a[i].shares == b[i].shares
                        && a[i].voting == b[i].voting && a[i].dispositive == b[i].dispositive && a[i].note == b[i].note
                        && a[i].location == b[i].location, "lot \(i)")
            }
        }
        // Most files were read in parts, whatever their rows; one with a
        // stray quote (which libcsv refuses) is read again whole, in order,
        // where the failure is reported.
        #expect(readInParts > 45)
    }

    /// Any row (a note that starts with a letter outside ASCII; an unknown
    /// holder; a count that is no number) is read in its part like any
    /// other: the same lots and the same problems, at the same places, as
    /// the file read whole and in order.
    @Test(arguments: ["p1,c0,5,sole,sole,éa note", "nobody,c0,5,sole,sole,", "p1,c0,five,sole,sole,"])
    func everyRowIsReadInItsPart(row: String) throws {
        var text = holdings(rows: 2000, extra: [1500: row]).replacingOccurrences(of: "\n", with: ",\n")
        text = text.replacingOccurrences(of: "dispositive,\n", with: "dispositive,note\n")
        text = text.replacingOccurrences(of: row + ",\n", with: row + "\n")
        let dir = try write(base.merging(["holdings.csv": text]) { $1 })
        let parts = read(dir, partBytes: 700), whole = read(dir, partBytes: 1 << 40)
        #expect(parts.holdingParts > 1 && whole.holdingParts == 0)
        #expect(parts.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
        #expect(parts.result.holdings.count == whole.result.holdings.count)
        #expect(parts.result.holdings.map(\.location) == whole.result.holdings.map(\.location))
        if row.hasSuffix("note") {
            #expect(parts.diagnostics.isEmpty)
            #expect(parts.result.holdings.count == 2001)
        } else {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == row }! + 1
            #expect(parts.diagnostics.count == 1)
            #expect(parts.diagnostics.first?.location.line == line)
        }
    }
}
