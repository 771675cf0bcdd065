import Attribution
import CapTableCore
import Testing

/// The obligations engine computes only the days a figure can change, passes
/// over those on which nothing can trigger, and dates a change between two
/// of them by bisection. On random cases (rights vesting, expiring, notes
/// accruing and paying in kind, control, groups, every filer type) it must
/// find exactly what a computation of every day finds.
@Suite struct ObligationDaysTests {
    @Test func changeDaysFindWhatEveryDayFinds() throws {
        let cases = max(20, propertyCases / 10)
        var compared = 0, found = 0
        for seed in 0..<UInt64(cases) {
            var g = CaseGenerator().make(seed: 9_000 + seed)
            var r = SeededRandom(seed: seed)
            // Every person a filer type drawn at random.
            let lines = g.files["persons.csv"]!.split(separator: "\n").map(String.init)
            g.files["persons.csv"] = ([lines[0] + ",filer_type"] + lines.dropFirst().map {
                $0 + "," + ($0.contains(",group,") ? "" : r.pick(["13d", "passive", "qii", "exempt"]))
            }).joined(separator: "\n") + "\n"
            let c = try load(g.files)
            let from = CalendarDate(year: 2025, month: 5, day: r.int(1...28))!, to = from.adding(days: r.int(60...150))
            for k in c.classes.indices {
                let fast = Obligations.evaluate(c, classIndex: k, from: from, to: to, statusDate: to)
                let slow = Obligations.evaluate(c, classIndex: k, from: from, to: to, statusDate: to, everyDay: true)
                func key(_ o: Obligation) -> String {
                    "\(c.persons[o.person].id) \(o.triggerDate) \(o.trigger) \(o.filing?.rawValue ?? "-") \(o.due?.description ?? "-")"
                }
                #expect(fast.obligations.map(key) == slow.obligations.map(key), "seed \(seed) class \(k)")
                #expect(fast.crossings.map(key) == slow.crossings.map(key), "seed \(seed) class \(k)")
                compared += 1
                found += slow.obligations.count + slow.crossings.count
            }
        }
        // The cases must call for something, or the comparison says nothing.
        #expect(found > cases)
        #expect(compared >= cases)
    }
}
