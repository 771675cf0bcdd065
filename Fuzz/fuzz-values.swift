// libFuzzer target: every value parser; the first byte chooses which.
import CapTableCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    switch data[0] % 7 {
    case 0:
        if case .success(let n) = ValueParser.wholeNumber(text, column: "c") {
            precondition(n >= 0 && n <= ValueParser.maximumWholeNumber)
        }
    case 1:
        if case .success(let m) = ValueParser.money(text, column: "c") { precondition(m.cents >= 0) }
    case 2:
        if case .success(let p) = ValueParser.price(text, column: "c") { precondition(p.dollars >= .zero) }
    case 3:
        if case .success(let p) = ValueParser.percent(text, column: "c") {
            precondition(p.value >= .zero && p.value <= Fraction(100))
        }
    case 4:
        if case .success(let d) = ValueParser.date(text, column: "c") {
            // A parsed date prints back as the text it came from.
            precondition(d.description == text, "\(d) from \(text)")
        }
    case 5:
        _ = ValueParser.flag(text, column: "c")
    default:
        _ = ValueParser.ratio(text, column: "c")
    }
    return 0
}
