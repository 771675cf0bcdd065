import CSVReading
import CapTableCore

extension CaseReading {
    /// groups.csv: the members of each group (Rule 13d-5(b)), each once.
    mutating func readGroups(_ files: [String: CSVInput]) {
        var seen: [UInt64: Mark] = [:]
        let rows = open(files, "groups.csv")
        rows.forEach(&self) { reading, row, _ in
            guard let groupID = row.bytes(.group) else {
                reading.report(row.location(.group), "group is required")
                _ = reading.person(row, .member)
                return
            }
            let group = reading.reference(row, .group, groupID, allowGroup: true)
            let member = reading.person(row, .member)
            guard let group, let member else { return }
            let id = String(decoding: groupID, as: UTF8.self)
            guard reading.result.persons[group].kind == .group else {
                reading.report(row.location(.group), "group \"\(id)\" is not of kind group in persons.csv")
                return
            }
            let pair = UInt64(group) << 32 | UInt64(member)
            if let first = seen[pair] {
                reading.report(row.location(.member), "\"\(reading.result.persons[member].id)\" is listed twice in group \"\(id)\": at \(first.location) and here")
                return
            }
            seen[pair] = row.mark(.member)
            reading.result.memberships.append(GroupMembership(group: group, member: member, location: row.location))
        }
        rows.finish(&self)
    }
}
