import RawMemory
import Foundation

/// The strict parsers of INPUTS.md, one per kind of value.
///
/// Each takes a value already trimmed of surrounding blanks and the column's
/// name, and returns the value or a message that quotes what it found and
/// says what was expected. Nothing is read leniently: `1,000` is a thousand
/// or an error, never 1.
public enum ValueParser {
    /// A field's bytes, trimmed: what every parser reads. The `String`
    /// forms of the parsers read a text's UTF-8 through the same functions.
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The largest share count or dollar amount accepted.
    public static let maximumWholeNumber = 1_000_000_000_000_000

    /// The text of a field's bytes, for a message.
    static func text(_ b: Bytes) -> String { String(decoding: b, as: UTF8.self) }

    /// Digits, optionally grouped by thousands with commas (`20,762,457`).
    public static func wholeNumber(_ b: Bytes, column: String) -> Result<Int, ValueError> {
        guard let value = digitsWithSeparators(bytes: b) else {
            let hint = b.first == UInt8(ascii: "-") ? " (share counts are never negative)" : ""
            return .failure(ValueError("\(column) \"\(text(b))\" is not a whole number\(hint)"))
        }
        guard value <= maximumWholeNumber else {
            return .failure(ValueError("\(column) \"\(text(b))\" is above the limit of 10^15"))
        }
        return .success(value)
    }

    public static func shares(_ b: Bytes, column: String) -> Result<Shares, ValueError> {
        wholeNumber(b, column: column).map(Shares.init)
    }

    /// `$19,047,600`, `176800.00`: whole dollars with up to two decimals.
    public static func money(_ b: Bytes, column: String) -> Result<Money, ValueError> {
        var body = b[...]
        if body.first == UInt8(ascii: "$") { body = body.dropFirst() }
        let point = body.firstIndex(of: UInt8(ascii: ".")) ?? body.endIndex
        guard let dollars = digitsWithSeparators(bytes: body[..<point]) else {
            return .failure(ValueError("\(column) \"\(text(b))\" is not an amount of money (for example 176800.00 or $19,047,600)"))
        }
        guard dollars <= maximumWholeNumber else {
            return .failure(ValueError("\(column) \"\(text(b))\" is above the limit of $10^15"))
        }
        var cents = 0
        if point < body.endIndex {
            let decimals = body[(point + 1)...]
            guard (1...2).contains(decimals.count), let n = digits(decimals) else {
                return .failure(ValueError("\(column) \"\(text(b))\" is not an amount of money (at most two decimals, the cents)"))
            }
            cents = n * (decimals.count == 1 ? 10 : 1)
        }
        return .success(Money(cents: Int128(dollars) * 100 + Int128(cents)))
    }

    /// `1.3125`, `1 5/16`, `5/16`, `$2`: a decimal with up to six decimals, or a
    /// whole number and a fraction as old filings print prices.
    public static func price(_ b: Bytes, column: String) -> Result<Price, ValueError> {
        var body = b[...]
        if body.first == UInt8(ascii: "$") { body = body.dropFirst() }
        guard let value = fractionOrDecimal(body, decimals: 6) else {
            return .failure(ValueError("\(column) \"\(text(b))\" is not a price (for example 1.3125 or 1 5/16)"))
        }
        return .success(Price(dollars: value))
    }

    /// `9.99` or `9.99%`, from 0 to 100.
    public static func percent(_ b: Bytes, column: String) -> Result<Percent, ValueError> {
        var body = b[...]
        if body.last == UInt8(ascii: "%") { body = body.dropLast() }
        guard let value = decimal(body, decimals: 6) else {
            return .failure(ValueError("\(column) \"\(text(b))\" is not a percentage (for example 9.99 or 9.99%)"))
        }
        guard value <= Fraction(100) else {
            return .failure(ValueError("\(column) \"\(text(b))\" is more than 100%"))
        }
        return .success(Percent(value))
    }

    /// A non-negative decimal with up to `decimals` places, as for a conversion ratio.
    public static func ratio(_ b: Bytes, column: String) -> Result<Fraction, ValueError> {
        guard let value = fractionOrDecimal(b[...], decimals: 6) else {
            return .failure(ValueError("\(column) \"\(text(b))\" is not a number (for example 1.5)"))
        }
        return .success(value)
    }

    /// ISO 8601 `YYYY-MM-DD`, a day that exists.
    public static func date(_ b: Bytes, column: String) -> Result<CalendarDate, ValueError> {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D, let y = digits(b[0..<4]), let m = digits(b[5..<7]),
              let d = digits(b[8..<10]) else {
            return .failure(ValueError("\(column) \"\(text(b))\" is not a date in the form YYYY-MM-DD"))
        }
        guard y >= 1, let date = CalendarDate(year: y, month: m, day: d) else {
            return .failure(ValueError("\(column) \"\(text(b))\" is not a day of the calendar"))
        }
        return .success(date)
    }

    /// The words of a flag, in lower case (any case is read).
    package static let flagWords: [(word: String, value: Bool)] = [("yes", true), ("true", true), ("y", true), ("no", false), ("false", false), ("n", false)]
    /// The words of `anti_dilution`.
    package static let antiDilutionWords: [(word: String, value: Bool)] = [("none", false), ("weighted_average", true)]

    static let flags = Words(flagWords.map { ($0.word, $0.value) })

    /// `yes`/`no`, `true`/`false`, `y`/`n`, in any case.
    public static func flag(_ b: Bytes, column: String) -> Result<Bool, ValueError> {
        // In ASCII's cases: no other letter is one of these words in lower case.
        guard let hit = flags.value(lowercasing: b) else {
            return .failure(ValueError("\(column) \"\(text(b))\" is not yes or no"))
        }
        return .success(hit)
    }

    /// One of an enumeration's words, its raw values (case-sensitive).
    public static func word<T: CaseIterable & RawRepresentable & Sendable>(_ b: Bytes, column: String, _ type: T.Type) -> Result<T, ValueError>
        where T.RawValue == String {
        Words(type).read(b, column: column)
    }

    // MARK: - The same parsers, for a text

    public static func wholeNumber(_ text: String, column: String) -> Result<Int, ValueError> { reading(text) { wholeNumber($0, column: column) } }
    public static func shares(_ text: String, column: String) -> Result<Shares, ValueError> { reading(text) { shares($0, column: column) } }
    public static func money(_ text: String, column: String) -> Result<Money, ValueError> { reading(text) { money($0, column: column) } }
    public static func price(_ text: String, column: String) -> Result<Price, ValueError> { reading(text) { price($0, column: column) } }
    public static func percent(_ text: String, column: String) -> Result<Percent, ValueError> { reading(text) { percent($0, column: column) } }
    public static func ratio(_ text: String, column: String) -> Result<Fraction, ValueError> { reading(text) { ratio($0, column: column) } }
    public static func date(_ text: String, column: String) -> Result<CalendarDate, ValueError> { reading(text) { date($0, column: column) } }
    public static func flag(_ text: String, column: String) -> Result<Bool, ValueError> { reading(text) { flag($0, column: column) } }

    public static func word<T: CaseIterable & RawRepresentable & Sendable>(_ text: String, column: String, _ type: T.Type) -> Result<T, ValueError>
        where T.RawValue == String {
        reading(text) { word($0, column: column, type) }
    }

    static func reading<T>(_ text: String, _ parse: (Bytes) -> T) -> T {
        var text = text
        return text.withUTF8(parse)
    }

    /// One of a fixed set of words (case-sensitive, as written in INPUTS.md).
    public static func choice<T>(_ text: String, column: String, _ options: KeyValuePairs<String, T>) -> Result<T, ValueError> {
        choice(text, column: column, options.map { ($0.key, $0.value) })
    }

    static func choice<T>(_ text: String, column: String, _ options: [(key: String, value: T)]) -> Result<T, ValueError> {
        if let hit = options.first(where: { $0.key == text }) { return .success(hit.value) }
        let words = options.map(\.key)
        var message = "\(column) \"\(text)\" is not one of \(words.joined(separator: ", "))"
        if let near = Suggestion.nearest(to: text, in: words) { message += "; did you mean \"\(near)\"?" }
        return .failure(ValueError(message))
    }

    /// A list separated by `;` (or `,`), each item parsed by `item`.
    public static func list<T>(_ text: String, column: String, _ item: (String) -> Result<T, ValueError>) -> Result<[T], ValueError> {
        var items: [T] = []
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "," }) {
            let word = part.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty else { continue }
            switch item(word) {
            case .success(let v): items.append(v)
            case .failure(let e): return .failure(e)
            }
        }
        return .success(items)
    }

    // MARK: - Pieces

    /// Digits only, at most 18 of them: the value; nil for anything else.
    static func digits(_ b: Slice<Bytes>) -> Int? {
        guard (1...18).contains(b.count) else { return nil }
        var n = 0
        for c in b {
            guard c &- 0x30 < 10 else { return nil }
            n = n * 10 + Int(c &- 0x30)
        }
        return n
    }

    /// Digits, plain or in groups of three after one to three (`1,234,567`):
    /// the value, `Int.max` past sixteen digits, nil for anything else.
    /// The one statement of the rule, for text and for a field's bytes.
    static func digitsWithSeparators<C: Collection<UInt8>>(bytes: C) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var n = 0, digits = 0, group = 0, groups = 0, first = 0
        for c in bytes {
            if c == 0x2C {
                // A separator ends a group: the first of one to three digits, each after of three.
                guard groups == 0 ? (1...3).contains(group) : group == 3 else { return nil }
                if groups == 0 { first = group }
                groups += 1
                group = 0
                continue
            }
            guard c &- 0x30 < 10 else { return nil }
            digits += 1
            group += 1
            if digits <= 16 { n = n * 10 + Int(c &- 0x30) }
        }
        guard groups == 0 || group == 3, first >= 0 else { return nil }
        return digits > 16 ? Int.max : n
    }

    /// Digits (with thousands separators), then a point and one to
    /// `decimals` digits or nothing.
    static func decimal(_ s: Slice<Bytes>, decimals: Int) -> Fraction? {
        if let value = plainDecimal(s, decimals: decimals) { return value }
        let point = s.firstIndex(of: UInt8(ascii: ".")) ?? s.endIndex
        guard let whole = digitsWithSeparators(bytes: s[..<point]), whole <= maximumWholeNumber else { return nil }
        guard point < s.endIndex else { return Fraction(Int128(whole)) }
        let frac = s[(point + 1)...]
        guard (1...decimals).contains(frac.count), let part = digits(frac) else { return nil }
        var scale: Int128 = 1
        for _ in 0..<frac.count { scale *= 10 }
        return Fraction(Int128(whole) * scale + Int128(part), scale)
    }

    /// Digits, a point and up to `decimals` digits, read byte by byte: the
    /// common case. Nil for anything else, which `decimal` then reads.
    static func plainDecimal(_ u: some Collection<UInt8>, decimals: Int) -> Fraction? {
        var whole = 0, wholeDigits = 0, part = 0, partDigits = 0, point = false
        for c in u {
            if c == 0x2E, !point { point = true; continue }
            guard c &- 0x30 < 10 else { return nil }
            if point { part = part &* 10 &+ Int(c &- 0x30); partDigits += 1 }
            else { whole = whole &* 10 &+ Int(c &- 0x30); wholeDigits += 1 }
        }
        guard (1...15).contains(wholeDigits), partDigits <= decimals, point == (partDigits > 0) else { return nil }
        var scale = 1
        for _ in 0..<partDigits { scale *= 10 }
        return Fraction(Int128(whole) * Int128(scale) + Int128(part), Int128(scale))
    }

    /// A decimal, a fraction (`5/16`), or a whole number and a fraction less than one (`1 5/16`).
    static func fractionOrDecimal(_ s: Slice<Bytes>, decimals: Int) -> Fraction? {
        if let value = plainDecimal(s, decimals: decimals) { return value }
        let words = s.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        func simpleFraction(_ w: Slice<Bytes>) -> Fraction? {
            let nd = w.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            guard nd.count == 2, (1...6).contains(nd[0].count), (1...6).contains(nd[1].count),
                  let n = digits(nd[0]), let d = digits(nd[1]), d != 0 else { return nil }
            return Fraction(Int128(n), Int128(d))
        }
        switch words.count {
        case 1:
            return words[0].contains(UInt8(ascii: "/")) ? simpleFraction(words[0]) : decimal(words[0], decimals: decimals)
        case 2:
            guard let whole = digitsWithSeparators(bytes: words[0]), whole <= maximumWholeNumber,
                  let part = simpleFraction(words[1]), part < Fraction.one else { return nil }
            return Fraction(Int128(whole)) + part
        default:
            return nil
        }
    }
}

/// A fixed list of words and their values (an enum's raw values, a flag's
/// spellings), compared as bytes: made once from the list, for the columns
/// read on every row, never a second list.
public struct Words<T: Sendable>: Sendable {
    private let entries: [(bytes: [UInt8], value: T)]
    private let pairs: [(key: String, value: T)]

    public init(_ pairs: [(key: String, value: T)]) {
        self.pairs = pairs
        entries = pairs.map { (Array($0.key.utf8), $0.value) }
    }

    public init(_: T.Type) where T: CaseIterable & RawRepresentable, T.RawValue == String {
        self.init(T.allCases.map { ($0.rawValue, $0) })
    }

    /// The value of the word the bytes spell exactly.
    @inline(__always)
    public func value(_ b: ValueParser.Bytes) -> T? {
        for e in entries where e.bytes.count == b.count {
            if e.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, b.baseAddress!, b.count) }) == 0 { return e.value }
        }
        return nil
    }

    /// The value of the word the bytes spell in any ASCII case (the words are in lower case).
    public func value(lowercasing b: ValueParser.Bytes) -> T? {
        for e in entries where e.bytes.count == b.count && zip(e.bytes, b).allSatisfy({ $0 == $1 | 0x20 }) { return e.value }
        return nil
    }

    /// The value, or a message that lists the words and suggests the nearest.
    @inline(__always)
    public func read(_ b: ValueParser.Bytes, column: String) -> Result<T, ValueError> {
        if let v = value(b) { return .success(v) }
        return ValueParser.choice(ValueParser.text(b), column: column, pairs)
    }
}

/// Why a value was rejected, in words a user can act on.
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Finds the known word nearest to a misspelt one.
/// What an id or a name may not hold, whichever reading reads it: the C0
/// control characters but tab, DEL, the C1 controls, and the Unicode
/// noncharacters (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF of every plane).
/// Such text could rewrite a terminal (ESC), make an XML file or a workbook
/// unreadable (U+FFFF) or cut a name short (NUL). An id may not hold `;`,
/// the separator of the list columns, either.
extension ValueParser {
    /// Whether every byte is ASCII, eight at a time: such bytes are their
    /// own canonical (NFC) form.
    public static func isASCII(_ b: Bytes) -> Bool {
        let raw = UnsafeRawBufferPointer(b)
        var i = 0
        while i + 8 <= raw.count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < raw.count {
            if b[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}

public enum TextRule {
    /// The first forbidden scalar of UTF-8 `bytes`, with its index among the
    /// scalars; nil when there is none.
    public static func forbidden<C: Collection<UInt8>>(in bytes: C) -> (index: Int, scalar: UInt32)? {
        // Printable ASCII alone, as most text is, holds none: told eight bytes at a time.
        if bytes.withContiguousStorageIfAvailable(isPrintableASCII) == true { return nil }
        var i = bytes.startIndex, n = 0
        while i != bytes.endIndex {
            let b = bytes[i]
            var scalar = UInt32(b), length = 1
            if b >= 0xF0 { (scalar, length) = (UInt32(b & 0x07), 4) }
            else if b >= 0xE0 { (scalar, length) = (UInt32(b & 0x0F), 3) }
            else if b >= 0xC0 { (scalar, length) = (UInt32(b & 0x1F), 2) }
            var j = bytes.index(after: i)
            for _ in 1..<length where j != bytes.endIndex {
                scalar = scalar << 6 | UInt32(bytes[j] & 0x3F)
                j = bytes.index(after: j)
            }
            if isForbidden(scalar) { return (n, scalar) }
            i = j
            n += 1
        }
        return nil
    }

    /// Whether every byte is printable ASCII (0x20 to 0x7E), none of which
    /// `isForbidden`; a tab, allowed, is left to the scalar-by-scalar check.
    static func isPrintableASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(b)
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        var i = 0
        while i + 8 <= raw.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte of 0x80 or more; a byte below 0x20 (w - 0x20 in each byte
            // borrows there, exactly when no byte has its high bit); a 0x7F.
            let del = w ^ 0x7F7F_7F7F_7F7F_7F7F
            guard w & high == 0, (w &- 0x20 &* ones) & ~w & high == 0, (del &- ones) & ~del & high == 0 else { return false }
            i += 8
        }
        while i < raw.count {
            guard b[i] >= 0x20 && b[i] < 0x7F else { return false }
            i += 1
        }
        return true
    }

    public static func isForbidden(_ c: UInt32) -> Bool {
        (c < 0x20 && c != 0x09) || (c >= 0x7F && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF) || c & 0xFFFE == 0xFFFE
    }

    /// Why `text` may not be the value of `column`; nil when it may.
    public static func problem(_ text: String, column: String, isID: Bool) -> String? {
        var text = text
        if let bad = text.withUTF8({ forbidden(in: $0) }) {
            let kind = bad.scalar <= 0x9F ? "a control character" : "a Unicode noncharacter"
            return "\(column) holds \(kind), U+\(String(bad.scalar, radix: 16, uppercase: true).leftPaddedHex), at character \(bad.index + 1)"
        }
        if isID && text.utf8.contains(listSeparator) { return "\(column) \"\(text)\" holds \";\", which separates the items of a list column" }
        return nil
    }

    /// The separator of the list columns, which an id may not hold.
    public static let listSeparator = UInt8(ascii: ";")

    /// Whether `bytes` may be an id (`isID`) or a name: what `problem` finds
    /// nothing in, for a reading of bytes that leaves the message to it.
    public static func allows<C: Collection<UInt8>>(_ bytes: C, isID: Bool) -> Bool {
        forbidden(in: bytes) == nil && !(isID && bytes.contains(listSeparator))
    }
}

extension String {
    /// Four hexadecimal digits at least: `001B`.
    fileprivate var leftPaddedHex: String { String(repeating: "0", count: max(0, 4 - count)) + self }
}

public enum Suggestion {
    /// The longest word a suggestion is looked for: a longer one is no typo
    /// of an id, and comparing it would cost its length squared per candidate.
    public static let longestWord = 64

    /// The closest candidate within a small edit distance, if any: at most
    /// `max(2, length / 3)` edits, so only candidates whose length differs
    /// by no more than that are compared, each in a band of that width.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        guard !w.isEmpty, w.count <= longestWord else { return nil }
        let limit = max(2, w.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let n = candidate.utf8.count
            // A scalar is at most 4 bytes: a candidate of more than 4 × (length + limit) bytes is too long.
            guard n + limit >= w.count, n <= 4 * (w.count + limit) else { continue }
            let c = Array(candidate.lowercased().unicodeScalars)
            guard abs(c.count - w.count) <= limit else { continue }
            let d = distance(w, c, limit: best.map { min(limit, $0.1 - 1) } ?? limit)
            if let d, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// The edit distance of `a` and `b` if it is at most `limit`, else nil:
    /// only the cells within `limit` of the diagonal are worked out.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let big = limit + 1
        var previous = (0...b.count).map { $0 <= limit ? $0 : big }
        var current = Array(repeating: big, count: b.count + 1)
        for i in 1...a.count {
            let lo = max(1, i - limit), hi = min(b.count, i + limit)
            current[0] = i <= limit ? i : big
            if lo > 1 { current[lo - 1] = big }
            var rowBest = current[0]
            for j in lo...hi {
                let v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                current[j] = min(v, big)
                rowBest = min(rowBest, current[j])
            }
            if hi < b.count { current[hi + 1] = big }
            if rowBest > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}

extension Character {
    package var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}
