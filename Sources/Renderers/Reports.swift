import Attribution
import CapTableCore
import CSVReading
import RawMemory

/// The documents the commands print.
public enum Reports {
    /// The heading of a class's section for people.
    static func heading(_ c: Case, _ classIndex: Int, asOf: CalendarDate, outstanding: Shares) -> [String] {
        let sc = c.classes[classIndex]
        return ["\(sc.issuer): \(sc.title) (class \(sc.id)\(sc.cusip.map { ", CUSIP \($0)" } ?? ""))",
                "As of \(asOf); \(grouped(outstanding.count)) shares outstanding"]
    }

    // MARK: ownership

    public static let ownershipColumns = [
        Column("class", "Class", forPeople: false), Column("person", "Person"), Column("name", "Name"),
        Column("type", "Type", forPeople: false), Column("group", "Group"),
        Column("sole_voting", "Sole vote"), Column("shared_voting", "Shared vote"),
        Column("sole_dispositive", "Sole disp."), Column("shared_dispositive", "Shared disp."),
        Column("aggregate", "Aggregate"), Column("acquirable", "Acquirable"), Column("excluded", "Excluded"),
        Column("denominator", "Denominator"), Column("percent", "Percent (6 decimals)", forPeople: false),
        Column("percent_text", "Percent"),
        Column("over_5", ">5%"), Column("over_10", ">10%"), Column("at_20", ">=20%"),
        Column("beneficially_owned", "Beneficially owned"), Column("beneficial_percent", "Beneficial %"),
        Column("ten_percent_owner", "Sec. 16 10% owner"),
    ]

    /// The beneficial-ownership table of OUTPUTS.md, one section per class.
    public static func ownership(_ c: Case, _ results: [ClassOwnership]) -> Document {
        Document(columns: ownershipColumns, sections: results.map { ownershipSection(c, $0) })
    }

    /// One class's section of the ownership table.
    public static func ownershipSection(_ c: Case, _ r: ClassOwnership) -> Section {
        var rows = CellRows()
        ownershipRows(c, r, into: &rows)
        return Section(
            heading: heading(c, r.classIndex, asOf: r.asOf, outstanding: r.sharesOutstanding),
            metadata: [("class", .text(c.classes[r.classIndex].id)), ("as_of", .text(r.asOf.description)),
                       ("outstanding", .count(r.sharesOutstanding.count))],
            rows: rows.rows,
            footer: ["Denominator: shares outstanding plus the person's own shares acquirable within 60 days (Rule 13d-3(d)(1)(i))."])
    }

    /// The section's CSV rows, written as they are made: the bytes of
    /// `ownershipSection` rendered as CSV, without holding its cells.
    /// With `people`, each row is written straight from its figures.
    public static func ownershipCSV(_ c: Case, _ r: ClassOwnership, people: PersonCells? = nil) -> [UInt8] {
        if let people { return CSVWriter.ownershipRows(c, r, people: people).bytes }
        var body = CSVWriter.Body(people: people, capacity: r.rows.count * CSVWriter.bytesPerRow)
        ownershipRows(c, r, into: &body)
        return body.out.bytes
    }

    /// `ownershipCSV` with `people`, in the buffer it was written to: a
    /// class's table handed on without a copy.
    public static func ownershipCSVBuffer(_ c: Case, _ r: ClassOwnership, people: PersonCells) -> ByteBuffer {
        CSVWriter.ownershipRows(c, r, people: people)
    }

    static func ownershipRows(_ c: Case, _ r: ClassOwnership, into sink: inout some CellSink) {
        let classID = c.classes[r.classIndex].id
        let rows = r.rows
        // Out of the loop: a static is checked for its first use on every access.
        let (five, ten, twenty) = (Threshold.fivePercent, Threshold.tenPercent, Threshold.twentyPercent)
        // Each field read in place: a row is not copied, with its lists.
        for i in rows.indices {
            // Persons are far apart in a large book: their cells are asked
            // for ahead, so that the fetches overlap.
            if i + 16 < rows.count { sink.upcoming(person: rows[i + 16].person, soon: false) }
            if i + 8 < rows.count { sink.upcoming(person: rows[i + 8].person, soon: true) }
            let pct = rows[i].percentOfClass, owned = rows[i].beneficialPercent
            sink.cell(.text(classID))
            sink.person(rows[i].person, of: c)
            sink.cell(.list(rows[i].groups.isEmpty ? [] : rows[i].groups.map { c.persons[$0].id }))
            sink.cell(.count(rows[i].soleVotingPower.count))
            sink.cell(.count(rows[i].sharedVotingPower.count))
            sink.cell(.count(rows[i].soleDispositivePower.count))
            sink.cell(.count(rows[i].sharedDispositivePower.count))
            sink.cell(.count(rows[i].aggregate.count))
            sink.cell(.count(rows[i].acquirableWithin60Days.count))
            sink.cell(.count(rows[i].excluded.count))
            sink.cell(.count(rows[i].denominator.count))
            sink.percent(pct)
            // The thresholds count disclaimed shares (Rule 13d-4 exempts no one).
            sink.cell(.flag(five.isCrossed(by: owned)))
            sink.cell(.flag(ten.isCrossed(by: owned)))
            sink.cell(.flag(twenty.isCrossed(by: owned)))
            sink.cell(.count(rows[i].beneficiallyOwned.count))
            sink.cell(.decimal(owned.sixDecimals))
            sink.cell(.flag(rows[i].tenPercentOwner))
            sink.endRow()
        }
    }

    // MARK: cap-table

    public static let capTableColumns = [
        Column("class", "Class", forPeople: false), Column("line", "Line", forPeople: false),
        Column("holder", "Holder"), Column("name", "Name"),
        Column("shares", "Shares"), Column("options", "Options"), Column("warrants", "Warrants"),
        Column("rsus", "RSUs"), Column("rights", "Rights"), Column("as_converted", "As converted"),
        Column("fully_diluted", "Fully diluted"), Column("percent_outstanding", "% outstanding"),
        Column("percent_fully_diluted", "% fully diluted"),
    ]

    /// The cap table, one section per class, with its fully diluted basis.
    public static func capTable(_ c: Case, _ tables: [CapTable]) -> Document {
        Document(columns: capTableColumns, sections: tables.map { capTableSection(c, $0) })
    }

    /// One class's section of the cap table.
    public static func capTableSection(_ c: Case, _ t: CapTable) -> Section {
        let classID = c.classes[t.classIndex].id
        func percent(_ part: Shares, of whole: Shares) -> Cell {
            .decimal(PercentOfClass(shares: part, denominator: whole).sixDecimals)
        }
        func row(_ kind: String, _ holder: String, _ name: String, _ l: CapTable.Line, fullyDiluted: Shares? = nil) -> [Cell] {
            let fd = fullyDiluted ?? l.fullyDiluted
            return [.text(classID), .text(kind), .text(holder), .text(name), .count(l.shares.count),
                    .count(l.options.count), .count(l.warrants.count), .count(l.rsus.count), .count(l.rights.count),
                    .count(l.asConverted.count), .count(fd.count),
                    percent(l.shares, of: t.sharesOutstanding), percent(fd, of: t.fullyDiluted)]
        }
        var rows = t.holders.map { l in row("holder", c.persons[l.holder!].id, c.persons[l.holder!].name, l) }
        if t.unlistedShares.count > 0 {
            rows.append(row("unlisted", "", "Other holders (not itemized)", CapTable.Line(holder: nil, shares: t.unlistedShares)))
        }
        if t.unnamedRights.fullyDiluted.count > 0 {
            rows.append(row("unnamed", "", "Rights of holders not named", t.unnamedRights))
        }
        if t.reserved.count > 0 {
            rows.append(row("reserved", "", "Reserved for future grants", CapTable.Line(holder: nil), fullyDiluted: t.reserved))
        }
        var total = t.totals
        total.shares = t.sharesOutstanding
        rows.append(row("total", "", "Total", total, fullyDiluted: t.fullyDiluted))
        return Section(
            heading: heading(c, t.classIndex, asOf: t.asOf, outstanding: t.sharesOutstanding)
                + ["Fully diluted: \(grouped(t.fullyDiluted.count)) shares"],
            metadata: [("class", .text(classID)), ("as_of", .text(t.asOf.description)),
                       ("outstanding", .count(t.sharesOutstanding.count)),
                       ("fully_diluted", .count(t.fullyDiluted.count)), ("basis", .text(CapTable.basis))],
            rows: rows,
            footer: ["Basis: \(CapTable.basis)."])
    }

    // MARK: check

    public static let checkColumns = [
        Column("class", "Class", forPeople: false), Column("person", "Person"), Column("name", "Name"),
        Column("threshold", "Threshold"), Column("status", "Status"), Column("aggregate", "Aggregate"),
        Column("denominator", "Denominator"), Column("percent", "Percent (6 decimals)", forPeople: false),
        Column("percent_text", "Percent"),
    ]

    /// Every person and group over a threshold: one row per line crossed; with
    /// `warnWithin` (percent points), also those that far or less below a line.
    public static func check(_ c: Case, _ results: [ClassOwnership], thresholds: [Threshold], warnWithin: Fraction? = nil) -> Document {
        Document(columns: checkColumns, sections: results.map { checkSection(c, $0, thresholds: thresholds, warnWithin: warnWithin) })
    }

    /// One class's section of the check: its rows over (or near) a line.
    public static func checkSection(_ c: Case, _ r: ClassOwnership, thresholds: [Threshold], warnWithin: Fraction? = nil) -> Section {
        let classID = c.classes[r.classIndex].id
        var rows: [[Cell]] = []
        // Most rows are under every line: one test passes them over.
        let lowest = Threshold.lowest(thresholds, warnWithin: warnWithin)
        for i in r.rows.indices {
            // Each field read in place: a row is not copied, with its lists.
            // Disclaimed shares count for every line (Rule 13d-4 is no exemption).
            let pct = r.rows[i].beneficialPercent
            if let lowest, pct.compared(to: lowest) < 0 { continue }
            let row = r.rows[i]
            for t in thresholds {
                let status: String
                if t.isCrossed(by: pct) {
                    status = "over"
                } else if let band = warnWithin, pct.percent >= t.percent.value - band {
                    status = "within \(Threshold.trimmed(band.decimalText(places: 6))) points"
                } else {
                    continue
                }
                rows.append([.text(classID), .text(c.persons[row.person].id), .text(c.persons[row.person].name),
                             .text(t.description), .text(status), .count(row.beneficiallyOwned.count),
                             .count(pct.denominator.count),
                             .decimal(pct.sixDecimals), .text(pct.text)])
            }
        }
        return Section(
            heading: heading(c, r.classIndex, asOf: r.asOf, outstanding: r.sharesOutstanding),
            metadata: [("class", .text(classID)), ("as_of", .text(r.asOf.description)),
                       ("outstanding", .count(r.sharesOutstanding.count)),
                       ("thresholds", .list(thresholds.map(\.description)))],
            rows: rows,
            footer: rows.isEmpty ? ["Nobody is over \(thresholds.map(\.description).joined(separator: ", "))."] : [])
    }
}
