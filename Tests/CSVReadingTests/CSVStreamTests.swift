import Testing
import Foundation
@testable import CSVReading
import RawMemory

/// The stream must number records and give their lines exactly as the
/// precise reader does, since the loader uses its lines for every row and
/// the precise reader's columns for every problem.
@Suite struct CSVStreamTests {
    /// Every record's fields and first line, as the stream reads them.
    func streamed(_ bytes: [UInt8]) -> (records: [(line: Int, fields: [String])], failure: Diagnostic?) {
        let s = CSVStream(bytes, file: "t.csv")
        var records: [(line: Int, fields: [String])] = []
        while s.next() {
            #expect(s.record == records.count)
            records.append((s.recordLine, (0..<s.fieldCount).map(s.field)))
        }
        return (records, s.failure)
    }

    /// The same records from the precise reader: fields, and the line of the first field.
    func precise(_ bytes: [UInt8]) -> [(line: Int, fields: [String])] {
        guard case .success(let t) = CSVReader.parse(bytes, file: "t.csv") else { return [] }
        return (0..<t.recordCount).map { r in
            (t.location(record: r).line, (0..<t.fieldCount(record: r)).map { t.field(record: r, index: $0) })
        }
    }

    @Test(arguments: [
        "a,b\n1,2\n",
        "a,b\n\"two\nlines\",x\n3,4\n",           // a record spanning lines, then one after it
        "a,b\r\n1,2\r\n\r\n3,4",                   // CRLF, a blank line, no final line end
        "a,b\r1,2\r3,4\r",                         // CR alone ends records on one line
        "a,b\n\n  \n,\n1,2\n\t,  \n5,6\n",         // blank records dropped, lines still counted
        "\u{FEFF}id,name\nx,\"Y\"\n",              // byte-order mark
        "a\n\"x\ny\nz\"\n\"\n\",q\n",              // first fields holding line breaks
        "a,b\n" + String(repeating: "y", count: 200_000) + ",2\n9,9\n",  // a line longer than a piece
    ])
    func sameRecordsAndLinesAsThePreciseReader(_ text: String) {
        let bytes = Array(text.utf8)
        let s = streamed(bytes)
        let p = precise(bytes)
        #expect(s.failure == nil)
        #expect(s.records.count == p.count)
        for (a, b) in zip(s.records, p) {
            #expect(a.line == b.line)
            #expect(a.fields == b.fields)
        }
    }

    /// Lines are read a block at a time where no carriage return or quoted
    /// line break is near, and a line at a time around them: over many
    /// pieces, with lines of blanks (which make no record) here and there,
    /// quoted fields on one line, a quoted field across lines, CRLF lines
    /// and one long line, every record and
    /// its line are the precise reader's. Read ahead, and from a file.
    @Test(arguments: [0, 8])
    func blocksOfLinesGiveThePreciseReadersLines(ahead: Int) throws {
        var text = "id,name,n\n"
        for i in 0..<30_000 {
            switch i % 997 {
            case 5: text += "\n"                                   // an empty line
            case 17: text += "  \t \n"                             // blanks alone: no record
            case 29: text += " , \n"                                // blank fields: a record, dropped
            case 41: text += "p\(i),\"two\nlines\",\(i)\n"            // a record over two lines
            case 53: text += "p\(i),x,\(i)\r\n"                      // CRLF
            case 67: text += "p\(i)," + String(repeating: "z", count: 70_000) + ",\(i)\n"  // longer than a piece
            case 71, 72, 73: text += "p\(i),\"Name, \(i)\",\"1,\(i)\"\n"  // quoted fields, closed on their line
            case 83: text += "\"p\(i)\",\"say \"\"hi\"\"\",\(i)\n"         // doubled quotes
            case 97: text += "\"\"\n"                                 // one empty quoted field: dropped
            case 101: text += "  \"\"  ,  \n"                         // blanks and an empty quoted field: dropped
            default: text += "p\(i),Name \(i),\(i)\n"
            }
        }
        let bytes = Array(text.utf8)
        let p = precise(bytes)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("blocks-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for s in [CSVStream(bytes, file: "t.csv"), CSVStream(.path(path), file: "t.csv")] {
            s.lookahead = ahead
            var n = 0
            while s.next() {
                guard n < p.count else { break }
                #expect(s.recordLine == p[n].line, "record \(n)")
                #expect((0..<s.fieldCount).map(s.field) == p[n].fields, "record \(n)")
                n += 1
            }
            #expect(s.failure == nil)
            #expect(n == p.count)
        }
        // Records dropped and lines skipped: not every line is a record.
        #expect(p.count < text.utf8.filter { $0 == 0x0A }.count - 60)
    }

    /// A loop through the records hands out the records and lines `next()`
    /// does; a record it is refused stays the current one, and the record
    /// shown ahead is the one that comes that many places later.
    @Test(arguments: [0, 8])
    func aLoopOverTheRecordsIsNextOverAgain(ahead: Int) {
        var text = "id,n\n"
        for i in 0..<3_000 { text += i % 500 == 7 ? "\"q\n\(i)\",\(i)\n" : i % 11 == 0 ? "\n" : "p\(i),\(i)\n" }
        let bytes = Array(text.utf8)
        let expected = streamed(bytes)
        let s = CSVStream(bytes, file: "t.csv")
        s.lookahead = ahead
        var records: [(line: Int, fields: [String])] = [], seen: [Int: [String]] = [:]
        func fields(_ f: CSVStream.Fields) -> [String] { (0..<f.count).map { String(decoding: f[$0], as: UTF8.self) } }
        while s.forEachRecord({ f, next in
            if let next { seen[s.record + ahead] = fields(next) }
            // Every seventh is refused, and read here as the current record.
            guard s.record % 7 != 3 else { return false }
            records.append((s.recordLine, fields(f)))
            return true
        }) {
            #expect(s.record % 7 == 3)
            records.append((s.recordLine, (0..<s.fieldCount).map(s.field)))
        }
        #expect(s.failure == nil)
        #expect(records.count == expected.records.count)
        #expect(zip(records, expected.records).allSatisfy { $0.line == $1.line && $0.fields == $1.fields })
        for (r, f) in seen { #expect(f == expected.records[r].fields, "record \(r)") }
        if ahead > 0 { #expect(seen.count >= records.count - ahead) }
    }

    /// A piece's whole lines that end outside quotes, before its first
    /// carriage return or line break inside quotes.
    @Test func wholeLinesStopAtACarriageReturnOrAQuotedLineBreak() {
        func lines(_ t: String) -> (Int, Int, Int?) {
            Array(t.utf8).withUnsafeBytes { CSVStream.wholeLines($0) }
        }
        #expect(lines("a,b\nc,d\ne") == (8, 2, nil))
        // Quotes closed on their line are read in the block.
        #expect(lines("a,b\nc,d\ne,\"f\"\n") == (14, 3, nil))
        #expect(lines("\"a,\"\"b\"\"\",c\nd\n") == (14, 2, nil))
        // A quote open at a line's end: the block ends before that line.
        #expect(lines("a,b\nc,\"d\ne\",f\n") == (4, 1, 8))
        #expect(lines("aaaaaaaaaaaa\nbb\r\n") == (13, 1, 15))
        #expect(lines("\"") == (0, 0, nil))
        #expect(lines("\"\n") == (0, 0, 1))
        #expect(lines("\n\n\n\n\n\n\n\n\n") == (9, 9, nil))
        #expect(lines("") == (0, 0, nil))
    }

    /// Random pieces, long runs of plain bytes among quotes, line feeds and
    /// carriage returns, against the rules read a byte at a time: the
    /// whole lines before the first carriage return outside quotes or line
    /// break inside them, and the line feeds and quotes a piece holds.
    @Test func piecesAreScannedAsAByteAtATimeReadsThem() {
        func byByte(_ b: [UInt8]) -> (Int, Int, Int?) {
            var quoted = false, feeds = 0, end = 0
            for (i, c) in b.enumerated() {
                if quoted {
                    if c == 0x22 { quoted = false } else if c == 0x0A || c == 0x0D { return (end, feeds, i) }
                } else if c == 0x0D {
                    return (end, feeds, i)
                } else if c == 0x22 {
                    quoted = true
                } else if c == 0x0A {
                    feeds += 1
                    end = i + 1
                }
            }
            return (end, feeds, nil)
        }
        var random = SystemRandomNumberGenerator()
        for trial in 0..<3_000 {
            // Each piece leans to a few kinds of byte, so that runs of 16
            // plain bytes, of line feeds, and of quotes all occur.
            let plain = Int.random(in: 1...200, using: &random)
            let length = trial % 10 == 0 ? Int.random(in: 4_000...12_000, using: &random) : Int.random(in: 0...300, using: &random)
            let odds = (quote: Int.random(in: 0...3, using: &random), feed: Int.random(in: 0...40, using: &random),
                        ret: trial % 3 == 0 ? 1 : 0)
            let bytes: [UInt8] = (0..<length).map { _ in
                let r = Int.random(in: 0..<(plain + odds.quote + odds.feed + odds.ret), using: &random)
                if r < plain { return 0x61 + UInt8(r % 26) }
                if r < plain + odds.quote { return 0x22 }
                if r < plain + odds.quote + odds.feed { return 0x0A }
                return 0x0D
            }
            let scanned = bytes.withUnsafeBytes { CSVStream.wholeLines($0) }
            let expected = byByte(bytes)
            #expect(scanned.length == expected.0 && scanned.lineFeeds == expected.1 && scanned.odd == expected.2, "trial \(trial)")
            let counted = bytes.withUnsafeBytes { CSVInput.countLineFeedsAndQuotes($0) }
            #expect(counted.lineFeeds == bytes.filter { $0 == 0x0A }.count && counted.quotes == bytes.filter { $0 == 0x22 }.count, "trial \(trial)")
        }
        // More than 255 matches in one lane: every byte a line feed, then every one a quote.
        for byte: UInt8 in [0x0A, 0x22] {
            let bytes = [UInt8](repeating: byte, count: 10_000)
            let counted = bytes.withUnsafeBytes { CSVInput.countLineFeedsAndQuotes($0) }
            #expect(counted == (byte == 0x0A ? (10_000, 0) : (0, 10_000)))
        }
    }

    /// Files of random lines (plain, quoted on one line, doubled quotes,
    /// quoted line breaks, CRLF, blank lines, lines of blanks, long lines,
    /// and now and then a stray quote or an unclosed one), in memory and
    /// from a path, read ahead or not: the precise reader's records and
    /// lines, or its failure with the records before the failing line.
    @Test func randomFilesStreamAsThePreciseReaderReads() throws {
        var seed: UInt64 = 2026
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("random-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var failed = 0
        for _ in 0..<50 {
            var text = "id,name,n\n"
            let odd = [2, 8, 40][next(3)]
            for i in 0..<(20 + next(1_500)) {
                guard next(odd) == 0 else { text += "p\(i),Name \(i),\(i)\n"; continue }
                switch next(12) {
                case 0: text += "p\(i),\"Name, \(i)\",\"1,\(next(999))\"\n"
                case 1: text += "\"p\(i)\",\"say \"\"hi\"\"\",\(i)\n"
                case 2: text += "p\(i),\"two\nlines\",\(i)\n"
                case 3: text += "p\(i),x,\(i)\r\n"
                case 4: text += "\n"
                case 5: text += " \t \n"
                case 6: text += "\"\"\n"
                case 7: text += "p\(i)," + String(repeating: "w", count: next(20) == 0 ? 70_000 : next(100)) + ",\(i)\n"
                case 8: text += "p\(i),\"" + String(repeating: "q,\n", count: next(20) == 0 ? 25_000 : next(10)) + "\",\(i)\n"
                case 9: text += next(20) == 0 ? "p\(i),x\"y,\(i)\n" : "p\(i),\"Name \(i)\"  ,\(i)\n"
                case 10: text += next(20) == 0 ? "p\(i),\"x\"y,\(i)\n" : "  \"p\(i)\",  Name,\(i)\n"
                default: text += next(40) == 0 ? "p\(i),\"open,\(i)\n" : "p\(i),é\(i),\(i)\n"
                }
            }
            let bytes = Array(text.utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let whole = CSVReader.parse(bytes, file: "t.csv")
            var expected: [(line: Int, fields: [String])] = []
            var failure: Diagnostic?
            switch whole {
            case .success: expected = precise(bytes)
            case .failure(let d):
                failure = d
                failed += 1
                // The records before the failing line, where they end before it.
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let head = lines.prefix(d.location.line - 1).map { $0 + "\n" }.joined()
                expected = precise(Array(head.utf8))
            }
            for ahead in [0, 8] {
                for s in [CSVStream(bytes, file: "t.csv"), CSVStream(.path(path), file: "t.csv")] {
                    s.lookahead = ahead
                    var records: [(line: Int, fields: [String])] = []
                    while s.next() { records.append((s.recordLine, (0..<s.fieldCount).map(s.field))) }
                    #expect(s.failure?.description == failure?.description)
                    if failure == nil {
                        #expect(records.count == expected.count)
                    } else if !expected.isEmpty {
                        #expect(records.count <= expected.count && records.count >= expected.count - ahead - 1)
                    }
                    #expect(zip(records, expected).allSatisfy { $0.line == $1.line && $0.fields == $1.fields })
                }
            }
        }
        #expect(failed > 5 && failed < 45)
    }

    /// A quote where strict mode allows none, among lines read a block at a
    /// time: the records before it are handed out, each on its line, and
    /// the failure is the precise reader's.
    @Test(arguments: [0, 8])
    func aFailureInABlockIsTheLineByLineFailure(ahead: Int) {
        for (k, stray) in [(1_500, "p1,x\"y,3"), (2_900, "p1,\"x\"y,3"), (40, "p1,x,3\"")] {
            var text = "id,name,n\n"
            for i in 0..<3_000 {
                if i == k { text += stray + "\n" }
                text += i % 13 == 0 ? "p\(i),\"Name, \(i)\",\(i)\n" : "p\(i),Name \(i),\(i)\n"
            }
            let bytes = Array(text.utf8)
            guard case .failure(let failure) = CSVReader.parse(bytes, file: "t.csv") else {
                Issue.record("\(stray) parses")
                continue
            }
            let before = precise(Array(text.components(separatedBy: stray)[0].utf8))
            let s = CSVStream(bytes, file: "t.csv")
            s.lookahead = ahead
            var records: [(line: Int, fields: [String])] = []
            while s.next() { records.append((s.recordLine, (0..<s.fieldCount).map(s.field))) }
            #expect(s.failure?.description == failure.description)
            // Read ahead, the records just before the failure are dropped with it.
            #expect(records.count <= before.count && records.count >= before.count - ahead)
            #expect(records.count > 0)
            #expect(zip(records, before).allSatisfy { $0.line == $1.line && $0.fields == $1.fields })
        }
    }

    /// Reading ahead hands out the same records, lines and failures (but for
    /// those read ahead of a failure), and
    /// what it shows of a record ahead is that record when it comes: over
    /// line ends of each kind, blank records, and past the point (256
    /// records) where the records handed out are dropped.
    @Test(arguments: [0, 1, 8])
    func readingAheadChangesNothing(ahead: Int) {
        var text = "id,n\n"
        for i in 0..<700 { text += i % 3 == 0 ? "p\(i),\(i)\r" : i % 7 == 0 ? "\n\"q\n\(i)\",\(i)\r\n" : "p\(i),\(i)\n" }
        for bytes in [Array(text.utf8), Array((text + "x,\"open\n").utf8)] {
            let expected = streamed(bytes)
            let s = CSVStream(bytes, file: "t.csv")
            s.lookahead = ahead
            var records: [(line: Int, fields: [String])] = [], seen: [Int: [String]] = [:]
            while s.next() {
                records.append((s.recordLine, (0..<s.fieldCount).map(s.field)))
                if let early = seen[s.record] { #expect(early == records.last!.fields, "record \(s.record)") }
                if let f = s.withFields(ahead: ahead, { f in (0..<f.count).map { String(decoding: f[$0], as: UTF8.self) } }) {
                    seen[s.record + ahead] = f
                }
            }
            // A failure found ahead drops the records read ahead of it, and no others.
            if expected.failure == nil {
                #expect(records.count == expected.records.count)
            } else {
                #expect(records.count <= expected.records.count && records.count >= expected.records.count - ahead)
            }
            #expect(zip(records, expected.records).allSatisfy { $0.line == $1.line && $0.fields == $1.fields })
            #expect(s.failure?.description == expected.failure?.description)
            if ahead > 0 && expected.failure == nil { #expect(seen.count >= records.count - ahead) }
        }
    }

    @Test(arguments: [
        ("a,b\n1,x\"y\n", "t.csv:2:4: error: stray quote"),
        ("a,b\n1,\"open\n", "t.csv:2:3: error: quoted field is not closed"),
    ])
    func failuresAreThePreciseReaders(_ text: String, _ prefix: String) {
        let s = streamed(Array(text.utf8))
        #expect(s.failure?.description.hasPrefix(prefix) == true, "\(String(describing: s.failure))")
    }

    @Test func invalidUTF8StopsBeforeAnyRecord() {
        let s = streamed(Array("a,b\n".utf8) + [0xFF] + Array(",1\n".utf8))
        #expect(s.records.isEmpty)
        #expect(s.failure?.message.hasPrefix("invalid UTF-8 at byte offset 4") == true)
    }
}

@Suite struct CSVFieldTests {
    /// Every quote byte is doubled, even one a combining mark follows.
    @Test func quotesDoubledByByte() {
        #expect(CSVField.encode("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
        #expect(CSVField.encode("plain") == "plain")
        #expect(CSVField.encode("a,b") == "\"a,b\"")
        let out = ByteBuffer()
        CSVField.append("x\"y", to: out)
        #expect(out.string == "\"x\"\"y\"")
    }
}

/// A file read from disk a piece at a time gives the records, lines and
/// failures of the same bytes read in memory, wherever the pieces are cut.
@Suite struct CSVFileStreamTests {
    func read(_ s: CSVStream) -> (records: [(line: Int, fields: [String])], failure: Diagnostic?) {
        var records: [(line: Int, fields: [String])] = []
        while s.next() { records.append((s.recordLine, (0..<s.fieldCount).map(s.field))) }
        return (records, s.failure)
    }

    func compare(_ bytes: [UInt8]) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = read(CSVStream(.path(path), file: "t.csv"))
        let inMemory = read(CSVStream(bytes, file: "t.csv"))
        #expect(fromFile.failure == inMemory.failure)
        // Read from a file, the records before a failure are handed out
        // before it is found; the reader of the file then drops them.
        guard inMemory.failure == nil else { return }
        #expect(fromFile.records.count == inMemory.records.count)
        for (a, b) in zip(fromFile.records, inMemory.records) {
            #expect(a.line == b.line)
            #expect(a.fields == b.fields)
        }
        #expect(CSVInput.path(path).lineCount() == bytes.filter { $0 == 0x0A }.count)
    }

    /// Rows of two-byte and three-byte characters across many chunk boundaries.
    @Test func charactersCutByChunksAreWhole() throws {
        var text = "id,name\n"
        var i = 0
        while text.utf8.count < 3 * CSVInput.chunkBytes + 1000 {
            text += "p\(i),\(String(repeating: "é€", count: 1 + i % 37))\n"
            i += 1
        }
        try compare(Array(text.utf8))
    }

    /// A line longer than a chunk, of fields each within the limit; a byte-order mark.
    @Test func aLineLongerThanAChunk() throws {
        let field = String(repeating: "ü", count: 400_000)
        try compare(Array(("\u{FEFF}a,b,c\n\(field),\(field),\(field)\nx,y,z\n").utf8))
    }

    /// Invalid UTF-8 after two chunks: the same error.
    @Test func invalidUTF8LateInTheFile() throws {
        var bytes = Array("a,b\n".utf8)
        while bytes.count < 2 * CSVInput.chunkBytes + 10 { bytes += Array("xyzé,1\n".utf8) }
        bytes += [0xC3] + Array("\n".utf8)
        try compare(bytes)
        try compare(Array("a,b\n1,\"open\n".utf8))
        try compare([])
    }
}

@Suite struct ByteBufferTests {
    /// Bytes past the first capacity are kept in order as the buffer grows.
    @Test func growsKeepingBytes() {
        let out = ByteBuffer(capacity: 16)
        for n in 0..<1000 {
            out.appendDigits(n)
            out.append(0x2C)
        }
        let expected = (0..<1000).map(String.init).joined(separator: ",") + ","
        #expect(out.string == expected)
        #expect(out.count == expected.utf8.count)
    }

    /// An aligned buffer stays aligned as it grows, and keeps its bytes,
    /// also after its first bytes are dropped (as the output drops those written).
    @Test func alignedBufferStaysAligned() {
        let out = ByteBuffer(capacity: 100, alignment: 4096)
        var expected: [UInt8] = []
        for n in 0..<5000 {
            out.appendDigits(n)
            out.append(0x0A)
            expected += Array("\(n)\n".utf8)
            #expect(Int(bitPattern: out.start) % 4096 == 0)
            if n % 1000 == 999 {
                out.removeFirst(out.count / 2)
                expected.removeFirst(expected.count / 2)
            }
        }
        #expect(out.bytes == expected)
    }

    /// A raw buffer keeps its values in order as it grows past its first
    /// room, and as its first or last ones are dropped, as an array would.
    @Test func rawBufferMatchesAnArray() {
        var buffer = RawBuffer<Int>(capacity: 3)
        defer { buffer.deallocate() }
        var expected: [Int] = []
        for n in 0..<1000 {
            buffer.append(n * 7)
            expected.append(n * 7)
            if n % 97 == 96 {
                buffer.removeFirst(n % 13)
                expected.removeFirst(n % 13)
            }
            if n % 101 == 100 {
                buffer.removeLast(from: buffer.count - 5)
                expected.removeLast(5)
            }
        }
        #expect((0..<buffer.count).map { buffer[$0] } == expected)
        buffer.removeAll()
        #expect(buffer.count == 0)
    }

    /// Bytes of every length up to 40 appended whole, after an odd start, as the buffer grows.
    @Test func bytesOfEveryLengthAppended() {
        let out = ByteBuffer(capacity: 16)
        var expected: [UInt8] = [0x2A]
        out.append(0x2A)
        for n in 0...40 {
            let piece = (0..<n).map { UInt8(truncatingIfNeeded: 0x41 + (n * 7 + $0) % 50) }
            piece.withUnsafeBytes { out.append($0) }
            expected += piece
            #expect(out.bytes == expected, "length \(n)")
        }
    }

    /// Around every power of ten, where the count of digits changes.
    @Test func digitsAroundEveryPowerOfTen() {
        var values: [UInt64] = [0, UInt64.max, UInt64.max - 1]
        var p: UInt64 = 1
        for _ in 0..<20 {
            values += [p - 1, p, p + 1]
            if p > UInt64.max / 10 { break }
            values += [p * 9, p * 9 + (p - 1)]
            p *= 10
        }
        for v in values {
            let out = ByteBuffer(capacity: 16)
            out.appendDigits(v)
            #expect(out.string == String(v))
            if v <= UInt64(Int.max) {
                let signed = ByteBuffer(capacity: 16)
                signed.appendDigits(-Int(v))
                #expect(signed.string == (v == 0 ? "0" : "-" + String(v)))
            }
        }
    }

    /// Bytes written again from earlier in the same write, after other bytes, at every offset and length.
    @Test func bytesWrittenAgain() {
        for offset in 0..<6 {
            for count in 0...(6 - offset) {
                let out = ByteBuffer(capacity: 4)
                out.append("x")
                out.write(upTo: 20) { row in
                    row.put("abcdef")
                    row.put(0x2C)
                    row.putAgain(from: offset, count: count)
                }
                let abc = Array("abcdef".utf8)
                #expect(out.bytes == Array("xabcdef,".utf8) + abc[offset..<offset + count], "\(offset), \(count)")
            }
        }
    }

    @Test func digitsWithAPoint() {
        func text(_ m: UInt64, _ point: Int) -> String {
            let out = ByteBuffer()
            out.appendDigits(m, point: point)
            return out.string
        }
        #expect(text(6257, 6) == "0.006257")
        #expect(text(6257, 2) == "62.57")
        #expect(text(0, 1) == "0.0")
        #expect(text(0, 0) == "0")
        #expect(text(UInt64.max, -1) == "18446744073709551615")
        let out = ByteBuffer()
        out.appendDigits(Int.min)
        #expect(out.string == "-9223372036854775808")
    }
}
