// libFuzzer target: the CSV reader on any bytes.
import CSVReading

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch CSVReader.parse(bytes, file: "f.csv") {
    case .success(let table):
        var previous = SourceLocation(file: "f.csv", line: 0, column: 0)
        for r in 0..<table.recordCount {
            for i in 0..<table.fieldCount(record: r) {
                let at = table.location(record: r, index: i)
                // Fields come in order, at real places.
                precondition(at.line >= 1 && at.column >= 1 && previous < at, "location out of order: \(previous) then \(at)")
                previous = at
                _ = table.field(record: r, index: i)
            }
        }
    case .failure(let d):
        precondition(d.location.line >= 1 && d.location.column >= 1)
    }
    return 0
}
