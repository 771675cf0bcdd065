import CSVReading
import CapTableCore
import Foundation
import RawMemory

/// The state of a case being read: what is read so far, and every problem
/// found, in file order. Each file's rows are read by its own file of this
/// folder, through the typed accessors below, which report a value that
/// fails where it fails.
struct CaseReading {
    var diagnostics: [Diagnostic] = []
    var result = Case()
    /// A file of hypothetical events (`what-if`), in the columns of
    /// transactions.csv, read after it under its own name: the key of its
    /// input in the files read.
    var hypothetical: String?
    /// Persons by the bytes of their ids' canonical (NFC) form, which is how
    /// `String` compares them: the person's index, or, for an id defined on a
    /// row that was rejected, -1 - the index of its mark in `rejectedPersons`.
    var personIDs = IDTable()
    /// Where each person's id, and each rejected row's, was defined.
    var personMarks: [Mark] = []
    var rejectedPersons: [Mark] = []
    var classIDs: [String: Int] = [:]
    /// Classes by the bytes of their ids, once classes.csv is read.
    var classTable = IDTable()
    var classesRead = false

    /// The key an id's bytes are known by, handed to `body`: ASCII bytes
    /// are their own canonical form; any other id is put in it first.
    static func withKey<R>(_ b: ValueParser.Bytes, _ body: (ValueParser.Bytes) -> R) -> R {
        if ValueParser.isASCII(b) { return body(b) }
        var key = canonical(String(decoding: b, as: UTF8.self))
        return key.withUTF8(body)
    }

    /// The bytes an id is known by: its canonical form.
    static func canonical(_ id: String) -> String {
        let ascii = id.utf8.withContiguousStorageIfAvailable(ValueParser.isASCII) ?? id.utf8.allSatisfy { $0 < 0x80 }
        return ascii ? id : id.precomposedStringWithCanonicalMapping
    }

    /// Set, as a group is defined, in the value of its id in `personIDs`:
    /// a row that may not name a group (a holder, by the million) is then
    /// checked without reading the person, which in a large book is a
    /// fetch from main memory.
    static let groupBit: Int32 = 1 << 30
    /// Instrument ids, across options.csv and convertibles.csv, by the bytes
    /// of their canonical (NFC) form, which is how `String` compares them;
    /// each with where it was defined.
    var instrumentIDs = InstrumentIDs()
    /// Set while options.csv is read before persons.csv is done: the
    /// grants' holders, kept to be looked up then (`PendingHolders`).
    var pendingHolders: PendingHolders?
    var progress: ((String) -> Void)?
    /// About how large a part of holdings.csv is, where it is read in parts
    /// (`validate` of the realistic book, median: 1, 4 and 16 MiB took 0.44,
    /// 0.36 and 0.37 s at N = 1, 4.07, 3.73 and 3.82 s at N = 10, the peak
    /// the same); and how many parts it was read in (0: read whole, in order).
    var partBytes = 4 << 20
    var holdingParts = 0
    /// The persons' citizenships kept aside, each once.
    var asides = SharedAsides()

    mutating func report(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location, message))
    }

    // MARK: Files and headers

    /// Opens a file's rows, after checking its header; a reader of no rows
    /// when the file is absent, empty or its header wrong.
    /// `schema`: the input file whose columns `name` has, when it is not one of the format's own names.
    mutating func open(_ files: [String: CSVInput], _ name: String, schema schemaName: String? = nil) -> RowReader {
        let input = files[name] ?? .bytes([])
        let stream = CSVStream(input, file: name)
        let locator = Locator(input: input, file: name)
        let absent = [Int](repeating: -1, count: Column.allCases.count)
        guard files[name] != nil else {
            return RowReader(stream: stream, positions: absent, width: 0, locator: locator, before: nil, active: false)
        }
        progress?("reading \(name)")
        result.files.append(name)
        let before = ReadingBox(rollbackOf: self)
        let none = RowReader(stream: stream, positions: absent, width: 0, locator: locator, before: before, active: false)
        if let cr = input.loneCarriageReturn() {
            report(SourceLocation(file: name, line: cr.line, column: cr.column),
                   "a line ends with a carriage return alone (classic Mac OS line endings); save the file with LF or CRLF line endings")
            return none
        }
        guard stream.next() else {
            if let failure = stream.failure {
                report(failure.location, failure.message)
            } else {
                report(SourceLocation(file: name, line: 1, column: 1), "the file is empty; its first row must be the header")
            }
            return none
        }
        let schema = Schema.columns[schemaName ?? name]!
        let known = schema.map(\.column.name)
        var positions = absent
        var headerOK = true
        for i in 0..<stream.fieldCount {
            let name = stream.field(i).trimmingCharacters(in: .whitespaces)
            guard let column = schema.first(where: { $0.column.name == name })?.column else {
                var message = "unknown column \"\(name)\" in \(stream.file)"
                if let near = Suggestion.nearest(to: name, in: known) { message += "; did you mean \"\(near)\"?" }
                report(locator.location(record: 0, index: i, line: 1), message)
                continue
            }
            if positions[column.rawValue] >= 0 {
                report(locator.location(record: 0, index: i, line: 1), "column \"\(name)\" is given twice")
            } else {
                positions[column.rawValue] = i
            }
        }
        for (column, required) in schema where required && positions[column.rawValue] < 0 {
            report(SourceLocation(file: name, line: 1, column: 1), "required column \"\(column.name)\" is missing from \(name)")
            headerOK = false
        }
        guard headerOK else { return none }
        if stream.lookahead == 0 { stream.lookahead = Ahead.distance }
        return RowReader(stream: stream, positions: positions, width: stream.fieldCount, locator: locator, before: before, active: true)
    }

    // MARK: Typed values

    /// A required field's text; a blank one is reported.
    mutating func required(_ row: Row, _ column: Column) -> String? {
        if let v = row.value(column) { return v }
        report(row.location(column), "\(column.name) is required")
        return nil
    }

    /// A required id or name, held to `TextRule`: nil (reported) when blank or when it may not be one.
    mutating func text(_ row: Row, _ column: Column, isID: Bool) -> String? {
        guard let b = row.bytes(column) else {
            report(row.location(column), "\(column.name) is required")
            return nil
        }
        let v = String(decoding: b, as: UTF8.self)
        return allowed(row, column, v, b, isID: isID) ? v : nil
    }

    /// Whether `v`, of the field's bytes `b`, may be an id (`isID`) or a
    /// name under `TextRule`; reported where it may not. The bytes are
    /// checked first: the message is made only for a value that fails.
    mutating func allowed(_ row: Row, _ column: Column, _ v: String, _ b: ValueParser.Bytes, isID: Bool) -> Bool {
        guard !TextRule.allows(b, isID: isID), let problem = TextRule.problem(v, column: column.name, isID: isID) else { return true }
        report(row.location(column), problem)
        return false
    }

    /// Parses an optional value; nil when blank or wrong (wrong is reported).
    @inline(__always)
    mutating func optional<T>(_ row: Row, _ column: Column, _ parse: (ValueParser.Bytes, String) -> Result<T, ValueError>) -> T? {
        guard let b = row.bytes(column) else { return nil }
        switch parse(b, column.name) {
        case .success(let v): return v
        case .failure(let e): report(row.location(column), e.message); return nil
        }
    }

    /// Parses a required value; reports a blank one.
    @inline(__always)
    mutating func required<T>(_ row: Row, _ column: Column, _ parse: (ValueParser.Bytes, String) -> Result<T, ValueError>) -> T? {
        guard let b = row.bytes(column) else { report(row.location(column), "\(column.name) is required"); return nil }
        switch parse(b, column.name) {
        case .success(let v): return v
        case .failure(let e): report(row.location(column), e.message); return nil
        }
    }

    /// A value of a list column (`a; b`), each item read by `item`.
    mutating func list<T>(_ row: Row, _ column: Column, _ item: (String, String) -> Result<T, ValueError>) -> [T]? {
        optional(row, column) { b, name in
            ValueParser.list(String(decoding: b, as: UTF8.self), column: name) { item($0, name) }
        }
    }

    mutating func flag(_ row: Row, _ column: Column, default value: Bool) -> Bool {
        optional(row, column, ValueParser.flag) ?? value
    }

    /// `sole`, `shared` or (with `allowNone`) `none`; `value` when blank.
    @inline(__always)
    mutating func power(_ row: Row, _ column: Column, default value: Power, allowNone: Bool = true) -> Power? {
        guard let b = row.bytes(column) else { return value }
        switch (allowNone ? WordsOf.power : WordsOf.relationPower).read(b, column: column.name) {
        case .success(let v): return v
        case .failure(let e): report(row.location(column), e.message); return nil
        }
    }

    /// A required person, by id; a group only with `allowGroup`.
    mutating func person(_ row: Row, _ column: Column, allowGroup: Bool = false) -> Int? {
        guard let b = row.bytes(column) else { report(row.location(column), "\(column.name) is required"); return nil }
        return reference(row, column, b, allowGroup: allowGroup)
    }

    /// The person of an id's bytes: looked up as they are when ASCII, else
    /// by their canonical form. Nil for an id not defined, and -1 - n for
    /// one defined on a rejected row (`personIDs`).
    func personValue(_ b: ValueParser.Bytes) -> Int32? {
        CaseReading.withKey(b) { personIDs.value($0) }
    }

    @inline(__always)
    mutating func reference(_ row: Row, _ column: Column, _ b: ValueParser.Bytes, allowGroup: Bool) -> Int? {
        reference(b, column, allowGroup: allowGroup) { row.location(column) }
    }

    /// The person the id `b` of `column` names; nil when it names none (or
    /// a group without `allowGroup`), reported at `location`, which is
    /// worked out only then.
    @inline(__always)
    mutating func reference(_ b: ValueParser.Bytes, _ column: Column, allowGroup: Bool,
                            at location: () -> SourceLocation) -> Int? {
        guard let value = personValue(b), value >= 0 else {
            // A person whose row was rejected is reported there, once: not again at each reference.
            if personValue(b) != nil { return nil }
            let id = String(decoding: b, as: UTF8.self)
            var message = "\(column.name) \"\(id)\" is not in persons.csv"
            // A suggestion only for the errors that will be printed: looking for one compares every id.
            if diagnostics.count < CaseLoader.maximumDiagnostics,
               let near = Suggestion.nearest(to: id, in: result.persons.map(\.id)) { message += "; did you mean \"\(near)\"?" }
            report(location(), message)
            return nil
        }
        if !allowGroup, value & CaseReading.groupBit != 0 {
            report(location(), "\(column.name) \"\(String(decoding: b, as: UTF8.self))\" is a group; a group holds and controls nothing itself (list its members in groups.csv)")
            return nil
        }
        return Int(value & ~CaseReading.groupBit)
    }

    /// An optional person: nil when blank; .some(nil) when named and wrong (reported).
    mutating func optionalPerson(_ row: Row, _ column: Column) -> Int?? {
        row.bytes(column).map { reference(row, column, $0, allowGroup: false) }
    }

    /// The class of a row's `class` column, reported when blank or not in classes.csv.
    @inline(__always)
    mutating func shareClass(_ row: Row) -> Int? {
        guard let b = row.bytes(.shareClass) else { report(row.location(.shareClass), "class is required"); return nil }
        // An ASCII id by its bytes; any other as `String` compares it, by its canonical form.
        if classesRead, ValueParser.isASCII(b) {
            if let k = classTable.value(b) { return Int(k) }
        } else if let k = classIDs[String(decoding: b, as: UTF8.self)] {
            return k
        }
        let id = String(decoding: b, as: UTF8.self)
        var message = "class \"\(id)\" is not in classes.csv"
        if diagnostics.count < CaseLoader.maximumDiagnostics,
           let near = Suggestion.nearest(to: id, in: result.classes.map(\.id)) { message += "; did you mean \"\(near)\"?" }
        report(row.location(.shareClass), message)
        return nil
    }

    /// Records an instrument id, unique across options.csv, convertibles.csv and the instruments transactions.csv issues.
    mutating func defineInstrument(_ id: String, _ row: Row) -> Bool {
        var key = CaseReading.canonical(id)
        switch key.withUTF8({ instrumentIDs.define($0, row: row, column: .id) }) {
        case .success:
            return true
        case .failure(.definedBefore(let first)):
            report(row.location(.id), "instrument \"\(id)\" is defined twice: at \(instrumentIDs.location(of: first)) and here")
        case .failure(.tooManyBytes):
            report(row.location(.id), "the instrument ids take more than 4 GiB in all; this one and those after it are not read")
        }
        return false
    }
}

/// The words of the word columns, as bytes, made once from their lists
/// rather than at each row.
enum WordsOf {
    static let power = Words(Power.words)
    /// A relation gives sole or shared power, never none.
    static let relationPower = Words(Power.words.filter { $0.value != .none })
    static let personKind = Words(PersonKind.self)
    static let grantKind = Words(GrantKind.self)
    static let convertibleKind = Words(ConvertibleKind.self)
    static let role = Words(ControlRole.self)
    static let interest = Words(InterestKind.self)
    static let dayCount = Words(DayCount.self)
    static let antiDilution = Words(ValueParser.antiDilutionWords.map { ($0.word, $0.value) })
    static let event = Words(LedgerEvent.Kind.self)
    static let form = Words(FilingForm.self)
    static let filerField = Words(FilerField.self)
    static let filerType = Words(FilerType.self)
}

/// The ids a row some rows ahead will look up, fetched before it is read: a
/// book's persons and instruments are spread over tables larger than the
/// cache, and a lookup that waits for main memory is most of a row's cost.
struct Ahead {
    /// How many rows ahead: enough for a fetch from main memory to finish
    /// before the row is read. 4, 8 and 16 measure alike (`validate` of the
    /// realistic book, median of five: 0.39, 0.40, 0.39 s at N = 1; of
    /// three: 3.95, 3.99, 3.91 s at N = 10): the middle one is kept.
    static let distance = 8

    let columns: [Int]

    init(_ rows: RowReader, _ columns: Column...) {
        self.columns = columns.compactMap(rows.index)
    }

    /// Fetches the slots of the ids of a row ahead in `table`.
    @inline(__always)
    func prefetch(_ ahead: CSVStream.Fields?, _ table: borrowing IDTable) {
        guard let f = ahead else { return }
        for c in columns where c < f.count {
            if let k = Row.trimmed(f[c]) { table.prefetch(k) }
        }
    }

    @inline(__always)
    func prefetch(_ ahead: CSVStream.Fields?, _ table: borrowing InstrumentIDs) {
        guard let f = ahead else { return }
        for c in columns where c < f.count {
            if let k = Row.trimmed(f[c]) { table.prefetch(k) }
        }
    }
}
