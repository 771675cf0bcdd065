import Attribution
import CapTableCore

extension Reports {
    public static let obligationColumns = [
        Column("class", "Class", forPeople: false), Column("person", "Person"), Column("name", "Name"),
        Column("filer_type", "Filer"), Column("trigger_date", "Date"), Column("trigger", "Trigger"),
        Column("filing", "Filing"), Column("due", "Due"), Column("rule", "Rule"), Column("status", "Status"),
        Column("note", "Note"),
    ]

    /// One class's obligations triggered after `from` through `to`.
    public static func obligationsSection(_ c: Case, _ k: Int, from: CalendarDate, to: CalendarDate, status: CalendarDate,
                                          _ e: Obligations.Evaluation) -> Section {
        let classID = c.classes[k].id
        let rows: [[Cell]] = e.obligations.map { o in
            let p = c.persons[o.person]
            return [.text(classID), .text(p.id), .text(p.name), .text(o.filerType.rawValue), .text(o.triggerDate.description),
                    .text(o.trigger), .text(o.filing?.title ?? "none"), .text(o.due?.description ?? ""), .text(o.rule),
                    .text(o.status.rawValue), .text(o.note ?? "")]
        }
        var footer = ["Deadlines count the SEC's business days: weekdays other than federal holidays (5 U.S.C. 6103) and the closures of filing_closures.csv; a deadline on another day moves to the next business day (Rule 0-3(a)). Status as of \(status)."]
        if e.nonVoting { footer.insert("Class \(classID) is non-voting: it is no equity security of Regulation 13D-G (Rule 13d-1(i)), and nothing is due.", at: 0) }
        else if rows.isEmpty { footer.insert("No obligation was triggered from \(from) to \(to).", at: 0) }
        return Section(
            heading: ["\(c.classes[k].issuer): \(c.classes[k].title) (class \(classID))", "Filing obligations from \(from) to \(to)"],
            metadata: [("class", .text(classID)), ("from", .text(from.description)), ("to", .text(to.description)),
                       ("status_date", .text(status.description))],
            rows: rows, footer: footer)
    }
}
