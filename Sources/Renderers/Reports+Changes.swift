import Attribution
import CapTableCore

extension Reports {
    public static let changeColumns = [
        Column("record", "Record", forPeople: false), Column("class", "Class", forPeople: false), Column("person", "Person"),
        Column("name", "Name"), Column("date", "Date"), Column("from_aggregate", "From"), Column("from_percent", "From %"),
        Column("to_aggregate", "To"), Column("to_percent", "To %"), Column("change_shares", "Change"),
        Column("change_points", "Points"), Column("event", "Event"), Column("filing", "Filing"), Column("due", "Due"),
        Column("rule", "Rule", forPeople: false),
    ]

    /// Positions on both dates (`position` rows) and the events between them (`event` rows).
    public static func changes(_ c: Case, _ classIndex: Int, from: CalendarDate, to: CalendarDate, _ changes: [PositionChange]) -> Document {
        let classID = c.classes[classIndex].id
        var rows: [[Cell]] = []
        for change in changes {
            let p = c.persons[change.person]
            let before = change.before?.percentOfClass, after = change.after?.percentOfClass
            let shares = (change.after?.aggregate.count ?? 0) - (change.before?.aggregate.count ?? 0)
            let points = (after?.percent ?? .zero) - (before?.percent ?? .zero)
            rows.append([.text("position"), .text(classID), .text(p.id), .text(p.name), .text(""),
                         .count(change.before?.aggregate.count ?? 0), .text(before?.text ?? "0.0%"),
                         .count(change.after?.aggregate.count ?? 0), .text(after?.text ?? "0.0%"),
                         .count(shares), .decimal(points.decimalText(places: 6)), .text(""), .text(""), .text(""), .text("")])
            for e in change.events {
                let what: String
                switch e.kind {
                case .crossedAbove(let t): what = "now \(t)"
                case .crossedBelow(let t): what = "no longer \(t)"
                case .materialChange(let s): what = s > 0 ? "acquired \(grouped(s)) shares (1% or more of the class)" : "disposed of \(grouped(-s)) shares (1% or more of the class)"
                case .percentChange(let points): what = "changed by \(points.decimalText(places: 2)) percentage points"
                }
                rows.append([.text("event"), .text(classID), .text(p.id), .text(p.name), .text(e.date.description),
                             .count(0), .text(""), .count(e.aggregate.count), .text(e.percent.text), .count(0), .decimal(""),
                             .text(what), .text(e.filing ?? ""), .text(e.due?.description ?? ""), .text(e.rule ?? "")])
            }
        }
        return Document(columns: changeColumns, sections: [Section(
            heading: ["\(c.classes[classIndex].issuer): \(c.classes[classIndex].title) (class \(classID))", "Changes from \(from) to \(to)"],
            metadata: [("class", .text(classID)), ("from", .text(from.description)), ("to", .text(to.description))],
            rows: rows)])
    }
}
