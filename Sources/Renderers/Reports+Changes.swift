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
                rows.append([.text("event"), .text(classID), .text(p.id), .text(p.name), .text(e.triggerDate.description),
                             .count(0), .text(""), .count(e.shares.count), .text(e.percent.text), .count(0), .decimal(""),
                             .text(e.trigger), .text(e.filing?.title ?? ""), .text(e.due?.description ?? ""),
                             .text(e.rule)])
            }
        }
        return Document(columns: changeColumns, sections: [Section(
            heading: ["\(c.classes[classIndex].issuer): \(c.classes[classIndex].title) (class \(classID))", "Changes from \(from) to \(to)"],
            metadata: [("class", .text(classID)), ("from", .text(from.description)), ("to", .text(to.description))],
            rows: rows)])
    }
}
