import Foundation
import Testing
@testable import CapTableCore
@testable import InputFiles
import CSVReading
import RawMemory

/// The one reading of the input files, from their bytes: the id tables it
/// looks ids up in, its trimming, and values spelled in every way the format
/// allows read to the same figures.
@Suite struct InputReadingTests {
    func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// A case's files: those given, and a classes.csv of one class, `c`.
    func withOneClass(_ files: [String: [UInt8]]) -> [String: [UInt8]] {
        files.merging(["classes.csv": Array("class,issuer,title,as_of\nc,Issuer,Common,2025-06-30\n".utf8)]) { given, _ in given }
    }

    /// Ids alike but for their last digits, ids over 16 bytes that share
    /// their first 16, an empty one, and non-ASCII ones: each found, and
    /// nothing else.
    @Test func idTableFindsEveryIdAndNothingElse() {
        var ids: [String: Int] = [:]
        for i in 0..<5000 { ids["p\(i)"] = i }
        let long = "a-very-long-identifier-"
        for i in 0..<50 { ids[long + "\(i)"] = 10_000 + i }
        ids["Zoë"] = 20_000
        ids["0123456789abcdef"] = 20_001
        let table = IDTable(ids)
        for (id, value) in ids {
            #expect(withBytes(id) { table.value($0) } == Int32(value), "\(id)")
        }
        for miss in ["p5000", "p-1", "P1", long + "50", long, "0123456789abcde", "0123456789abcdefg", "Zoe", " p1", ""] {
            #expect(withBytes(miss) { table.value($0) } == nil, "\(miss)")
        }
    }

    /// A key's first 16 bytes, zero-padded, at every length from 0 to 20,
    /// as a byte at a time would read them; ids of every length found.
    @Test func idHeadsAreTheFirstSixteenBytes() {
        let text = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var ids: [String: Int] = [:]
        for n in 0...20 {
            let key = Array(text[0..<n])
            var words: (UInt64, UInt64) = (0, 0)
            for (i, b) in key.prefix(16).enumerated() {
                if i < 8 { words.0 |= UInt64(b) << UInt64(8 * i) } else { words.1 |= UInt64(b) << UInt64(8 * (i - 8)) }
            }
            let head = key.withUnsafeBufferPointer { IDTable.head($0) }
            #expect(head.0 == words.0 && head.1 == words.1, "length \(n)")
            ids[String(decoding: key, as: UTF8.self)] = n
        }
        let table = IDTable(ids)
        for (id, n) in ids { #expect(withBytes(id) { table.value($0) } == Int32(n), "length \(n)") }
    }

    /// Inserting finds what was inserted before, through growth, with its first value.
    @Test func idTableInsertsAndGrows() {
        var table = IDTable()
        for i in 0..<10_000 { #expect(table.insert("id-\(i)-with-a-long-tail-\(i % 7)", value: Int32(i)) == nil) }
        #expect(table.count == 10_000)
        for i in stride(from: 0, to: 10_000, by: 97) {
            #expect(table.insert("id-\(i)-with-a-long-tail-\(i % 7)", value: -1) == Int32(i))
            #expect(withBytes("id-\(i)-with-a-long-tail-\(i % 7)") { table.value($0) } == Int32(i))
        }
        // A copy is its own table.
        var copy = table
        #expect(copy.insert("new", value: 1) == nil)
        #expect(withBytes("new") { table.value($0) } == nil)
    }

    /// Tables of every size from 16 to 60 slots, odd ones included, filled
    /// to three quarters without growing: a probe starts on a line's first
    /// slot and wraps past the last, and every id is found, and no other.
    @Test func idTablesOfEverySizeFindTheirIds() {
        for capacity in 12...45 {
            var table = IDTable(capacity: capacity)
            for i in 0..<capacity { #expect(table.insert("k\(capacity)-\(i)", value: Int32(i)) == nil) }
            for i in 0..<capacity { #expect(withBytes("k\(capacity)-\(i)") { table.value($0) } == Int32(i), "\(capacity), \(i)") }
            for i in capacity..<capacity + 20 { #expect(withBytes("k\(capacity)-\(i)") { table.value($0) } == nil) }
        }
    }

    /// A table grown from its smallest size keeps every id with its value,
    /// long ones included, and finds each again when defined a second time.
    @Test func idTableKeepsEveryIdAsItGrows() {
        var table = IDTable()
        for i in 0..<3000 { #expect(table.insert(i % 2 == 0 ? "id-\(i)" : "a-long-instrument-id-\(i)", value: Int32(i)) == nil) }
        #expect(table.count == 3000)
        for i in 0..<3000 {
            let id = i % 2 == 0 ? "id-\(i)" : "a-long-instrument-id-\(i)"
            #expect(withBytes(id) { table.value($0) } == Int32(i), "\(id)")
        }
        #expect(withBytes("a-long-instrument-id-3001") { table.value($0) } == nil)
        #expect(table.insert("a-long-instrument-id-2999", value: 3000) == 2999)
        #expect(table.insert("id-998", value: 3001) == 998)
    }

    /// Instrument ids are the same when Swift's `String` says they are, as
    /// with the dictionary the loader kept before: an accent precomposed or
    /// not, the Kelvin sign and K.
    @Test(arguments: [("\u{E9}", "e\u{301}"), ("K", "\u{212A}"), ("o1", "o2"), ("Zo\u{EB}", "Zoe")])
    func instrumentIdsCompareAsStrings(first: String, second: String) {
        let files = withOneClass([
            "persons.csv": Array("id,name,kind\np1,One,individual\n".utf8),
            "holdings.csv": Array("holder,class,shares\n".utf8),
            "options.csv": Array("id,holder,kind,class,shares\n\(first),p1,option,c,10\n\(second),p1,option,c,10\n".utf8),
        ])
        let result = CaseLoader.load(files: files)
        if first == second {
            guard case .failure(.invalid(let d)) = result else { Issue.record("loaded"); return }
            #expect(d.map(\.description) == ["options.csv:3:1: error: instrument \"\(second)\" is defined twice: at options.csv:2:1 and here"])
        } else {
            #expect(throws: Never.self) { _ = try result.get() }
        }
    }

    /// A person id counts as defined even on a row rejected for another
    /// reason, and ids are the same when `String` says they are.
    @Test func personIdsDefinedOnceEvenOnRejectedRows() {
        let files = withOneClass([
            "persons.csv": Array("id,name,kind\np1,,individual\np1,One,individual\n\u{E9},E,individual\ne\u{301},E2,individual\n".utf8),
            "holdings.csv": Array("holder,class,shares\np1,c,5\ne\u{301},c,5\n".utf8),
        ])
        guard case .failure(.invalid(let d)) = CaseLoader.load(files: files) else { Issue.record("loaded"); return }
        #expect(d.map(\.description) == [
            "persons.csv:2:4: error: name is required",
            "persons.csv:3:1: error: person \"p1\" is defined twice: at persons.csv:2:1 and here",
            "persons.csv:5:1: error: person \"e\u{301}\" is defined twice: at persons.csv:4:1 and here",
            // holdings.csv's p1 names the person of the rejected row 2: reported there, once, not again here.
        ])
    }

    /// A file read from disk that turns out not to be UTF-8 after its first
    /// pieces counts for nothing but that error, as a file read whole does.
    @Test func aFileFoundBrokenLateCountsForItsErrorOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("late-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var holdings = Array("holder,class,shares\nnobody,c,5\n".utf8)
        while holdings.count < 3 << 20 { holdings += Array("p1,c,1\n".utf8) }
        holdings += [0xFF] + Array("\n".utf8)
        let files = withOneClass([
            "persons.csv": Array("id,name,kind\np1,One,individual\n".utf8),
            "holdings.csv": holdings,
        ])
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        let expected: [String]
        if case .failure(.invalid(let d)) = CaseLoader.load(files: files) { expected = d.map(\.description) } else { expected = [] }
        guard case .failure(.invalid(let d)) = CaseLoader.load(directory: dir.path) else { Issue.record("loaded"); return }
        #expect(d.map(\.description) == expected)
        #expect(d.count == 1 && d[0].description.hasPrefix("holdings.csv:") && d[0].message.hasPrefix("invalid UTF-8"))
    }

    /// An options.csv that cannot be parsed counts for nothing but its error:
    /// its ids are free for convertibles.csv, whose own duplicates still count.
    @Test func idsOfAFileRolledBackAreFree() {
        let files = withOneClass([
            "persons.csv": Array("id,name,kind\np1,One,individual\n".utf8),
            "holdings.csv": Array("holder,class,shares\n".utf8),
            "options.csv": Array("id,holder,kind,class,shares\no1,p1,option,c,10\no2,p1,option,c,\"10\n".utf8),
            "convertibles.csv": Array(("id,holder,kind,class,units,conversion_ratio\n"
                + "o1,p1,preferred,c,10,1\no2,p1,preferred,c,10,1\no2,p1,preferred,c,10,1\n").utf8),
        ])
        guard case .failure(.invalid(let d)) = CaseLoader.load(files: files) else { Issue.record("loaded"); return }
        #expect(d.map(\.description) == [
            "options.csv:3:16: error: quoted field is not closed before the end of the file",
            "convertibles.csv:4:1: error: instrument \"o2\" is defined twice: at convertibles.csv:3:1 and here",
        ])
    }

    /// options.csv is read while persons.csv is, its holders looked up after:
    /// each holder's problem stays where a reading in file order puts it,
    /// after its row's id and before its row's other columns, and the
    /// grants kept name their holders.
    @Test func holdersReadBeforePersonsAreReportedInPlace() {
        let files = withOneClass([
            "persons.csv": Array("id,name,kind\np1,One,individual\np2,,individual\ng,G,group\np3,Three,entity\n".utf8),
            "holdings.csv": Array("holder,class,shares\n".utf8),
            "options.csv": Array(("id,holder,kind,class,shares\n"
                + "o1,p3,option,c,10\n"        // line 2: kept, held by p3
                + "o2,ghost,option,c,-1\n"     // line 3: holder, then shares
                + ",p9,option,x,5\n"          // line 4: id, holder, class
                + "o4,g,option,c,5\n"          // line 5: a group
                + "o5,p2,option,c,5\n"         // line 6: the rejected row's person, reported there only
                + "o1,,warrant,c,5\n"          // line 7: no holder; id defined twice
                + "o7,p1x,option,c,5\n").utf8),  // line 8: the nearest id suggested
        ])
        guard case .failure(.invalid(let d)) = CaseLoader.load(files: files) else { Issue.record("loaded"); return }
        #expect(d.map(\.description) == [
            "persons.csv:3:4: error: name is required",
            "options.csv:3:4: error: holder \"ghost\" is not in persons.csv",
            "options.csv:3:19: error: shares \"-1\" is not a whole number (share counts are never negative)",
            "options.csv:4:1: error: id is required",
            "options.csv:4:2: error: holder \"p9\" is not in persons.csv; did you mean \"p1\"?",
            "options.csv:4:12: error: class \"x\" is not in classes.csv; did you mean \"c\"?",
            "options.csv:5:4: error: holder \"g\" is a group; a group holds and controls nothing itself (list its members in groups.csv)",
            "options.csv:7:1: error: instrument \"o1\" is defined twice: at options.csv:2:1 and here",
            "options.csv:8:4: error: holder \"p1x\" is not in persons.csv; did you mean \"p1\"?",
        ])
    }

    /// Grants read before persons.csv get their holders once it is read;
    /// a grant without one stays without.
    @Test func grantsReadBeforePersonsNameTheirHolders() throws {
        let c = try CaseLoader.load(files: withOneClass([
            "persons.csv": Array("id,name,kind\np1,One,individual\np2,Two,individual\n\u{E9}t\u{E9},E,entity\n".utf8),
            "holdings.csv": Array("holder,class,shares\np1,c,5\n".utf8),
            "options.csv": Array("id,holder,kind,class,shares\no1,p2,option,c,10\no2,,warrant,c,5\no3, p1 ,option,c,5\no4,e\u{301}te\u{301},option,c,5\n".utf8),
        ])).get()
        #expect(c.grants.map(\.id) == ["o1", "o2", "o3", "o4"])
        #expect(c.grants.map { $0.holder.map { c.persons[$0].id } } == ["p2", nil, "p1", "\u{E9}t\u{E9}"])
    }

    /// A field is read without the blanks around it: spaces and tabs, and
    /// Unicode's spaces where an edge is not ASCII; letters are kept.
    @Test func trimmingTakesBlanksOffBothEdges() {
        func trimmed(_ text: String) -> String? {
            var text = text
            return text.withUTF8 { Row.trimmed($0).map { String(decoding: $0, as: UTF8.self) } }
        }
        #expect(trimmed("  p1\t") == "p1")
        #expect(trimmed("\u{A0}p1\u{2003}") == "p1")
        #expect(trimmed("Zoë") == "Zoë")
        #expect(trimmed(" \u{A0} ") == nil)
        #expect(trimmed("   ") == nil)
        #expect(trimmed("a b") == "a b")
    }

    /// A book of plain values reads to the same figures as one that writes
    /// them in the other spellings the format allows (grouped digits, a `$`,
    /// a `%`), with notes besides.
    @Test func spellingsReadAlike() throws {
        let classes = "class,issuer,title,as_of\nc,Issuer,Common,2025-06-30\n"
        let persons = "id,name,kind\np1,One,individual\np2,Two,individual\ng,Group,group\n"
        func book(_ holdings: String, _ options: String) throws -> Case {
            try CaseLoader.load(files: ["classes.csv": Array(classes.utf8), "persons.csv": Array(persons.utf8),
                                        "holdings.csv": Array(holdings.utf8), "options.csv": Array(options.utf8)]).get()
        }
        let plain = try book("holder,class,shares,voting,dispositive,note\np1,c,1000,shared,none,\np2,c,5,,sole,\n",
                            "id,holder,kind,class,shares,exercise_price,vest_start,vest_months,cliff_months,cap_percent,note\n"
                            + "o1,p1,option,c,4800,14.00,2024-01-15,48,12,9.99,\no2,,warrant,c,10,,,,,,\n")
        let spelled = try book("holder,class,shares,voting,dispositive,note\np1,c,\"1,000\",shared,none,a\np2,c,5,,sole,b\n",
                               "id,holder,kind,class,shares,exercise_price,vest_start,vest_months,cliff_months,cap_percent,note\n"
                               + "o1,p1,option,c,\"4,800\",$14,2024-01-15,48,12,9.99%,n\no2,,warrant,c,10,,,,,,n\n")
        #expect(plain.holdings.map(\.shares) == spelled.holdings.map(\.shares))
        #expect(plain.holdings.map(\.voting) == spelled.holdings.map(\.voting))
        #expect(plain.holdings.map(\.dispositive) == spelled.holdings.map(\.dispositive))
        #expect(plain.holdings.map(\.location) == spelled.holdings.map(\.location))
        #expect(plain.holdings.map(\.note) == [nil, nil] && spelled.holdings.map(\.note) == ["a", "b"])
        #expect(plain.grants.map(\.id) == spelled.grants.map(\.id))
        #expect(plain.grants.map(\.holder) == spelled.grants.map(\.holder))
        #expect(plain.grants.map(\.shares) == spelled.grants.map(\.shares))
        #expect(plain.grants.map(\.exercisePrice) == spelled.grants.map(\.exercisePrice))
        #expect(plain.grants.map(\.cap) == spelled.grants.map(\.cap))
        #expect(plain.grants.map { $0.vesting?.months } == spelled.grants.map { $0.vesting?.months })
        #expect(plain.grants.map { $0.vesting?.cliffMonths } == spelled.grants.map { $0.vesting?.cliffMonths })
        #expect(plain.grants.map(\.location) == spelled.grants.map(\.location))
    }

    /// convertibles.csv gives, figure by figure, the same notes and preferred
    /// whether its values are plain or written with `$`, separators and `%`;
    /// rows that break a rule are reported.
    @Test func convertibleSpellingsReadAlike() throws {
        let header = "id,holder,kind,class,principal,conversion_price,units,conversion_ratio,issued,convertible_from,maturity,"
            + "rate,interest,day_count,pik_months,first_payment,converts_interest,cap_percent,anti_dilution,note\n"
        func book(_ rows: [String]) -> Result<Case, CaseError> {
            CaseLoader.load(files: withOneClass([
                "persons.csv": Array("id,name,kind\np1,One,individual\np2,Two,entity\ng,Group,group\n".utf8),
                "holdings.csv": Array("holder,class,shares\np1,c,100\n".utf8),
                "convertibles.csv": Array((header + rows.joined(separator: "\n") + "\n").utf8),
            ]))
        }
        let plain = try book([
            "n1,p1,note,c,122935.5,3.50,,,2024-08-15,2024-09-01,2030-06-30,8.25,pik,actual/365,\"2,8\",2025-02-01,no,9.99,weighted_average,",
            "n2,p2,note,c,1000,0.125,,,2024-01-15,,,,pik,,\"8,2,8\",,,,none,",
            "n3,p1,preferred,c,,,17937,1.5,2023-05-01,,,,,,,,yes,4.9,,",
        ]).get()
        let spelled = try book([
            "n1,p1,note,c,\"$122,935.50\",$3.50,,,2024-08-15,2024-09-01,2030-06-30,8.25%,pik,actual/365,\"2, 8\",2025-02-01,No,9.99%,weighted_average,a",
            "n2,p2,note,c,$1000.00,1/8,,,2024-01-15,,,,pik,,\"8, 2,8\",,,,none,b",
            "n3,p1,preferred,c,,,\"17,937\",3/2,2023-05-01,,,,,,,,Yes,4.9%,,c",
        ]).get()
        #expect(plain.convertibles.count == 3 && spelled.convertibles.count == 3)
        for (a, b) in zip(plain.convertibles, spelled.convertibles) {
            #expect(a.id == b.id && a.holder == b.holder && a.kind == b.kind && a.classIndex == b.classIndex)
            #expect(a.principal == b.principal && a.conversionPrice == b.conversionPrice)
            #expect(a.units == b.units && a.conversionRatio == b.conversionRatio)
            #expect(a.issued == b.issued && a.convertibleFrom == b.convertibleFrom && a.maturity == b.maturity)
            #expect(a.rate == b.rate && a.interest == b.interest && a.dayCount == b.dayCount && a.pikMonths == b.pikMonths)
            #expect(a.firstPayment == b.firstPayment && a.convertsInterest == b.convertsInterest && a.cap == b.cap)
            #expect(a.weightedAverageAntiDilution == b.weightedAverageAntiDilution && a.location == b.location)
            #expect(a.note == nil && b.note != nil)
        }
        #expect(plain.convertibles[0].principal == Money(cents: 12_293_550))
        #expect(plain.convertibles[0].pikMonths == [2, 8])
        #expect(plain.convertibles[1].dayCount == .thirty360 && plain.convertibles[1].interest == .pik && plain.convertibles[1].convertsInterest)
        // Months each once, in order, however written.
        #expect(plain.convertibles[1].pikMonths == [2, 8])
        // Each breaks one rule, in a shape the byte reader would otherwise take.
        guard case .failure(.invalid(let d)) = book([
            "n1,p1,note,c,1000,2,5,,2024-01-15,,,,,,,,,,,",
            "n2,p1,preferred,c,1000,,5,1.5,,,,,,,,,,,,",
            "n3,p1,note,c,1000,2,,,2024-01-15,,,,pik,,,,,,,",
            "n4,p1,note,c,1000,2,,,2024-01-15,,2023-01-15,,,,,,,,,",
            "n5,p1,note,c,1000,0,,,2024-01-15,,,,,,,,,,,",
            "n6,p1,note,c,1000,2,,,2024-01-15,,,,none,,6,,,,,",
            "n1,p1,note,c,1000,2,,,2024-01-15,,,,,,,,,,,",
            "n7,g,note,c,1000,2,,,2024-01-15,,,,,,,,,,,",
        ]) else { Issue.record("loaded"); return }
        let text = d.map(\.description)
        #expect(text.count == 8)
        #expect(text.contains { $0.hasPrefix("convertibles.csv:2:") && $0.hasSuffix("units does not apply to a note") })
        #expect(text.contains { $0.hasPrefix("convertibles.csv:3:") && $0.hasSuffix("principal does not apply to preferred") })
        #expect(text.contains { $0.hasPrefix("convertibles.csv:4:") && $0.hasSuffix("pik_months is required for paid-in-kind interest") })
        #expect(text.contains { $0.hasPrefix("convertibles.csv:5:") && $0.hasSuffix("maturity 2023-01-15 is before issued 2024-01-15") })
        #expect(text.contains { $0.hasPrefix("convertibles.csv:6:") && $0.hasSuffix("conversion_price must be more than zero") })
        #expect(text.contains { $0.hasPrefix("convertibles.csv:7:") && $0.hasSuffix("pik_months does not apply to interest that is not pik") })
        #expect(text.contains { $0.hasPrefix("convertibles.csv:8:1: error: instrument \"n1\" is defined twice") })
        #expect(text.contains { $0.hasPrefix("convertibles.csv:9:") && $0.contains("is a group") })
    }

    /// Rows that name the class of the row before, and rows that name another
    /// one alike but for its length or last byte, each get their own class.
    @Test func holdingsKeepTheirClassesRowToRow() throws {
        let classes = ["c", "c1", "c10", "c1x", "a-class-id-of-more-than-sixteen-bytes", "a-class-id-of-more-than-sixteen-bytez"]
        let order = [0, 0, 1, 1, 2, 1, 3, 4, 5, 5, 0, 3, 2]
        let files: [String: [UInt8]] = [
            "classes.csv": Array(("class,issuer,title,as_of\n" + classes.map { "\($0),Issuer,Common,2025-06-30\n" }.joined()).utf8),
            "persons.csv": Array("id,name,kind\np1,One,individual\n".utf8),
            "holdings.csv": Array(("holder,class,shares\n" + order.map { "p1,\(classes[$0]),1\n" }.joined()).utf8),
        ]
        let c = try CaseLoader.load(files: files).get()
        #expect(c.holdings.map(\.classIndex) == order)
    }

    /// relations.csv gives the same relations with a note column or
    /// without, and its wrong rows are reported.
    @Test func relationsReadAlikeWithANote() throws {
        let persons = "id,name,kind\na,A,entity\nb,B,entity\nc,C,entity\nd,D,individual\ng,G,group\n"
        let rows = ["a,b,general_partner,sole,shared,yes", "a,c,investment_adviser,,,", "b,d,trustee,shared,sole,n",
                    "c,d, other ,sole,,false"]
        func book(_ header: String, _ extra: String, _ more: [String] = []) -> Result<Case, CaseError> {
            CaseLoader.load(files: [
                "classes.csv": Array("class,issuer,title,as_of\nc1,Issuer,Common,2025-06-30\n".utf8),
                "persons.csv": Array(persons.utf8), "holdings.csv": Array("holder,class,shares\nd,c1,5\n".utf8),
                "relations.csv": Array((header + "\n" + (rows.map { $0 + extra } + more).joined(separator: "\n") + "\n").utf8),
            ])
        }
        let header = "controller,controlled,role,voting,dispositive,disclaims"
        let plain = try book(header, "").get(), spelled = try book(header + ",note", ",").get()
        #expect(plain.relations.map(\.controller) == [0, 0, 1, 2] && plain.relations.map(\.controlled) == [1, 2, 3, 3])
        #expect(plain.relations.map(\.role) == spelled.relations.map(\.role))
        #expect(plain.relations.map(\.role) == [.generalPartner, .investmentAdviser, .trustee, .other])
        #expect(plain.relations.map(\.voting) == spelled.relations.map(\.voting))
        #expect(plain.relations.map(\.voting) == [.sole, .shared, .shared, .sole])
        #expect(plain.relations.map(\.dispositive) == spelled.relations.map(\.dispositive))
        #expect(plain.relations.map(\.disclaims) == [true, false, false, false])
        #expect(plain.relations.map(\.disclaims) == spelled.relations.map(\.disclaims))
        #expect(plain.relations.map(\.location) == spelled.relations.map(\.location))
        guard case .failure(.invalid(let d)) = book(header, "", ["g,d,other,,,", "a,d,Other,,,", "a,d,other,none,,",
                                                                 "a,a,other,,,", "a,b,parent,,,"]) else { Issue.record("loaded"); return }
        let text = d.map(\.description)
        #expect(text.contains { $0.hasPrefix("relations.csv:6:1: error: controller \"g\" is a group") })
        #expect(text.contains { $0.hasPrefix("relations.csv:7:5: error: role \"Other\" is not one of") })
        #expect(text.contains { $0.hasPrefix("relations.csv:8:11: error: voting \"none\" is not one of sole, shared") })
        #expect(text.contains("relations.csv:9:3: error: \"a\" cannot control itself"))
        #expect(text.contains { $0.hasPrefix("relations.csv:10:3: error: the control of \"b\" by \"a\" is given twice: at relations.csv:2:3") })
    }

    /// persons.csv gives the same persons with an empty column more (an
    /// address) or without.
    @Test func personsReadAlikeWithAnEmptyColumn() throws {
        let rows = ["p1,One,individual,,yes,no", "f1, Fund One ,entity,PN,n,", "g,Group,group,,,",
                    "p2,Zoë Two,individual,IN,Yes,TRUE", "é,E,entity,CO,false,y"]
        func book(_ header: String, _ extra: String) throws -> Case {
            let persons = header + "\n" + rows.map { $0 + extra }.joined(separator: "\n") + "\n"
            return try CaseLoader.load(files: withOneClass([
                "persons.csv": Array(persons.utf8), "holdings.csv": Array("holder,class,shares\np1,c,5\n".utf8),
            ])).get()
        }
        let plain = try book("id,name,kind,type,majority_rule,control_intent", "")
        let spelled = try book("id,name,kind,type,majority_rule,control_intent,address", ",")
        #expect(plain.persons.map(\.id) == ["p1", "f1", "g", "p2", "é"])
        #expect(plain.persons.map(\.id) == spelled.persons.map(\.id))
        #expect(plain.persons.map(\.name) == spelled.persons.map(\.name))
        #expect(plain.persons.map(\.name)[1] == "Fund One")
        #expect(plain.persons.map(\.kind) == spelled.persons.map(\.kind))
        #expect(plain.persons.map(\.type) == ["IN", "PN", "OO", "IN", "CO"])
        #expect(plain.persons.map(\.type) == spelled.persons.map(\.type))
        #expect(plain.persons.map(\.majorityRule) == [true, false, false, true, false])
        #expect(plain.persons.map(\.majorityRule) == spelled.persons.map(\.majorityRule))
        #expect(plain.persons.map(\.controlIntent) == [false, false, false, true, true])
        #expect(plain.persons.map(\.controlIntent) == spelled.persons.map(\.controlIntent))
        #expect(plain.persons.map(\.location) == spelled.persons.map(\.location))
        #expect(plain.persons.map(\.location.line) == [2, 3, 4, 5, 6])
        // The columns neither file gives are blank in both.
        #expect(plain.persons.map(\.reporting) == spelled.persons.map(\.reporting))
        #expect(plain.persons.map(\.filerType) == spelled.persons.map(\.filerType))
        #expect(plain.persons.map(\.citizenship) == spelled.persons.map(\.citizenship))
        #expect(plain.persons.map(\.citizenshipCode) == spelled.persons.map(\.citizenshipCode))
        #expect(plain.persons.map(\.address) == spelled.persons.map(\.address))
        #expect(plain.persons.map(\.roles) == spelled.persons.map(\.roles))
        #expect(plain.persons.map(\.sourceOfFunds) == spelled.persons.map(\.sourceOfFunds))
    }

    /// Wrong person rows are reported at their fields.
    @Test func wrongPersonRowsAreReported() {
        let files = withOneClass([
            "persons.csv": Array("id,name,kind,type,majority_rule\np1,One,individual,,maybe\np2,Two,person,,\np3,Three,entity,XX,\np4,,entity,,\np4,Four,entity,,\n".utf8),
            "holdings.csv": Array("holder,class,shares\n".utf8),
        ])
        guard case .failure(.invalid(let d)) = CaseLoader.load(files: files) else { Issue.record("loaded"); return }
        let text = d.map(\.description)
        #expect(text.contains("persons.csv:2:20: error: majority_rule \"maybe\" is not yes or no"))
        #expect(text.contains { $0.hasPrefix("persons.csv:3:8: error: kind \"person\" is not one of individual, entity, group") })
        #expect(text.contains { $0.hasPrefix("persons.csv:4:17: error: type \"XX\" is not a type of reporting person") })
        #expect(text.contains("persons.csv:5:4: error: name is required"))
        #expect(text.contains("persons.csv:6:1: error: person \"p4\" is defined twice: at persons.csv:5:1 and here"))
    }

    /// Wrong rows of the other files are reported at their fields.
    @Test func wrongRowsAreReported() {
        let files = withOneClass([
            "persons.csv": Array("id,name,kind\np1,One,individual\ng,Group,group\n".utf8),
            "holdings.csv": Array("holder,class,shares\np1,c,100\ng,c,5\np1,c,12a\n".utf8),
            "options.csv": Array("id,holder,kind,class,shares,vest_start,vest_months,cliff_months\no1,p1,option,c,10,2024-01-15,12,24\no1,p1,option,c,10,,,\n".utf8),
        ])
        guard case .failure(.invalid(let d)) = CaseLoader.load(files: files) else { Issue.record("loaded"); return }
        let text = d.map(\.description)
        #expect(text.contains("holdings.csv:3:1: error: holder \"g\" is a group; a group holds and controls nothing itself (list its members in groups.csv)"))
        #expect(text.contains("holdings.csv:4:6: error: shares \"12a\" is not a whole number"))
        #expect(text.contains("options.csv:2:33: error: cliff_months 24 is longer than vest_months 12"))
        #expect(text.contains { $0.hasPrefix("options.csv:3:1: error: instrument \"o1\" is defined twice: at options.csv:2:1") })
    }

    /// Instrument ids: each of many is found again when defined a second
    /// time, in another file or in another column, with the place of the
    /// first; a file that cannot be parsed leaves none of its ids defined,
    /// so that transactions.csv may issue them.
    @Test func instrumentIdsDefinedTwiceAcrossFilesAndRollback() {
        let n = 5_000
        var options = "holder,kind,class,shares,id\n"
        for i in 0..<n { options += "p1,option,c,1,o\(i)\n" }
        let files = withOneClass([
            "persons.csv": Array("id,name,kind\np1,One,individual\n".utf8),
            "holdings.csv": Array("holder,class,shares\n".utf8),
            "options.csv": Array(options.utf8),
            // Rows 2 and 3 are defined before; the quote left open makes the whole file count for nothing.
            "convertibles.csv": Array("id,holder,kind,class,units,conversion_ratio\no17,p1,preferred,c,1,1\no4999,p1,preferred,c,1,1\nx1,p1,preferred,c,1,1\n\"x2,p1,preferred,c,1,1\n".utf8),
            "transactions.csv": Array("date,event,id,holder,kind,class,shares\n2025-02-02,issue,x1,p1,warrant,c,1\n2025-02-02,issue,o123,p1,warrant,c,1\n2025-02-03,issue,x1,p1,warrant,c,1\n".utf8),
        ])
        guard case .failure(.invalid(let d)) = CaseLoader.load(files: files) else { Issue.record("loaded"); return }
        // Row k of options.csv is on line k + 2, its id at column 15 (after "p1,option,c,1,").
        #expect(d.map(\.description) == [
            "convertibles.csv:5:1: error: quoted field is not closed before the end of the file",
            "transactions.csv:3:18: error: instrument \"o123\" is defined twice: at options.csv:125:15 and here",
            "transactions.csv:4:18: error: instrument \"x1\" is defined twice: at transactions.csv:2:18 and here",
        ])
    }
}

/// Rows of real books: thousands separators and notes.
@Suite struct HoldingsShapesTests {
    @Test func groupedNumbersAndNotes() throws {
        let files: [String: [UInt8]] = [
            "classes.csv": Array("class,issuer,title,outstanding,as_of\nc0,I,Common,\"10,000,000\",2025-01-01\n".utf8),
            "persons.csv": Array("id,name,kind\np1,P,individual\np2,Q,entity\n".utf8),
            "holdings.csv": Array("holder,class,shares,voting,dispositive,note\np1,c0,\"1,234,567\",,,\"bought in two lots, at $1.25 and $1.50\"\np2,c0,1234567,shared,, held through a nominee \np1,c0,\"12,34\",,,\n".utf8),
        ]
        guard case .failure(.invalid(let problems)) = CaseLoader.load(files: files) else {
            Issue.record("\"12,34\" is not a number")
            return
        }
        // The one bad number, at its row and column.
        #expect(problems.map(\.description) == ["holdings.csv:4:7: error: shares \"12,34\" is not a whole number"])
        var good = files
        good["holdings.csv"] = Array("holder,class,shares,voting,dispositive,note\np1,c0,\"1,234,567\",,,\"bought in two lots, at $1.25 and $1.50\"\np2,c0,1234567,shared,, held through a nominee \n".utf8)
        let c = try CaseLoader.load(files: good).get()
        #expect(c.holdings.map(\.shares.count) == [1_234_567, 1_234_567])
        #expect(c.holdings.map(\.note) == ["bought in two lots, at $1.25 and $1.50", "held through a nominee"])
        #expect(c.holdings[1].voting == .shared && c.holdings[1].dispositive == .sole)
    }

    /// `pledged` is a count of the lot's shares or a flag in any of its
    /// words: a lot of 100 with `true` or `Yes` pledges all 100, with `N`
    /// none; `1,00` is neither, and is reported as a count.
    @Test func pledgedIsACountOrAFlag() throws {
        let classes = "class,issuer,title,outstanding,as_of\nc0,I,Common,1000,2025-01-01\n"
        func pledges(_ values: [String]) -> Result<[Shares?], CaseError> {
            let holdings = "holder,class,shares,pledged\n" + values.map { "p1,c0,100,\($0)\n" }.joined()
            return CaseLoader.load(files: ["classes.csv": Array(classes.utf8), "persons.csv": Array("id,name,kind\np1,P,individual\n".utf8),
                                           "holdings.csv": Array(holdings.utf8)]).map { $0.holdings.map(\.pledged) }
        }
        #expect(try pledges(["true", "Yes", "N", "60", ""]).get() == [Shares(100), Shares(100), nil, Shares(60), nil])
        guard case .failure(.invalid(let problems)) = pledges(["\"1,00\""]) else { Issue.record("1,00 read"); return }
        // "p1,c0,100," is ten characters: the field starts at column 11.
        #expect(problems.map(\.description) == ["holdings.csv:2:11: error: pledged \"1,00\" is not a whole number"])
    }
}

/// Each word list of the input format is its enum's cases: every case is
/// read, in files with their optional columns and without, so that a case
/// added to an enum is a word of the format with nothing else to change.
@Suite struct EnumWordsTests {
    static func load(_ files: [String: String]) throws -> Case {
        try CaseLoader.load(files: files.mapValues { Array($0.utf8) }).get()
    }

    @Test(arguments: [false, true])
    func everyCaseIsAWord(optionalColumns general: Bool) throws {
        let extra = general ? ",address" : ""
        var persons = "id,name,kind\(extra)\n"
        for (i, k) in PersonKind.allCases.enumerated() { persons += "p\(i),P\(i),\(k.rawValue)\(general ? "," : "")\n" }
        persons += "boss,Boss,entity\(general ? "," : "")\n"
        var relations = "controller,controlled,role,voting,dispositive\(general ? ",note" : "")\n"
        for (i, r) in ControlRole.allCases.enumerated() { relations += "boss,x\(i),\(r.rawValue),sole,shared\(general ? "," : "")\n" }
        for i in ControlRole.allCases.indices { persons += "x\(i),X\(i),entity\(general ? "," : "")\n" }
        var holdings = "holder,class,shares,voting,dispositive\(general ? ",pledged" : "")\n"
        for v in Power.allCases { for d in Power.allCases where v != .none || d != .none {
            holdings += "p1,c,1,\(v.word),\(d.word)\(general ? "," : "")\n"
        } }
        var options = "id,holder,kind,class,shares\(general ? ",note" : "")\n"
        for (i, k) in GrantKind.allCases.enumerated() { options += "g\(i),p0,\(k.rawValue),c,10\(general ? ",\"a, note\"" : "")\n" }
        let c = try Self.load([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,1000,2025-01-01\n",
            "persons.csv": persons, "relations.csv": relations, "holdings.csv": holdings, "options.csv": options,
        ])
        #expect(c.persons.prefix(PersonKind.allCases.count).map(\.kind) == PersonKind.allCases)
        #expect(c.relations.map(\.role) == ControlRole.allCases)
        #expect(Set(c.holdings.map(\.voting)) == Set(Power.allCases))
        #expect(c.grants.map(\.kind) == GrantKind.allCases)
    }
}

/// A word column reads the words of its enum and nothing else: an enum of
/// the test's own, with a case more than another, is read through the same
/// functions the input files use, and the case added is a word at once.
@Suite struct AddedCaseTests {
    enum Before: String, CaseIterable, Sendable { case sole, shared }
    enum After: String, CaseIterable, Sendable { case sole, shared, joint }

    @Test func aCaseAddedIsAWord() {
        func read<T: CaseIterable & RawRepresentable & Sendable>(_ text: String, _ type: T.Type) -> T? where T.RawValue == String {
            var text = text
            return text.withUTF8 { try? Words(type).read($0, column: "voting").get() }
        }
        #expect(read("joint", Before.self) == nil)
        #expect(read("joint", After.self) == .joint)
        #expect(read("sole", After.self) == .sole && read("Joint", After.self) == nil)
        #expect(ValueParser.word("joint", column: "voting", Before.self)
                == .failure(ValueError("voting \"joint\" is not one of sole, shared")))
        #expect(ValueParser.word("joint", column: "voting", After.self) == .success(.joint))
    }
}
