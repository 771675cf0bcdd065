// libFuzzer target: the CSV reader on any bytes.
import CSVReading

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parsed = CSVReader.parse(bytes, file: "f.csv")
    // The stream, reading ahead or not, hands out the precise reader's
    // records and lines, or fails where it fails.
    for ahead in [0, 3] {
        let s = CSVStream(bytes, file: "f.csv")
        s.lookahead = ahead
        var n = 0
        while s.next() {
            if case .success(let table) = parsed {
                precondition(n < table.recordCount && s.fieldCount == table.fieldCount(record: n), "record \(n) differs")
                for i in 0..<s.fieldCount { precondition(s.field(i) == table.field(record: n, index: i), "field differs") }
                precondition(s.recordLine == table.location(record: n).line, "line differs")
            }
            _ = s.withFields(ahead: ahead) { $0.count }
            n += 1
        }
        switch parsed {
        case .success(let table): precondition(n == table.recordCount && s.failure == nil, "records missing")
        case .failure(let d): precondition(s.failure?.description == d.description, "another failure")
        }
    }
    // The stream's own loop, refusing every third record (which is then
    // read as the current one), hands out the same records and lines.
    if case .success(let table) = parsed {
        let s = CSVStream(bytes, file: "f.csv")
        s.lookahead = 2
        var n = 0
        func check(_ count: Int, _ field: (Int) -> String) {
            precondition(n < table.recordCount && count == table.fieldCount(record: n), "record \(n) differs in the loop")
            for i in 0..<count { precondition(field(i) == table.field(record: n, index: i), "field differs in the loop") }
            precondition(s.recordLine == table.location(record: n).line, "line differs in the loop")
            n += 1
        }
        while s.forEachRecord({ f, _ in
            guard s.record % 3 != 2 else { return false }
            check(f.count) { String(decoding: f[$0], as: UTF8.self) }
            return true
        }) {
            check(s.fieldCount, s.field)
        }
        precondition(n == table.recordCount && s.failure == nil, "records missing in the loop")
    }
    switch parsed {
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
