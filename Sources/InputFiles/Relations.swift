import CSVReading
import CapTableCore
import RawMemory

extension CaseReading {
    /// relations.csv: who controls whom, with which powers; each pair once,
    /// nobody controlling itself, no cycle.
    mutating func readRelations(_ files: [String: CSVInput], lines: Int? = nil) {
        var pairs: [UInt64: Mark] = [:]
        let rows = open(files, "relations.csv")
        let expected = lines ?? files["relations.csv"]?.lineCount() ?? 0
        pairs.reserveCapacity(expected)
        result.relations.reserveCapacity(result.relations.count + expected)
        let ahead = Ahead(rows, .controller, .controlled)
        rows.forEach(&self) { reading, row, next in
            ahead.prefetch(next, reading.personIDs)
            let controller = reading.person(row, .controller)
            let controlled = reading.person(row, .controlled)
            let role = reading.required(row, .role, WordsOf.role.read)
            let voting = reading.power(row, .voting, default: .shared, allowNone: false)
            let dispositive = reading.power(row, .dispositive, default: .shared, allowNone: false)
            // A flag (yes: left out of rows 7 to 11), or the word for a disclaimer stated in words.
            let word = reading.optional(row, .disclaims) { b, column -> Result<(disclaims: Bool, statement: Bool), ValueError> in
                let text = String(decoding: b, as: UTF8.self)
                if text.lowercased() == ControlRelation.statementWord { return .success((false, true)) }
                return ValueParser.flag(b, column: column).map { ($0, false) }
                    .mapError { _ in ValueError("\(column) \"\(text)\" is not one of yes, no, \(ControlRelation.statementWord)") }
            }
            guard let controller, let controlled, let role, let voting, let dispositive,
                  !row.has(.disclaims) || word != nil else { return }
            if controller == controlled {
                reading.report(row.location(.controlled), "\"\(reading.result.persons[controller].id)\" cannot control itself")
                return
            }
            let pair = UInt64(controller) << 32 | UInt64(controlled)
            if let first = pairs[pair] {
                let persons = reading.result.persons
                reading.report(row.location(.controlled), "the control of \"\(persons[controlled].id)\" by \"\(persons[controller].id)\" is given twice: at \(first.location) and here")
                return
            }
            pairs[pair] = row.mark(.controlled)
            reading.result.relations.append(ControlRelation(controller: controller, controlled: controlled, role: role,
                                                            voting: voting, dispositive: dispositive,
                                                            disclaims: word?.disclaims ?? false, note: row.value(.note),
                                                            location: row.location, statesDisclaimer: word?.statement ?? false))
        }
        rows.finish(&self)
        reportCycles()
    }

    /// A cycle of control is an error naming every person on it, at the row
    /// that closes it (the last of its rows in the file).
    mutating func reportCycles() {
        let n = result.persons.count
        let relations = result.relations
        // Relation indices by controller and by the person controlled, each in file order.
        let outgoing = grouped(count: relations.count, keys: n) { relations[$0].controller }
        let incoming = grouped(count: relations.count, keys: n) { relations[$0].controlled }
        func out(_ p: Int) -> LazyMapSequence<ArraySlice<Int32>, Int> {
            outgoing.items[outgoing.start[p]..<outgoing.start[p + 1]].lazy.map(Int.init)
        }
        func into(_ p: Int) -> LazyMapSequence<ArraySlice<Int32>, Int> {
            incoming.items[incoming.start[p]..<incoming.start[p + 1]].lazy.map(Int.init)
        }
        // Strip persons that cannot be on a cycle: no controller left, or control nobody left.
        var alive = [Bool](repeating: true, count: n)
        var inDegree = (0..<n).map { Int32(incoming.start[$0 + 1] - incoming.start[$0]) }
        var outDegree = (0..<n).map { Int32(outgoing.start[$0 + 1] - outgoing.start[$0]) }
        var queue: [Int32] = []
        // A person stripped is counted off its neighbours; one left with no
        // controller, or controlling nobody, is stripped in turn.
        func strip(_ p: Int) {
            for e in out(p) {
                let q = relations[e].controlled
                inDegree[q] -= 1
                if alive[q] && inDegree[q] == 0 { queue.append(Int32(q)) }
            }
            for e in into(p) {
                let q = relations[e].controller
                outDegree[q] -= 1
                if alive[q] && outDegree[q] == 0 { queue.append(Int32(q)) }
            }
        }
        // Those stripped at once are marked first and never queued: most persons of a book have no relation.
        for p in 0..<n where inDegree[p] == 0 || outDegree[p] == 0 { alive[p] = false }
        for p in 0..<n where !alive[p] { strip(p) }
        while let next = queue.popLast() {
            let p = Int(next)
            guard alive[p] else { continue }
            alive[p] = false
            strip(p)
        }
        var visited = [Bool](repeating: false, count: n)
        for start in 0..<n where alive[start] && !visited[start] {
            var path: [Int] = []          // relation indices
            var position: [Int: Int] = [:] // person → index in the walk
            var p = start
            while !visited[p] {
                visited[p] = true
                position[p] = path.count
                let e = out(p).first { alive[relations[$0].controlled] }!
                path.append(e)
                p = result.relations[e].controlled
            }
            guard let begin = position[p] else { continue }  // ran into an earlier walk
            let cycle = Array(path[begin...])
            let names = cycle.map { result.persons[result.relations[$0].controller].id } + [result.persons[p].id]
            let closing = cycle.map { result.relations[$0].location }.max()!
            report(closing, "control cycle: \(names.map { "\"\($0)\"" }.joined(separator: " controls "))")
        }
    }
}
