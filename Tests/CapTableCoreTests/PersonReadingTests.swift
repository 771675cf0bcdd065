import Foundation
import Testing
@testable import CapTableCore
@testable import InputFiles
import CSVReading

/// persons.csv read from a file, a window at a time, and from bytes in
/// memory: the same persons, ids, groups and problems, at the same places.
@Suite struct PersonReadingTests {
    let classes = "class,issuer,title,as_of\nc0,Issuer,Common,2025-06-30\n"

    /// The files read from a directory and from bytes.
    func readBothWays(_ files: [String: String]) throws -> (fromFiles: CaseReading, fromBytes: CaseReading) {
        let dir = try CaseDirectories.write(files)
        var paths: [String: CSVInput] = [:], bytes: [String: CSVInput] = [:]
        for (name, text) in files {
            paths[name] = .path(dir.appendingPathComponent(name).path)
            bytes[name] = .bytes(Array(text.utf8))
        }
        var fromFiles = CaseReading(), fromBytes = CaseReading()
        fromFiles.read(paths)
        fromBytes.read(bytes)
        return (fromFiles, fromBytes)
    }

    /// Everything the reading of persons.csv leaves: the problems, each
    /// person with its place, and what each id written in the file is known as.
    func expectSame(_ a: CaseReading, _ b: CaseReading, ids: [String], _ comment: Comment? = nil) {
        #expect(a.diagnostics.map(\.description) == b.diagnostics.map(\.description), comment)
        #expect(a.result.persons.count == b.result.persons.count, comment)
        for (p, q) in zip(a.result.persons, b.result.persons) {
            #expect(p.id == q.id && p.name == q.name && p.kind == q.kind && p.type == q.type && p.location == q.location, comment)
        }
        for id in ids {
            var x = id, y = id
            #expect(x.withUTF8 { a.personIDs.value($0) } == y.withUTF8 { b.personIDs.value($0) }, "\(id)")
        }
    }

    /// Files of every kind of line, at random: common rows, ids defined
    /// again, groups, odd rows (a quoted name, an unknown kind, an id that
    /// is not ASCII, a row of the wrong width), blank lines, a carriage
    /// return, a last line with no line feed; and holdings naming persons
    /// and groups.
    @Test func randomFilesReadAlikeFromFilesAndBytes() throws {
        var random = Seeded(7)
        func next(_ n: Int) -> Int { random.next(n) }
        var defined = 0
        for _ in 0..<60 {
            var text = "id,name,kind,type\n"
            var ids: [String] = []
            let odd = next(3)  // 0: common rows only; 1: a few odd lines; 2: many
            let count = 20 + next(300)
            for i in 0..<count {
                // Now and then an id defined before, in either half.
                let id = i > 0 && next(15) == 0 ? ids[next(ids.count)] : "p\(i)"
                ids.append(id)
                let kind = next(10) == 0 ? "group" : ["individual", "entity"][next(2)]
                let common = "\(id),Person \(i),\(kind),\(kind == "individual" ? "IN" : ["", "PN", "CO"][next(3)])"
                guard odd > 0, next(odd == 1 ? 80 : 10) == 0 else { text += common + "\n"; continue }
                switch next(8) {
                case 0: text += "\(id),\"Person, \(i)\",individual,IN\n"
                case 1: text += "\(id),Person \(i),robot,\n"
                case 2: text += "pé\(i),Person \(i),individual,\n"; ids.append("pé\(i)")
                case 3: text += "\(id),Person \(i)\n"
                case 4: text += "\n"
                case 5: text += "  \n"
                case 6: text += common + "\r\n"
                default: text += common + "\n"
                }
            }
            if next(4) == 0 { text += "last,Last Person,entity," }  // no line feed at the end
            ids.append("last")
            var holdings = "holder,class,shares\n"
            for _ in 0..<20 { holdings += "\(ids[next(ids.count)]),c0,\(1 + next(100))\n" }
            let (a, b) = try readBothWays(["classes.csv": classes, "persons.csv": text, "holdings.csv": holdings])
            if a.diagnostics.contains(where: { $0.message.contains("is defined twice") }) { defined += 1 }
            expectSame(a, b, ids: ids, "\(text)")
            #expect(a.result.holdings.map(\.holder) == b.result.holdings.map(\.holder))
        }
        // Ids defined twice were met, and reported.
        #expect(defined > 20)
    }

    /// An id defined again far down the file: reported at the second, with
    /// the first's line and column, and the first kept. A group defined
    /// last is known as one: a holding of it is refused.
    @Test func aSecondDefinitionAndAGroupAtTheEnd() throws {
        var text = "id,name,kind\n"
        for i in 0..<200 { text += "p\(i),Person \(i),individual\n" }
        text += "p7,Someone Else,entity\n"
        text += "g1,A Group,group\n"
        let lines = text.split(separator: "\n").count
        let (a, b) = try readBothWays(["classes.csv": classes, "persons.csv": text,
                                       "holdings.csv": "holder,class,shares\np7,c0,5\ng1,c0,5\n"])
        expectSame(a, b, ids: ["p7", "g1", "p199"])
        #expect(a.diagnostics.map(\.description) == [
            "persons.csv:\(lines - 1):1: error: person \"p7\" is defined twice: at persons.csv:9:1 and here",
            "holdings.csv:3:1: error: holder \"g1\" is a group; a group holds and controls nothing itself (list its members in groups.csv)",
        ])
        #expect(a.result.persons[7].name == "Person 7")
    }
}
