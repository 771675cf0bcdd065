import CSVReading
import CapTableCore
import Foundation
import RawMemory

extension CaseReading {
    /// persons.csv: every person and group, each id once, in file order.
    mutating func readPersons(_ files: [String: CSVInput]) {
        let rows = open(files, "persons.csv")
        let expected = files["persons.csv"]?.lineCount() ?? 0
        if personIDs.count == 0 { personIDs = IDTable(capacity: expected) }
        personMarks.reserveCapacity(expected)
        result.persons.reserveCapacity(expected)
        let ahead = Ahead(rows, .id)
        rows.forEach(&self) { reading, row, next in
            ahead.prefetch(next, reading.personIDs)
            reading.readPerson(row)
        }
        rows.finish(&self)
    }

    /// One row: its id defined, with its person unless the row is rejected.
    mutating func readPerson(_ row: Row) {
        guard let (id, person) = personRow(row), let b = row.bytes(.id) else { return }
        CaseReading.withKey(b) { definePerson(person, id: id, key: $0, mark: row.mark(.id)) }
    }

    /// A row's id and person; the person nil when the row is rejected (its
    /// id still counts as defined), nothing when it has no id.
    mutating func personRow(_ row: Row) -> (String, Person?)? {
        let before = diagnostics.count
        // An id that may not be one still counts as defined (below): its row is the one error.
        let id = required(row, .id)
        if let id, let b = row.bytes(.id) { _ = allowed(row, .id, id, b, isID: true) }
        let name = text(row, .name, isID: false)
        let kind = required(row, .kind, WordsOf.personKind.read)
        let type = optional(row, .type) { b, column -> Result<UInt8, ValueError> in
            let code = b.count == 2 ? Person.code(b[0], b[1]) : .max
            return code != .max ? .success(code)
                : .failure(ValueError("type \"\(String(decoding: b, as: UTF8.self))\" is not a type of reporting person (\(Person.types.joined(separator: " ")))"))
        }
        let majority = flag(row, .majorityRule, default: false)
        let intent = flag(row, .controlIntent, default: false)
        let reporting = optional(row, .reporting, ValueParser.flag)
        let roles = list(row, .roles) { ValueParser.word($0, column: $1, ManagementRole.self) }
        let until = optional(row, .rolesUntil, ValueParser.date)
        let funds = list(row, .sourceOfFunds) { ValueParser.word($0, column: $1, SourceOfFunds.self).map(\.rawValue) }
        let code = optional(row, .citizenshipCode) { b, column -> Result<String, ValueError> in
            let text = String(decoding: b, as: UTF8.self)
            return EDGARCodes.isCode(text) ? .success(text)
                : .failure(ValueError("\(column) \"\(text)\" is not an EDGAR state or country code (for example DE, NY, X1, E9)"))
        }
        let filerType = optional(row, .filerType, WordsOf.filerType.read)
        guard let id else { return nil }
        // An id counts as defined even on a row rejected for another reason.
        guard let name, let kind, diagnostics.count == before else { return (id, nil) }
        // Its place, column 1 of its line, kept in the person; a line past 32 bits, aside.
        let line = Int32(exactly: row.line).map(Int.init)
        var person = Person(id: id, name: name, kind: kind, typeCode: type ?? Person.code(Person.defaultType(kind)),
                            majorityRule: majority, controlIntent: intent, line: line ?? 0)!
        if line == nil { person.location = row.location }
        // What only some persons have, kept aside only when given; a
        // citizenship first, in a box shared with the persons of the same.
        if let citizenship = row.value(.citizenship) {
            if let code {
                person.citizenship = citizenship
                person.citizenshipCode = code
            } else {
                person.setCitizenship(citizenship, code: EDGARCodes.code(for: citizenship), sharing: &asides)
            }
        } else if let code {
            person.citizenshipCode = code
        }
        if let reporting { person.reporting = reporting }
        if let filerType { person.filerType = filerType }
        if let address = row.value(.address) { person.address = address }
        if let roles, !roles.isEmpty { person.roles = roles }
        if let funds, !funds.isEmpty { person.sourceOfFunds = funds }
        if let until { person.rolesUntil = until }
        return (id, person)
    }

    /// Records a person's id, under its canonical bytes `key`, defined at
    /// `mark`; `person` is nil for a row rejected for another reason, whose
    /// id still counts as defined. A second definition is reported and kept out.
    mutating func definePerson(_ person: Person?, id: String, key: UnsafeBufferPointer<UInt8>, mark: Mark) {
        guard result.persons.count < Int(CaseReading.groupBit) else { preconditionFailure("more than 2^30 persons") }
        let value = person.map { Int32(truncatingIfNeeded: result.persons.count) | ($0.kind == .group ? CaseReading.groupBit : 0) }
            ?? Int32(truncatingIfNeeded: -1 - rejectedPersons.count)
        if let first = personIDs.insert(key, value: value) {
            let before = first >= 0 ? personMarks[Int(first & ~CaseReading.groupBit)] : rejectedPersons[Int(-1 - first)]
            report(mark.location, "person \"\(id)\" is defined twice: at \(before.location) and here")
            return
        }
        guard let person else { rejectedPersons.append(mark); return }
        personMarks.append(mark)
        result.persons.append(person)
    }
}

/// Codes of Schedule 13D's row 4, the source of funds.
enum SourceOfFunds: String, CaseIterable {
    case SC, BK, AF, WC, PF, OO
}
