import Testing
@testable import CSVReading

private func table(_ text: String) throws -> CSVTable {
    try CSVReader.parse(Array(text.utf8), file: "t.csv").get()
}

private func failure(_ bytes: [UInt8]) -> Diagnostic? {
    if case .failure(let d) = CSVReader.parse(bytes, file: "t.csv") { return d }
    return nil
}

@Suite struct CSVReaderTests {
    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let t = try table("a,b,c\n\"1,000\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,y,z\n")
        #expect(t.recordCount == 3)
        #expect(t.field(record: 1, index: 0) == "1,000")
        #expect(t.field(record: 1, index: 1) == "say \"hi\"")
        #expect(t.field(record: 1, index: 2) == "two\nlines")
        // The record after a two-line record starts on line 4.
        #expect(t.location(record: 2, index: 2) == SourceLocation(file: "t.csv", line: 4, column: 5))
        #expect(t.location(record: 1, index: 2) == SourceLocation(file: "t.csv", line: 2, column: 22))
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let t = try CSVReader.parse([0xEF, 0xBB, 0xBF] + Array("id,name\r\nx,\"Y\"\r\n".utf8), file: "t.csv").get()
        #expect(t.field(record: 0, index: 0) == "id")
        #expect(t.location(record: 0, index: 0).column == 1)
        #expect(t.field(record: 1, index: 1) == "Y")
        #expect(t.location(record: 1, index: 1) == SourceLocation(file: "t.csv", line: 2, column: 3))
    }

    @Test func blankLinesAreSkippedAndLinesStillCounted() throws {
        let t = try table("a,b\n\n  \n,\n1,2")
        #expect(t.recordCount == 2)
        #expect(t.location(record: 1, index: 1) == SourceLocation(file: "t.csv", line: 5, column: 3))
    }

    @Test func columnsCountScalarsAndSkipLeadingBlanks() throws {
        let t = try table("x,y\nÉcole Z,  \"q\"\n")
        // É,c,o,l,e,space,Z,comma,space,space: the opening quote is the 11th scalar.
        #expect(t.location(record: 1, index: 1).column == 11)
        #expect(t.field(record: 1, index: 0) == "École Z")
    }

    @Test func strayQuoteIsReportedWhereItStands() {
        let d = failure(Array("a,b\n1,2\nab\"c,d\n".utf8))
        #expect(d?.location == SourceLocation(file: "t.csv", line: 3, column: 3))
        #expect(d?.message.contains("stray quote") == true)
    }

    @Test func textAfterClosingQuote() {
        let d = failure(Array("a,b\n\"ab\"c,d\n".utf8))
        #expect(d?.location == SourceLocation(file: "t.csv", line: 2, column: 5))
    }

    @Test func unterminatedQuoteAtEndPointsToItsOpening() {
        let d = failure(Array("a,b\n1,\"open\nmore".utf8))
        #expect(d?.location == SourceLocation(file: "t.csv", line: 2, column: 3))
        #expect(d?.message.contains("not closed") == true)
    }

    @Test func invalidUTF8GivesByteOffset() {
        let d = failure(Array("a,b\n1,".utf8) + [0xFF] + Array("\n".utf8))
        #expect(d?.location == SourceLocation(file: "t.csv", line: 2, column: 3))
        #expect(d?.message.contains("byte offset 6") == true)
    }

    @Test func lastRecordWithoutNewline() throws {
        let t = try table("a\n1")
        #expect(t.recordCount == 2)
        #expect(t.field(record: 1, index: 0) == "1")
    }

    @Test func emptyFieldsAtLineEnd() throws {
        let t = try table("a,b,c\n1,,\n")
        #expect(t.fieldCount(record: 1) == 3)
        #expect(t.location(record: 1, index: 2) == SourceLocation(file: "t.csv", line: 2, column: 4))
    }
}

@Suite struct LongFieldTests {
    /// A quoted field of 150,000 bytes with commas, quotes and line breaks
    /// crosses the reader's 64 KiB pieces; the field and the next one's place are exact.
    @Test func fieldAcrossPieces() throws {
        let unit = "ab,c\"\"d\nef "  // 12 bytes as written, 11 as read
        let written = String(repeating: unit, count: 12_500)
        let text = "a,b\n\"\(written)\",next\n"
        let t = try CSVReader.parse(Array(text.utf8), file: "t.csv").get()
        #expect(t.field(record: 1, index: 0) == String(repeating: "ab,c\"d\nef ", count: 12_500))
        // 12,500 line breaks inside the field: the record starts on line 2, "next" is on line 12,502,
        // after "ef " (3) and the closing quote and comma: column 6.
        #expect(t.location(record: 1, index: 1) == SourceLocation(file: "t.csv", line: 12_502, column: 6))
    }

    /// A field over 1 MiB stops the reading at that field's start.
    @Test func oversizedField() {
        let text = "a,b\n1,  " + String(repeating: "x", count: 2_000_000) + "\n"
        guard case .failure(let d) = CSVReader.parse(Array(text.utf8), file: "t.csv") else { Issue.record("accepted"); return }
        #expect(d.location == SourceLocation(file: "t.csv", line: 2, column: 5))
        #expect(d.message.contains("longer than the limit"))
    }

    /// Unquoted fields longer than a piece are read whole too.
    @Test func longUnquotedField() throws {
        let long = String(repeating: "y", count: 200_000)
        let t = try CSVReader.parse(Array("a,b\n\(long),z\n".utf8), file: "t.csv").get()
        #expect(t.field(record: 1, index: 0) == long)
        #expect(t.location(record: 1, index: 1).column == 200_002)
    }
}

/// The UTF-8 check, which passes ASCII eight bytes at a time, finds a bad
/// byte wherever it falls against those eight, and passes what Swift's
/// own decoding accepts.
@Suite struct UTF8CheckTests {
    @Test func findsTheFirstBadByteAtEveryOffset() {
        for at in 0..<24 {
            for (insert, bad) in [([UInt8(0xFF)], true), ([0xC3, 0xA9], false), ([0xE2, 0x82, 0xAC], false),
                                  ([0xE2, 0x82], true), ([0xED, 0xA0, 0x80], true), ([0xF0, 0x9F, 0x98, 0x80], false)] {
                let bytes = Array(repeating: UInt8(ascii: "a"), count: at) + insert + Array(repeating: UInt8(ascii: "b"), count: 17)
                let found = bytes.withUnsafeBytes { CSVReader.firstInvalidUTF8($0) }
                #expect(found == (bad ? at : nil), "\(insert) at \(at)")
                #expect((String(validating: bytes, as: UTF8.self) == nil) == bad)
            }
        }
    }
}
