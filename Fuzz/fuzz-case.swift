// libFuzzer target: a whole case, loaded, computed and rendered.
// The input is split at byte 0x1E into the files of a case, in this order.
import Attribution
import CapTableCore
import InputFiles
import Renderers

let names = ["classes.csv", "persons.csv", "holdings.csv", "options.csv", "convertibles.csv",
             "relations.csv", "groups.csv", "holidays.csv"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0x1E, maxSplits: names.count - 1, omittingEmptySubsequences: false)
    var files: [String: [UInt8]] = [:]
    for (name, part) in zip(names, parts) { files[name] = Array(part) }
    for required in names.prefix(3) where files[required] == nil { files[required] = [] }
    guard case .success(let c) = CaseLoader.load(files: files) else { return 0 }
    for classIndex in c.classes.indices {
        let asOf = c.classes[classIndex].asOf
        guard c.limitProblems(classIndex: classIndex, asOf: asOf).isEmpty else { continue }
        let o = BeneficialOwnership.compute(c, classIndex: classIndex, asOf: asOf)
        for row in o.rows {
            // The four powers never exceed the aggregate, which is at least each pair's sum.
            precondition(row.soleVotingPower + row.sharedVotingPower <= row.aggregate)
            precondition(row.soleDispositivePower + row.sharedDispositivePower <= row.aggregate)
            precondition(row.acquirableWithin60Days <= row.aggregate)
            precondition(o.components(of: row, members: row.isGroup ? c.memberships.filter { $0.group == row.person }.map(\.member) : nil)
                .reduce(Shares.zero) { $0 + $1.shares } == row.aggregate, "breakdown does not add up")
        }
        let table = CapTable(case: c, classIndex: classIndex, asOf: asOf)
        precondition(table.fullyDiluted >= table.sharesOutstanding)
        _ = Reports.ownership(c, [o]).rendered(as: .json)
        _ = Reports.capTable(c, [table]).rendered(as: .csv)
        _ = Reports.item403(c, [o], format: .html)
        _ = CoverPages.text(c, o, schedule: .thirteenD)
        _ = CoverPages.xml(c, o, schedule: .thirteenG)
    }
    return 0
}
