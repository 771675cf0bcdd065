import CapTableCore

/// A person's or group's position on the two dates and the events between
/// them: each obligation of Regulation 13D-G and each line crossed.
public struct PositionChange: Sendable {
    public var person: Int
    public var before: OwnershipRow?
    public var after: OwnershipRow?
    public var events: [Obligation]
}

/// Positions on two dates, with the events between them from the
/// obligations engine (`Obligations`).
public enum Monitoring {
    public static func changes(_ c: Case, classIndex k: Int, from: CalendarDate, to: CalendarDate) -> [PositionChange] {
        let e = Obligations.evaluate(c, classIndex: k, from: from, to: to, statusDate: to)
        var events: [Int: [Obligation]] = [:]
        for o in (e.obligations + e.crossings).sorted(by: { $0.triggerDate < $1.triggerDate }) { events[o.person, default: []].append(o) }
        let persons = Set(e.first.rows.map(\.person)).union(e.last.rows.map(\.person))
        return c.persons.indices.filter { persons.contains($0) }.map { p in
            PositionChange(person: p, before: e.first.row(of: p), after: e.last.row(of: p), events: events[p] ?? [])
        }
    }
}
