import Attribution
import CapTableCore
import CSVReading
import Foundation
import RawMemory

/// Every person's id, name and type as CSV cells ("p1,Jane Doe,IN"), each
/// at the place of the person's number (`ByteSlots`): a book of a million
/// persons reads these 30 bytes a row rather than the person's whole record.
public struct PersonCells: Sendable {
    private let slots: ByteSlots

    public init(_ c: Case) {
        slots = ByteSlots(count: c.persons.count) {
            var row = CSVWriter.Body()
            return { p, out in
                row.out.removeAll()
                row.personCells(p, of: c)
                row.endRow()
                row.out.removeLast()  // the line feed
                row.out.withBytes { out.append($0) }
            }
        }
    }

    /// Appends person `p`'s cells to `out`.
    @inline(__always)
    func append(_ p: Int, to out: ByteBuffer) { slots.append(p, to: out) }

    /// Starts fetching person `p`'s cells: `soon`, those kept aside from
    /// its slot, which is read for where they are (fetched earlier by a call
    /// not `soon`).
    @inline(__always)
    func prefetch(_ p: Int, soon: Bool = false) { if soon { slots.prefetchAside(p) } else { slots.prefetch(p) } }
}

/// CSV for programs: one header row, plain digits, `yes`/`no`, RFC 4180 quoting.
///
/// A text value that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return is written with a leading `'`, so that a spreadsheet never runs it
/// as a formula.
enum CSVWriter {
    /// The room a table's buffer starts with, per row. The realistic
    /// book's ownership rows average 129 bytes (a table of 221.6 MB for
    /// 1,721,139 rows at N = 1): with room for 128 a row, nearly every
    /// class's buffer grew at its last rows, and was copied whole. The
    /// peak stayed the same (88.3 MB, the median of fifteen runs).
    static let bytesPerRow = 160

    static func header(_ columns: [Column]) -> String {
        columns.map { field($0.key) }.joined(separator: ",") + "\n"
    }

    static func body(_ section: Section) -> String { String(decoding: bytes(section), as: UTF8.self) }

    /// The section's rows, written straight into bytes.
    static func bytes(_ section: Section) -> [UInt8] {
        var body = Body(capacity: section.rows.count * bytesPerRow)
        for row in section.rows {
            for value in row { body.cell(value) }
            body.endRow()
        }
        return body.out.bytes
    }

    /// Rows of cells written as CSV bytes.
    struct Body: CellSink {
        let out: ByteBuffer
        /// Each person's three cells, written once for the whole book.
        let people: PersonCells?
        private let scratch = ByteBuffer(capacity: 32)
        private var started = false

        init(people: PersonCells? = nil, capacity: Int = 256) {
            self.people = people
            out = ByteBuffer(capacity: capacity)
        }

        private mutating func separate() {
            if started { out.append(0x2C) }
            started = true
        }

        mutating func cell(_ c: Cell) {
            separate()
            CSVWriter.append(c, to: out)
        }

        mutating func person(_ p: Int, of c: Case) {
            guard let people else { personCells(p, of: c); return }
            separate()
            people.append(p, to: out)
        }

        func upcoming(person p: Int, soon: Bool) {
            people?.prefetch(p, soon: soon)
        }

        mutating func percent(_ p: PercentOfClass) {
            separate()
            p.appendSixDecimals(to: out)
            out.append(0x2C)
            scratch.removeAll()
            p.appendText(to: scratch)
            scratch.withBytes { CSVWriter.appendText($0, to: out) }
        }

        mutating func endRow() {
            out.append(0x0A)
            started = false
        }
    }

    /// The ownership table's rows (`Reports.ownershipRows`) as CSV, each
    /// written straight from the row's figures rather than a cell at a time:
    /// the class's cell made once, the person's three taken from `people`,
    /// the counts and the percent in digits, the flags from constants.
    static func ownershipRows(_ c: Case, _ r: ClassOwnership, people: PersonCells) -> ByteBuffer {
        let out = ByteBuffer(capacity: r.rows.count * bytesPerRow)
        let lead = ByteBuffer(capacity: 32)
        append(.text(c.classes[r.classIndex].id), to: lead)
        lead.append(0x2C)
        let (five, ten, twenty) = (Threshold.fivePercent, Threshold.tenPercent, Threshold.twentyPercent)
        // ",yes" and ",no" as four bytes each, little-endian (the fourth of ",no" is written over).
        let yes: UInt32 = 0x7365_792C, no: UInt32 = 0x006F_6E2C
        let rows = r.rows
        for i in rows.indices {
            // Persons are far apart in a large book: their cells are fetched some rows ahead.
            if i + 16 < rows.count { people.prefetch(rows[i + 16].person) }
            if i + 8 < rows.count { people.prefetch(rows[i + 8].person, soon: true) }
            lead.withBytes { out.append($0) }
            people.append(rows[i].person, to: out)
            out.append(0x2C)
            if !rows[i].groups.isEmpty { appendGroups(rows[i].groups, of: c, to: out) }
            let counts = (rows[i].soleVotingPower.count, rows[i].sharedVotingPower.count,
                          rows[i].soleDispositivePower.count, rows[i].sharedDispositivePower.count,
                          rows[i].aggregate.count, rows[i].acquirableWithin60Days.count,
                          rows[i].excluded.count, rows[i].denominator.count)
            let pct = rows[i].percentOfClass, owned = rows[i].beneficialPercent
            // The thresholds count disclaimed shares (Rule 13d-4 exempts no one).
            let flags = (five.isCrossed(by: owned), ten.isCrossed(by: owned), twenty.isCrossed(by: owned))
            let sixteen = rows[i].tenPercentOwner, ownedShares = rows[i].beneficiallyOwned.count
            // The rest of the row in place: nine counts of at most 20
            // digits, the percents' three texts, four flags, with commas.
            var percentPast64Bits = false, ownedPast64Bits = false
            out.write(upTo: 9 * 21 + 3 * (1 + PercentOfClass.mostBytes) + 4 * 4 + 1) { row in
                func flag(_ b: Bool) { row.put(word: b ? yes : no, length: b ? 4 : 3) }
                func count(_ n: Int) {
                    row.put(0x2C)
                    if n < 0 { row.put(0x2D) }
                    row.putDigits(UInt64(n.magnitude))
                }
                count(counts.0); count(counts.1); count(counts.2); count(counts.3)
                count(counts.4); count(counts.5); count(counts.6); count(counts.7)
                row.put(0x2C)
                var kept = row.count
                guard let six = pct.putBoth(&row) else { row.rewind(to: kept); percentPast64Bits = true; return }
                let sixAt = kept
                flag(flags.0); flag(flags.1); flag(flags.2)
                count(ownedShares)
                row.put(0x2C)
                kept = row.count
                // Most rows disclaim nothing: the two percents are then one, written once.
                if owned == pct {
                    row.putAgain(from: sixAt, count: six)
                } else {
                    guard owned.putSixDecimals(&row) else { row.rewind(to: kept); ownedPast64Bits = true; return }
                }
                flag(sixteen)
                row.put(0x0A)
            }
            if percentPast64Bits {
                // By the general arithmetic, then the rest of the row.
                pct.appendSixDecimals(to: out)
                out.append(0x2C)
                pct.appendText(to: out)
                for b in [flags.0, flags.1, flags.2] { out.append(b ? ",yes" : ",no") }
                out.append(",\(ownedShares),")
            }
            if percentPast64Bits || ownedPast64Bits {
                owned.appendSixDecimals(to: out)
                out.append(sixteen ? ",yes" : ",no")
                out.append(0x0A)
            }
        }
        return out
    }

    /// The groups cell of a member's row: the groups' ids joined by `;`, as
    /// a text cell. A single group's id is written from its bytes, with no
    /// list or joined string made.
    private static func appendGroups(_ groups: [Int], of c: Case, to out: ByteBuffer) {
        guard groups.count == 1 else {
            append(.list(groups.map { c.persons[$0].id }), to: out)
            return
        }
        appendText(c.persons[groups[0]].id, to: out)
    }

    static func append(_ c: Cell, to out: ByteBuffer) {
        switch c {
        case .text(let s): appendText(s, to: out)
        case .count(let n): out.appendDigits(n)
        case .flag(let b): out.append(b ? "yes" : "no")
        case .decimal(let s): out.append(s)
        case .list(let items): if !items.isEmpty { appendText(items.joined(separator: ";"), to: out) }
        }
    }

    /// A text cell, with a leading `'` where a spreadsheet would read a formula.
    private static func appendText(_ s: String, to out: ByteBuffer) {
        var s = s
        s.withUTF8 { appendText(UnsafeRawBufferPointer($0), to: out) }
    }

    private static func appendText(_ bytes: UnsafeRawBufferPointer, to out: ByteBuffer) {
        CSVField.append(bytes, prefix: isFormulaLead(bytes.first) ? UInt8(ascii: "'") : nil, to: out)
    }

    /// The text as a cell shows it: with a leading `'` where a spreadsheet would read a formula.
    static func neutralized(_ s: String) -> String { isFormulaLead(s.utf8.first) ? "'" + s : s }

    private static func isFormulaLead(_ b: UInt8?) -> Bool {
        switch b {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            return true
        default:
            return false
        }
    }

    static func field(_ s: String) -> String { CSVField.encode(s) }
}

/// JSON for programs: an array with one object per section, its metadata
/// fields and its `rows`; share counts as integers, flags as booleans,
/// decimals as strings. Keys keep the order of the columns.
enum JSONWriter {
    /// One section's object, without the comma that separates it from the next.
    static func body(_ section: Section, columns: [Column]) -> String {
        var out = "  {\n"
        for (key, value) in section.metadata {
            out += "    \(string(key)): \(cell(value)),\n"
        }
        out += "    \"rows\": ["
        for (j, row) in section.rows.enumerated() {
            let fields = zip(columns, row).map { "\(string($0.key)): \(cell($1))" }
            out += (j == 0 ? "\n" : ",\n") + "      {" + fields.joined(separator: ", ") + "}"
        }
        out += section.rows.isEmpty ? "]\n" : "\n    ]\n"
        return out + "  }"
    }

    static func cell(_ c: Cell) -> String {
        switch c {
        case .text(let s), .decimal(let s): return string(s)
        case .count(let n): return String(n)
        case .flag(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map(string).joined(separator: ", ") + "]"
        }
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

/// Aligned text for a terminal, or a Markdown table.
enum TextTableWriter {
    static func body(_ section: Section, columns: [Column], markdown: Bool) -> String {
        var out = ""
        for line in section.heading { out += (markdown && line == section.heading.first ? "## " : "") + (markdown ? escape(line) : line) + "\n" }
        if !section.heading.isEmpty { out += "\n" }
        let shown = columns.indices.filter { columns[$0].forPeople }
        let titles = shown.map { columns[$0].title }
        let rows = section.rows.map { row in shown.map { text(row[$0]) } }
        let numeric = shown.map { c in
            section.rows.allSatisfy { row in
                switch row[c] { case .count, .decimal: return true; default: return false }
            }
        }
        if markdown {
            out += "| " + titles.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
            for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        } else {
            var widths = titles.map(\.count)
            for row in rows { for (c, v) in row.enumerated() { widths[c] = max(widths[c], v.count) } }
            func line(_ values: [String]) -> String {
                values.enumerated().map { c, v in
                    let pad = String(repeating: " ", count: widths[c] - v.count)
                    return numeric[c] ? pad + v : v + pad
                }.joined(separator: "  ").trimmingTrailingSpaces
            }
            out += line(titles) + "\n"
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in rows { out += line(row) + "\n" }
        }
        if !section.footer.isEmpty {
            out += "\n"
            for line in section.footer { out += line + "\n" }
        }
        return out
    }

    static func text(_ c: Cell) -> String {
        switch c {
        case .text(let s), .decimal(let s): return s.replacingOccurrences(of: "\n", with: " ")
        case .count(let n): return grouped(n)
        case .flag(let b): return b ? "yes" : ""
        case .list(let items): return items.joined(separator: ";")
        }
    }

    static func escape(_ s: String) -> String { Markup.inMarkdown(s) }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
