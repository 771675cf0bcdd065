import CSVReading
import Foundation

/// Why a case could not be read.
public enum CaseError: Error, Sendable {
    /// The directory or a file in it cannot be opened (exit status 66).
    case cannotOpen(path: String, reason: String)
    /// The files were read and are wrong: the first problems, in file order (exit status 65).
    case invalid([Diagnostic])
    /// As `invalid`, with the count of every problem found where more were
    /// found than are given (`CaseLoader.maximumDiagnostics`).
    case tooMany([Diagnostic], total: Int)

    /// The problems given, whichever case.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .invalid(let d), .tooMany(let d, _): return d
        case .cannotOpen: return []
        }
    }
}

/// Reads a case directory in the input format of INPUTS.md, version 1.
///
/// Every file is checked completely; problems are collected, up to
/// `maximumDiagnostics`, rather than stopping at the first.
public enum CaseLoader {
    public static let maximumDiagnostics = 100

    /// The files of the format, in the order they are read.
    public static let knownFiles = [
        "classes.csv", "persons.csv", "holidays.csv", "holdings.csv",
        "options.csv", "convertibles.csv", "relations.csv", "groups.csv", "transactions.csv",
        "filing_closures.csv", "filings.csv", "filer.csv",
    ]

    /// Reads a case directory; `progress` is told of each file as it is read.
    public static func load(directory: String, progress: ((String) -> Void)? = nil) -> Result<Case, CaseError> {
        inputs(directory).flatMap { load(inputs: $0.files, unknownFiles: $0.unknown, progress: progress) }
    }

    /// The input files of a case directory, and the CSV files it has that are not of the format.
    static func inputs(_ directory: String) -> Result<(files: [String: CSVInput], unknown: [String]), CaseError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(.cannotOpen(path: directory, reason: "no such directory"))
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return .failure(.cannotOpen(path: directory, reason: "the directory cannot be read"))
        }
        var files: [String: CSVInput] = [:]
        var unknown: [String] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") {
            guard knownFiles.contains(name) else { unknown.append(name); continue }
            let path = (directory as NSString).appendingPathComponent(name)
            guard isReadableFile(path) else {
                return .failure(.cannotOpen(path: path, reason: "the file cannot be read"))
            }
            // Read a piece at a time as it is parsed, never held whole.
            files[name] = .path(path)
        }
        for required in ["classes.csv", "persons.csv", "holdings.csv"] where files[required] == nil {
            let path = (directory as NSString).appendingPathComponent(required)
            return .failure(.cannotOpen(path: path, reason: "required file is missing"))
        }
        return .success((files, unknown))
    }

    /// The case of `directory` with the events of `events` (a file in the
    /// columns of transactions.csv) added after its own, each replayed in
    /// date order; an event that cannot apply is an error at its row of `events`.
    public static func load(directory: String, hypothetical events: String, progress: ((String) -> Void)? = nil) -> Result<Case, CaseError> {
        guard isReadableFile(events) else { return .failure(.cannotOpen(path: events, reason: "the file cannot be read")) }
        return inputs(directory).flatMap { found in
            var files = found.files
            files[events] = .path(events)
            return load(inputs: files, unknownFiles: found.unknown, progress: progress, hypothetical: events)
        }
    }

    /// A regular file that can be opened for reading.
    static func isReadableFile(_ path: String) -> Bool {
        // A FIFO or device is no file of the format: told by its status, not by
        // opening it, which for a FIFO would wait for a writer.
        var before = stat()
        guard stat(path, &before) == 0, before.st_mode & S_IFMT == S_IFREG else { return false }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var status = stat()
        return fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Reads a case from file contents keyed by file name.
    public static func load(files: [String: [UInt8]], unknownFiles: [String] = [],
                            progress: ((String) -> Void)? = nil) -> Result<Case, CaseError> {
        load(inputs: files.mapValues { .bytes($0) }, unknownFiles: unknownFiles, progress: progress)
    }

    static func load(inputs files: [String: CSVInput], unknownFiles: [String],
                     progress: ((String) -> Void)?, hypothetical: String? = nil) -> Result<Case, CaseError> {
        var reading = CaseReading()
        reading.progress = progress
        reading.hypothetical = hypothetical
        for name in unknownFiles {
            var message = "\(name) is not a file of the input format"
            if let near = Suggestion.nearest(to: name, in: knownFiles) { message += "; did you mean \"\(near)\"?" }
            reading.report(SourceLocation(file: name, line: 1, column: 1), message)
        }
        reading.read(files)
        if reading.diagnostics.isEmpty { return .success(reading.result) }
        let all = reading.diagnostics
        guard all.count > maximumDiagnostics else { return .failure(.invalid(all)) }
        return .failure(.tooMany(Array(all.prefix(maximumDiagnostics)), total: all.count))
    }
}

/// The columns of each file: name and whether required.
enum Schema {
    static let columns: [String: [(String, Bool)]] = [
        "classes.csv": [("class", true), ("issuer", true), ("title", true), ("cusip", false),
                        ("outstanding", false), ("as_of", true), ("reserved", false), ("voting", false)],
        "persons.csv": [("id", true), ("name", true), ("kind", true), ("type", false),
                        ("citizenship", false), ("majority_rule", false), ("control_intent", false),
                        ("reporting", false), ("roles", false), ("address", false), ("source_of_funds", false),
                        ("citizenship_code", false), ("filer_type", false), ("roles_until", false)],
        "holdings.csv": [("holder", true), ("class", true), ("shares", true), ("voting", false),
                         ("dispositive", false), ("note", false), ("pledged", false)],
        "options.csv": [("id", true), ("holder", true), ("kind", true), ("class", true), ("shares", true),
                        ("exercise_price", false), ("exercisable_from", false), ("expires", false),
                        ("vest_start", false), ("vest_months", false), ("cliff_months", false),
                        ("vest_every_months", false), ("cap_percent", false), ("note", false)],
        "convertibles.csv": [("id", true), ("holder", true), ("kind", true), ("class", true),
                             ("principal", false), ("conversion_price", false), ("units", false),
                             ("conversion_ratio", false), ("issued", false), ("convertible_from", false),
                             ("maturity", false), ("rate", false), ("interest", false), ("day_count", false),
                             ("pik_months", false), ("first_payment", false), ("converts_interest", false),
                             ("cap_percent", false), ("note", false), ("anti_dilution", false)],
        "relations.csv": [("controller", true), ("controlled", true), ("role", true), ("voting", false),
                          ("dispositive", false), ("disclaims", false), ("note", false)],
        "groups.csv": [("group", true), ("member", true)],
        "holidays.csv": [("date", true), ("name", false)],
        // Input format 1.3: days the SEC was closed, and what was filed.
        "filing_closures.csv": [("date", true), ("name", false)],
        "filings.csv": [("person", true), ("class", true), ("form", true), ("filed", true), ("event_date", true),
                        ("shares", false), ("percent", false), ("accession", false), ("note", false)],
        // Input format 1.4: the submission's header and texts, a field a row.
        "filer.csv": [("field", true), ("value", true), ("person", false)],
        // Input format 1.2: dated events; an issued instrument has the columns of its file.
        "transactions.csv": [("date", true), ("event", true), ("id", false), ("holder", false), ("from", false),
                             ("to", false), ("kind", false), ("class", false), ("shares", false), ("instrument", false),
                             ("new_instrument", false), ("principal", false), ("units", false), ("ratio", false),
                             ("consideration", false), ("note", false), ("price", false), ("exercise_price", false),
                             ("exercisable_from", false), ("expires", false), ("vest_start", false), ("vest_months", false),
                             ("cliff_months", false), ("vest_every_months", false), ("cap_percent", false),
                             ("conversion_price", false), ("conversion_ratio", false), ("issued", false),
                             ("convertible_from", false), ("maturity", false), ("rate", false), ("interest", false),
                             ("day_count", false), ("pik_months", false), ("first_payment", false),
                             ("converts_interest", false), ("anti_dilution", false)],
    ]

    static let reportingPersonTypes = Person.types
}

/// One data row of a file, with typed access that reports what is wrong.
///
/// It reads the stream's current record, and is used before the next one is
/// read. Where a field starts on its line is found only when a problem is
/// reported there.
struct Row {
    let rows: RowReader
    let record: Int
    let line: Int

    var file: String { rows.stream.file }
    var location: SourceLocation { SourceLocation(file: file, line: line, column: 1) }

    /// The trimmed value, or nil when the column is absent or the field blank.
    func value(_ column: String) -> String? {
        guard let i = rows.index(of: column), i < rows.stream.fieldCount else { return nil }
        return rows.stream.withField(i, Row.trimmed)
    }

    /// The text without surrounding blanks (spaces, tabs and Unicode spaces); nil when blank.
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
        guard lo < hi else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
        guard b[lo] >= 0x80 || b[hi - 1] >= 0x80 else { return text }
        let t = text.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    func location(_ column: String) -> SourceLocation {
        guard let i = rows.index(of: column), i < rows.stream.fieldCount else { return location }
        return rows.locator.location(record: record, index: i, line: line)
    }

    /// The place of a column's field, to be worked out if it is ever reported.
    func mark(_ column: String) -> Mark {
        Mark(locator: rows.locator, record: record, index: rows.index(of: column).flatMap { $0 < rows.stream.fieldCount ? $0 : nil },
             line: line)
    }
}

/// A field's place, kept cheaply (24 bytes, for each person id while
/// persons.csv is read, and each pair of relations.csv and groups.csv):
/// where the precise reader would find it. Instrument ids keep theirs more
/// compactly still (`InstrumentIDs`).
struct Mark {
    let locator: Locator
    private let record: UInt32, line: UInt32
    /// The field; -1 for none (the place is then the line's start).
    private let index: Int32

    init(locator: Locator, record: Int, index: Int?, line: Int) {
        self.locator = locator
        // Beyond 32 bits the place is the line's start, or the file's.
        let fits = record <= Int(UInt32.max) && line <= Int(UInt32.max)
        self.record = fits ? UInt32(record) : 0
        self.line = fits ? UInt32(line) : 1
        self.index = fits ? Int32(index ?? -1) : -1
    }

    var location: SourceLocation {
        guard index >= 0 else { return SourceLocation(file: locator.file, line: Int(line), column: 1) }
        return locator.location(record: Int(record), index: Int(index), line: Int(line))
    }
}

/// The exact place of every field of a file, worked out only when asked for.
final class Locator {
    let input: CSVInput
    let file: String
    init(input: CSVInput, file: String) {
        self.input = input
        self.file = file
    }

    /// Nil for a file that cannot be parsed: its rows' problems are then dropped for the parse error.
    lazy var table: CSVTable? = input.whole().flatMap { try? CSVReader.parse($0, file: file).get() }

    func location(record: Int, index: Int, line: Int) -> SourceLocation {
        table?.location(record: record, index: index) ?? SourceLocation(file: file, line: line, column: 1)
    }

    func endLocation(record: Int, line: Int) -> SourceLocation {
        table?.endLocation(record: record) ?? SourceLocation(file: file, line: line, column: 1)
    }
}

/// A reading kept aside: the state before a file, restored if the file
/// cannot be parsed; or one handed to another thread, which alone uses it
/// until it signals.
final class ReadingBox: @unchecked Sendable {
    var reading: CaseReading
    /// For a state kept to roll back to: how many instruments were defined.
    /// Their ids are not kept with it, or the file's first id would copy
    /// the whole table: they are the first ones of the table in use.
    private var instruments: Int?

    init(_ reading: CaseReading) { self.reading = reading }

    init(rollbackOf reading: CaseReading) {
        var kept = reading
        kept.instrumentIDs = InstrumentIDs()
        self.reading = kept
        instruments = reading.instrumentIDs.count
    }

    /// The state kept, with the instruments of `current` that were defined before it.
    func restored(from current: CaseReading) -> CaseReading {
        guard let n = instruments else { return reading }
        var r = reading
        r.instrumentIDs = current.instrumentIDs.keeping(first: n)
        return r
    }
}

/// The data rows of one file, read one at a time.
final class RowReader {
    let stream: CSVStream
    let columns: [(String, Int)]
    let width: Int
    let locator: Locator
    let before: ReadingBox?
    /// False when the header is wrong: the rows are then only checked for parsing.
    let active: Bool

    init(stream: CSVStream, columns: [(String, Int)], width: Int, locator: Locator, before: ReadingBox?, active: Bool) {
        self.stream = stream
        self.columns = columns
        self.width = width
        self.locator = locator
        self.before = before
        self.active = active
    }

    /// The field of a column, by a scan of the few columns of the file: a
    /// name is short, and comparing it is cheaper than hashing it. Names of
    /// another length are passed over without comparing their text.
    func index(of column: String) -> Int? {
        let length = column.utf8.count
        for (name, i) in columns where name.utf8.count == length && name == column { return i }
        return nil
    }

    /// The next row of the right width; rows of another width are reported and skipped.
    func next(_ reading: inout CaseReading) -> Row? {
        guard active else { return nil }
        while stream.next() {
            if let row = current(&reading) { return row }
        }
        return nil
    }

    /// The stream's current record as a row; nil, and reported, when it is not of the right width.
    func current(_ reading: inout CaseReading) -> Row? {
        let n = stream.fieldCount
        if n > width {
            reading.report(locator.location(record: stream.record, index: width, line: stream.recordLine), "row has \(n) fields, but the header has \(width)")
            return nil
        }
        if n < width {
            reading.report(locator.endLocation(record: stream.record, line: stream.recordLine), "row has \(n) fields, but the header has \(width)")
            return nil
        }
        return Row(rows: self, record: stream.record, line: stream.recordLine)
    }

    /// After the last row: a file that could not be parsed counts for nothing
    /// but its error, as if none of its rows had been read.
    func finish(_ reading: inout CaseReading) {
        while stream.next() {}
        guard let failure = stream.failure, let before else { return }
        reading = before.restored(from: reading)
        reading.report(failure.location, failure.message)
    }
}

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

    /// The bytes an id is known by: its canonical form.
    static func canonical(_ id: String) -> String {
        id.utf8.allSatisfy { $0 < 0x80 } ? id : id.precomposedStringWithCanonicalMapping
    }

    /// A person's index by id; nil for an id not defined, or defined on a rejected row.
    func personIndex(_ id: String) -> Int? {
        var key = CaseReading.canonical(id)
        return key.withUTF8 { personIDs.value($0) }.flatMap { $0 >= 0 ? Int($0 & ~CaseReading.groupBit) : nil }
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
    /// Persons and classes by the bytes of their ids, once both files are read.
    var ids: IDTables?
    var progress: ((String) -> Void)?
    /// About how large a part of holdings.csv is, where it is read in parts;
    /// and how many parts it was read in (0: read whole, in order).
    var partBytes = 4 << 20
    var holdingParts = 0
    /// Whether persons.csv's second half was read on another core.
    var personsInHalves = false

    mutating func report(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location, message))
    }

    // MARK: Files and headers

    /// Opens a file's rows, after checking its header; nil when the file is
    /// absent, and a reader of no rows when it is empty or its header is wrong.
    /// `schema`: the input file whose columns `name` has, when it is not one of the format's own names.
    mutating func open(_ files: [String: CSVInput], _ name: String, schema schemaName: String? = nil) -> RowReader {
        let input = files[name] ?? .bytes([])
        let stream = CSVStream(input, file: name)
        let locator = Locator(input: input, file: name)
        guard files[name] != nil else {
            return RowReader(stream: stream, columns: [], width: 0, locator: locator, before: nil, active: false)
        }
        progress?("reading \(name)")
        result.files.append(name)
        let before = ReadingBox(rollbackOf: self)
        let none = RowReader(stream: stream, columns: [], width: 0, locator: locator, before: before, active: false)
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
        let known = schema.map(\.0)
        var columns: [String: Int] = [:]
        var headerOK = true
        for i in 0..<stream.fieldCount {
            let column = stream.field(i).trimmingCharacters(in: .whitespaces)
            if !known.contains(column) {
                var message = "unknown column \"\(column)\" in \(name)"
                if let near = Suggestion.nearest(to: column, in: known) { message += "; did you mean \"\(near)\"?" }
                report(locator.location(record: 0, index: i, line: 1), message)
            } else if columns[column] != nil {
                report(locator.location(record: 0, index: i, line: 1), "column \"\(column)\" is given twice")
            } else {
                columns[column] = i
            }
        }
        for (column, required) in schema where required && columns[column] == nil {
            report(SourceLocation(file: name, line: 1, column: 1), "required column \"\(column)\" is missing from \(name)")
            headerOK = false
        }
        guard headerOK else { return none }
        return RowReader(stream: stream, columns: columns.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }, width: stream.fieldCount, locator: locator, before: before, active: true)
    }

    // MARK: Typed values

    mutating func required(_ row: Row, _ column: String) -> String? {
        if let v = row.value(column) { return v }
        report(row.location(column), "\(column) is required")
        return nil
    }

    /// A required id or name, held to `TextRule`: nil (reported) when blank or when it may not be one.
    mutating func text(_ row: Row, _ column: String, isID: Bool) -> String? {
        guard let v = required(row, column) else { return nil }
        if let problem = TextRule.problem(v, column: column, isID: isID) {
            report(row.location(column), problem)
            return nil
        }
        return v
    }

    /// Parses an optional value; nil when blank or wrong (wrong is reported).
    mutating func optional<T>(_ row: Row, _ column: String, _ parse: (String, String) -> Result<T, ValueError>) -> T? {
        guard let text = row.value(column) else { return nil }
        switch parse(text, column) {
        case .success(let v): return v
        case .failure(let e): report(row.location(column), e.message); return nil
        }
    }

    /// Parses a required value; reports a blank one.
    mutating func required<T>(_ row: Row, _ column: String, _ parse: (String, String) -> Result<T, ValueError>) -> T? {
        guard row.value(column) != nil else { report(row.location(column), "\(column) is required"); return nil }
        return optional(row, column, parse)
    }

    mutating func flag(_ row: Row, _ column: String, default value: Bool) -> Bool {
        optional(row, column, ValueParser.flag) ?? value
    }

    mutating func power(_ row: Row, _ column: String, default value: Power, allowNone: Bool = true) -> Power? {
        guard row.value(column) != nil else { return value }
        return allowNone
            ? optional(row, column) { ValueParser.choice($0, column: $1, Power.allCases.reversed().map { ($0.word, $0) }) }
            : optional(row, column) { ValueParser.choice($0, column: $1, [Power.sole, .shared].map { ($0.word, $0) }) }
    }

    mutating func person(_ row: Row, _ column: String, allowGroup: Bool = false) -> Int? {
        guard let id = required(row, column) else { return nil }
        return reference(row, column, id, allowGroup: allowGroup)
    }

    mutating func reference(_ row: Row, _ column: String, _ id: String, allowGroup: Bool) -> Int? {
        guard let index = personIndex(id) else {
            // A person whose row was rejected is reported there, once: not again at each reference.
            var key = CaseReading.canonical(id)
            if let value = key.withUTF8({ personIDs.value($0) }), value < 0 { return nil }
            var message = "\(column) \"\(id)\" is not in persons.csv"
            // A suggestion only for the errors that will be printed: looking for one compares every id.
            if diagnostics.count < CaseLoader.maximumDiagnostics,
               let near = Suggestion.nearest(to: id, in: result.persons.map(\.id)) { message += "; did you mean \"\(near)\"?" }
            report(row.location(column), message)
            return nil
        }
        if !allowGroup, result.persons[index].kind == .group {
            report(row.location(column), "\(column) \"\(id)\" is a group; a group holds and controls nothing itself (list its members in groups.csv)")
            return nil
        }
        return index
    }

    mutating func shareClass(_ row: Row) -> Int? {
        guard let id = required(row, "class") else { return nil }
        guard let index = classIDs[id] else {
            var message = "class \"\(id)\" is not in classes.csv"
            if diagnostics.count < CaseLoader.maximumDiagnostics,
               let near = Suggestion.nearest(to: id, in: result.classes.map(\.id)) { message += "; did you mean \"\(near)\"?" }
            report(row.location("class"), message)
            return nil
        }
        return index
    }

    /// Records an id, reporting one defined before with both lines.
    mutating func define(_ id: String, _ row: Row, _ column: String, in seen: inout [String: Mark], what: String) -> Bool {
        if let first = seen[id] {
            report(row.location(column), "\(what) \"\(id)\" is defined twice: at \(first.location) and here")
            return false
        }
        seen[id] = row.mark(column)
        return true
    }

    /// Records an instrument id, unique across options.csv and convertibles.csv.
    mutating func defineInstrument(_ id: String, _ row: Row) -> Bool {
        var key = CaseReading.canonical(id)
        switch key.withUTF8({ instrumentIDs.define($0, row: row, column: "id") }) {
        case .success:
            return true
        case .failure(.definedBefore(let first)):
            report(row.location("id"), "instrument \"\(id)\" is defined twice: at \(instrumentIDs.location(of: first)) and here")
        case .failure(.tooManyBytes):
            report(row.location("id"), "the instrument ids take more than 4 GiB in all; this one and those after it are not read")
        }
        return false
    }

    // MARK: The files

    mutating func read(_ files: [String: CSVInput]) {
        readClasses(files)
        // While persons.csv is read, which every file after it needs, the
        // other core finds where holdings.csv is cut into parts and counts
        // the lines of the files read after (to size their tables once).
        let partBytes = partBytes
        let ahead = Later { () -> (cut: CSVInput.Parts?, lines: [String: Int]) in
            var cut: CSVInput.Parts?
            if case .path(let path)? = files["holdings.csv"] { cut = CSVInput.parts(of: path, about: partBytes) }
            var lines: [String: Int] = [:]
            for name in ["options.csv", "convertibles.csv", "relations.csv"] { lines[name] = files[name]?.lineCount() }
            return (cut, lines)
        }
        readPersons(files)
        // A person is defined only in persons.csv: its places served only to
        // report an id defined twice there.
        personMarks = []
        readHolidays(files)
        ids = IDTables(self)
        // holdings.csv, the largest file, is read on a second thread while
        // this one reads the files that follow it; the problems found are
        // then put back in file order.
        let holdings = ReadingBox(self)
        holdings.reading.diagnostics = []
        holdings.reading.result.files = []
        let before = diagnostics.count, filesBefore = result.files.count
        let done = DispatchSemaphore(value: 0)
        let parts = HoldingParts(cut: ahead.value.cut)
        Thread.detachNewThread {
            holdings.reading.readHoldings(files, parts: parts)
            done.signal()
        }
        // Counted once: the grants reserve the instrument ids of both files.
        let lines = ahead.value.lines
        let convertibleLines = lines["convertibles.csv"] ?? 0
        readGrants(files, convertibleLines: convertibleLines, lines: lines["options.csv"])
        readConvertibles(files, lines: convertibleLines)
        // Only transactions.csv can define an instrument after these two
        // files; without it, the ids and their places are not needed again.
        if files["transactions.csv"] == nil && hypothetical == nil { instrumentIDs = InstrumentIDs() }
        readRelations(files, lines: lines["relations.csv"])
        readGroups(files)
        // What is left of holdings.csv, read here too.
        parts.work()
        done.wait()
        holdingParts = parts.joinedParts
        result.holdings = holdings.reading.result.holdings
        diagnostics.insert(contentsOf: holdings.reading.diagnostics, at: before)
        result.files.insert(contentsOf: holdings.reading.result.files, at: filesBefore)
        checkOutstanding()
        readTransactions(files)
        if let hypothetical { readTransactions(files, name: hypothetical) }
        readFilingClosures(files)
        readFilings(files)
        readFiler(files)
    }

    /// filer.csv: a field a row (FilerField), each value checked against
    /// EDGAR's limits; `person` names the reporting person of a `person_cik`.
    mutating func readFiler(_ files: [String: CSVInput]) {
        guard files["filer.csv"] != nil else { return }
        let rows = open(files, "filer.csv")
        var info = FilerInfo(location: SourceLocation(file: "filer.csv", line: 1, column: 1))
        while let row = rows.next(&self) {
            guard let field = required(row, "field", { ValueParser.word($0, column: $1, FilerField.self) }),
                  let value = text(row, "value", isID: false) else { continue }
            if let problem = FilerInfo.problem(field, value) {
                report(row.location("value"), problem)
                continue
            }
            if field == .personCIK {
                guard let id = row.value("person") else {
                    report(row.location("field"), "person_cik needs the reporting person in the person column")
                    continue
                }
                guard let p = reference(row, "person", id, allowGroup: false) else { continue }
                if info.personCIKs[p] != nil { report(row.location("person"), "\"\(id)\" has a person_cik already") }
                info.personCIKs[p] = value
                continue
            }
            if field == .signatureDate, case .failure(let e) = ValueParser.date(value, column: "value") {
                report(row.location("value"), e.message)
                continue
            }
            if (info.values[field]?.count ?? 0) >= field.maximumCount {
                report(row.location("field"), "\(field.rawValue) is given more than \(field.maximumCount == 1 ? "once" : "\(field.maximumCount) times")")
                continue
            }
            info.values[field, default: []].append(value)
        }
        rows.finish(&self)
        result.filer = info
    }

    /// filing_closures.csv: days the SEC was closed besides the federal
    /// holidays; they move filing deadlines, never payment dates.
    mutating func readFilingClosures(_ files: [String: CSVInput]) {
        if let dates = readDates(files, "filing_closures.csv") { result.filingCalendar = BusinessCalendar(federalClosedAlso: dates) }
    }

    /// The `date` column of a file of days (holidays, closures); nil without the file.
    mutating func readDates(_ files: [String: CSVInput], _ name: String) -> Set<CalendarDate>? {
        guard files[name] != nil else { return nil }
        var dates = Set<CalendarDate>()
        let rows = open(files, name)
        while let row = rows.next(&self) {
            if let d = required(row, "date", ValueParser.date) { dates.insert(d) }
        }
        rows.finish(&self)
        return dates
    }

    /// filings.csv: the Schedules 13D and 13G filed, the baseline of the
    /// obligations that follow them.
    mutating func readFilings(_ files: [String: CSVInput]) {
        let rows = open(files, "filings.csv")
        while let row = rows.next(&self) {
            let before = diagnostics.count
            let person = self.person(row, "person", allowGroup: true)
            let k = shareClass(row)
            let form = required(row, "form") { ValueParser.word($0, column: $1, FilingForm.self) }
            let filed = required(row, "filed", ValueParser.date)
            let event = required(row, "event_date", ValueParser.date)
            let shares = optional(row, "shares", ValueParser.shares)
            let percent = optional(row, "percent", ValueParser.percent)
            if let filed, let event, filed < event {
                report(row.location("filed"), "filed \(filed) is before the event date \(event)")
            }
            guard diagnostics.count == before, let person, let k, let form, let filed, let event else { continue }
            result.filings.append(Filing(person: person, classIndex: k, form: form, filed: filed, eventDate: event,
                                         shares: shares, percent: percent, accession: row.value("accession"),
                                         location: row.location))
        }
        rows.finish(&self)
    }

    /// transactions.csv: each row an event; then every event is replayed once,
    /// so that one that would make a balance negative or names nothing known
    /// is reported at its row.
    mutating func readTransactions(_ files: [String: CSVInput], name: String = "transactions.csv") {
        let rows = open(files, name, schema: "transactions.csv")
        while let row = rows.next(&self) {
            let before = diagnostics.count
            let date = required(row, "date", ValueParser.date)
            let kind = required(row, "event") { ValueParser.word($0, column: $1, LedgerEvent.Kind.self) }
            var event = LedgerEvent(date: date ?? CalendarDate(dayNumber: 0), kind: kind ?? .issue, location: row.location)
            if kind == .issue, row.value("kind") != nil {
                // An instrument, in the columns of options.csv or convertibles.csv.
                if ["note", "preferred"].contains(row.value("kind")!) { event.newConvertible = convertible(row) }
                else { event.newGrant = grant(row) }
            } else {
                event.holder = row.value("holder").flatMap { reference(row, "holder", $0, allowGroup: false) }
                event.classIndex = row.value("class") == nil ? nil : shareClass(row)
                event.shares = optional(row, "shares", ValueParser.shares)
            }
            event.from = row.value("from").flatMap { reference(row, "from", $0, allowGroup: false) }
            event.to = row.value("to").flatMap { reference(row, "to", $0, allowGroup: false) }
            event.instrument = row.value("instrument")
            event.newInstrument = row.value("new_instrument")
            if kind != .issue || row.value("kind") == nil {
                event.principal = optional(row, "principal", ValueParser.money)
                event.units = optional(row, "units", ValueParser.shares)
            }
            event.ratio = optional(row, "ratio", ValueParser.ratio)
            event.consideration = optional(row, "consideration", ValueParser.money)
            // Item 5(c): the price per share of a purchase or sale. Format 1.3.
            event.price = optional(row, "price", ValueParser.price)
            event.note = row.value("note")
            guard diagnostics.count == before else { continue }
            result.events.append(event)
        }
        rows.finish(&self)
        result.events = result.events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        guard diagnostics.isEmpty else { return }
        for problem in result.replay(through: nil).problems { report(problem.location, problem.message) }
    }

    mutating func readClasses(_ files: [String: CSVInput]) {
        var seen: [String: Mark] = [:]
        let rows = open(files, "classes.csv")
        while let row = rows.next(&self) {
            let id = text(row, "class", isID: true)
            let issuer = text(row, "issuer", isID: false)
            let title = text(row, "title", isID: false)
            let outstanding = optional(row, "outstanding", ValueParser.shares)
            let asOf = required(row, "as_of", ValueParser.date)
            let reserved = optional(row, "reserved", ValueParser.shares)
            let voting = flag(row, "voting", default: true)
            guard let id, define(id, row, "class", in: &seen, what: "class"),
                  let issuer, let title, let asOf else { continue }
            classIDs[id] = result.classes.count
            result.classes.append(ShareClass(id: id, issuer: issuer, title: title, cusip: row.value("cusip"),
                                             reportedOutstanding: outstanding, asOf: asOf, reserved: reserved,
                                             voting: voting, location: row.location))
        }
        rows.finish(&self)
    }

    mutating func readPersons(_ files: [String: CSVInput]) {
        let rows = open(files, "persons.csv")
        // Where the file can be cut in two halves, with its line feeds (as
        // `lineCount()` counts them) from the same pass over it.
        var cut: CSVInput.Parts?
        if rows.active, case .path(let path)? = files["persons.csv"], let size = CSVInput.size(of: path) {
            cut = CSVInput.parts(of: path, about: max(1, size / 2))
        }
        let expected = cut?.lineFeeds ?? files["persons.csv"]?.lineCount() ?? 0
        if personIDs.count == 0 { personIDs = IDTable(capacity: expected) }
        personMarks.reserveCapacity(expected)
        result.persons.reserveCapacity(expected)
        let fast = FastPersons(rows)
        // The second half is read on another core, into persons whose ids
        // are then recorded here, in file order, when this reading comes to
        // it. It is a guess that every row there is of the common shape: if
        // one is not, or the half cannot be parsed, it is read here instead,
        // by the reading that reports what is wrong.
        var secondHalf: Later<[Person]?>?
        var secondLine = Int.max
        if let fast, case .path(let path)? = files["persons.csv"], let parts = cut?.parts, parts.count == 2 {
            let columns = fast.columns, width = rows.width, file = rows.stream.file
            secondLine = parts[1].firstLine
            secondHalf = Later { FastPersons.read(parts[1], of: path, file: file, columns: columns, width: width) }
        }
        let ahead = Ahead(rows, persons: "id")
        while let row = rows.next(&self) {
            if row.line >= secondLine {
                secondLine = .max
                if let persons = secondHalf?.value {
                    personsInHalves = true
                    definePersons(persons, firstRecord: row.record, rows)
                    // The rest of the file was read, whole and without a problem, on the other core.
                    return
                }
            }
            ahead.prefetch(self)
            if let fast, let person = fast.read(line: row.line) {
                var id = person.id
                id.withUTF8 { definePerson(person, key: $0, mark: row.mark("id")) }
                continue
            }
            let before = diagnostics.count
            // An id that may not be one still counts as defined (below): its row is the one error.
            let id = required(row, "id")
            if let id, let problem = TextRule.problem(id, column: "id", isID: true) { report(row.location("id"), problem) }
            let name = text(row, "name", isID: false)
            let kind = required(row, "kind") {
                ValueParser.word($0, column: $1, PersonKind.self)
            }
            let type = optional(row, "type") { text, column in
                Schema.reportingPersonTypes.contains(text) ? .success(text)
                    : .failure(ValueError("type \"\(text)\" is not a type of reporting person (\(Schema.reportingPersonTypes.joined(separator: " ")))"))
            }
            let majority = flag(row, "majority_rule", default: false)
            let intent = flag(row, "control_intent", default: false)
            let reporting = optional(row, "reporting", ValueParser.flag)
            let roles = optional(row, "roles") { text, column in
                ValueParser.list(text, column: column) {
                    ValueParser.word($0, column: column, ManagementRole.self)
                }
            }
            let until = optional(row, "roles_until", ValueParser.date)
            let funds = optional(row, "source_of_funds") { text, column in
                ValueParser.list(text, column: column) {
                    ValueParser.choice($0, column: column, ["SC": "SC", "BK": "BK", "AF": "AF", "WC": "WC", "PF": "PF", "OO": "OO"])
                }
            }
            let code = optional(row, "citizenship_code") { text, column in
                EDGARCodes.isCode(text) ? .success(text)
                    : .failure(ValueError("\(column) \"\(text)\" is not an EDGAR state or country code (for example DE, NY, X1, E9)"))
            }
            let filerType = optional(row, "filer_type") {
                ValueParser.word($0, column: $1, FilerType.self)
            }
            guard let id else { continue }
            // An id counts as defined even on a row rejected for another reason.
            let accepted = name != nil && kind != nil && diagnostics.count == before
            var person: Person?
            if accepted, let name, let kind {
                let citizenship = row.value("citizenship")
                person = Person(id: id, name: name, kind: kind, type: type ?? Person.defaultType(kind),
                                citizenship: citizenship, majorityRule: majority,
                                controlIntent: intent, reporting: reporting, roles: roles ?? [],
                                address: row.value("address"), sourceOfFunds: funds ?? [],
                                citizenshipCode: code ?? citizenship.flatMap(EDGARCodes.code(for:)),
                                location: row.location, filerType: filerType ?? .thirteenD)
                if let until { person?.rolesUntil = until }
            }
            var key = CaseReading.canonical(id)
            key.withUTF8 { definePerson(person, id: id, key: $0, mark: row.mark("id")) }
        }
        rows.finish(&self)
    }

    /// Records a person's id, under its canonical bytes `key`, defined at
    /// `mark`; `person` is nil for a row rejected for another reason, whose
    /// id still counts as defined. A second definition is reported and kept out.
    mutating func definePerson(_ person: Person?, id: String? = nil, key: UnsafeBufferPointer<UInt8>, mark: Mark) {
        guard result.persons.count < Int(CaseReading.groupBit) else { preconditionFailure("more than 2^30 persons") }
        let value = person.map { Int32(truncatingIfNeeded: result.persons.count) | ($0.kind == .group ? CaseReading.groupBit : 0) }
            ?? Int32(truncatingIfNeeded: -1 - rejectedPersons.count)
        if let first = personIDs.insert(key, value: value) {
            let before = first >= 0 ? personMarks[Int(first & ~CaseReading.groupBit)] : rejectedPersons[Int(-1 - first)]
            report(mark.location, "person \"\(id ?? person?.id ?? "")\" is defined twice: at \(before.location) and here")
            return
        }
        guard let person else { rejectedPersons.append(mark); return }
        personMarks.append(mark)
        result.persons.append(person)
    }

    /// The persons of persons.csv's second half, read on another core, one
    /// a record from `firstRecord` on: their ids recorded in order, as the
    /// rows' would be, each slot fetched a few persons ahead.
    mutating func definePersons(_ persons: [Person], firstRecord: Int, _ rows: RowReader) {
        let column = rows.index(of: "id")
        for (i, person) in persons.enumerated() {
            if i + Ahead.distance < persons.count {
                var ahead = persons[i + Ahead.distance].id
                ahead.withUTF8 { personIDs.prefetch($0) }
            }
            var id = person.id
            let mark = Mark(locator: rows.locator, record: firstRecord + i, index: column, line: person.location.line)
            id.withUTF8 { definePerson(person, key: $0, mark: mark) }
        }
    }

    mutating func readHolidays(_ files: [String: CSVInput]) {
        if let dates = readDates(files, "holidays.csv") { result.calendar = BusinessCalendar(holidays: dates) }
    }

    /// The next row for the general reading. With `fast`, the rows of the
    /// common shape are handed to `common` in one loop of the stream's,
    /// which stops at a row `common` refuses (false) or of another width:
    /// that row is the one returned. Without, every row is, each with the
    /// ids of a row some places on fetched ahead.
    @inline(__always)
    mutating func nextRow(_ rows: RowReader, _ ahead: Ahead, fast: Bool,
                          _ common: (inout CaseReading, CSVStream.Fields) -> Bool) -> Row? {
        guard fast else {
            defer { ahead.prefetch(self) }
            return rows.next(&self)
        }
        // Persons are not added to while rows are read: their table is read from a copy.
        let people = personIDs
        while rows.active && rows.stream.forEachRecord({ f, next in
            if let next {
                // The instrument table only for a file with instruments: passed, it would be retained for every row.
                if ahead.instrument == nil { ahead.prefetch(next, people: people) } else { ahead.prefetch(next, people: people, instruments: instrumentIDs) }
            }
            return f.count == rows.width && common(&self, f)
        }) {
            if let row = rows.current(&self) { return row }
        }
        return nil
    }

    /// holdings.csv. With `parts`, a large file of common rows is read in
    /// parts, by this thread and any other that joins (`HoldingParts.work`).
    mutating func readHoldings(_ files: [String: CSVInput], parts shared: HoldingParts? = nil) {
        let rows = open(files, "holdings.csv")
        let fast = FastHoldings(rows, ids)
        let ahead = Ahead(rows, persons: "holder")
        var lineFeeds: Int?
        if let shared {
            var plan: HoldingParts.Plan?
            if let fast, case .path(let path)? = files["holdings.csv"], let cut = shared.cut {
                lineFeeds = cut.lineFeeds
                if cut.parts.count > 1 {
                    plan = HoldingParts.Plan(path: path, file: rows.stream.file, parts: cut.parts, lineFeeds: cut.lineFeeds,
                                             width: rows.width, fast: fast, ahead: ahead)
                }
            }
            // Told at once, so that a thread waiting to join goes on when there are no parts.
            shared.start(plan)
            if plan != nil {
                shared.work()
                if let table = shared.finish() {
                    result.holdings = table
                    return
                }
                // A row for the general reading, or a problem: the file is
                // read again, whole and in order, by the reading that says
                // what is wrong and where.
            }
        }
        result.holdings.reserveCapacity(lineFeeds ?? files["holdings.csv"]?.lineCount() ?? 0)
        while let row = nextRow(rows, ahead, fast: fast != nil, { reading, f in
            fast!.read(f, into: &reading.result.holdings, line: rows.stream.recordLine)
        }) {
            let holder = person(row, "holder")
            let c = shareClass(row)
            let shares = required(row, "shares", ValueParser.shares)
            let voting = power(row, "voting", default: .sole)
            let dispositive = power(row, "dispositive", default: .sole)
            // Item 403(b): shares of the lot pledged as security, or yes for all of them.
            let pledged = optional(row, "pledged") { text, column in
                ["yes", "no"].contains(text.lowercased()) ? ValueParser.flag(text, column: column).map { $0 ? shares ?? .zero : .zero }
                    : ValueParser.shares(text, column: column)
            }
            if let pledged, let shares, pledged > shares {
                report(row.location("pledged"), "pledged \(grouped(pledged.count)) is more than the lot's \(grouped(shares.count)) shares")
                continue
            }
            guard let holder, let c, let shares, let voting, let dispositive else { continue }
            result.holdings.append(Holding(holder: holder, classIndex: c, shares: shares, voting: voting,
                                           dispositive: dispositive, note: row.value("note"), location: row.location,
                                           pledged: pledged.flatMap { $0.count > 0 ? $0 : nil }))
        }
        rows.finish(&self)
    }

    /// options.csv; `convertibleLines`, the lines of convertibles.csv, whose ids are reserved room with these.
    mutating func readGrants(_ files: [String: CSVInput], convertibleLines: Int, lines: Int? = nil) {
        let rows = open(files, "options.csv")
        let expected = lines ?? files["options.csv"]?.lineCount() ?? 0
        instrumentIDs.reserveCapacity(instrumentIDs.count + expected + convertibleLines)
        result.grants.reserveCapacity(expected)
        let fast = FastGrants(rows, ids)
        let ahead = Ahead(rows, persons: "holder", instrument: "id")
        while let row = nextRow(rows, ahead, fast: fast != nil, { reading, f in
            let stream = rows.stream, line = stream.recordLine
            guard let item = fast!.read(f, location: SourceLocation(file: stream.file, line: line, column: 1)) else { return false }
            if reading.defineInstrument(item.id, Row(rows: rows, record: stream.record, line: line)) { reading.result.grants.append(item) }
            return true
        }) {
            if let item = grant(row) { result.grants.append(item) }
        }
        rows.finish(&self)
    }

    /// One row in the columns of grants; nil (and reported) when wrong.
    mutating func grant(_ row: Row) -> Grant? {
        let id = text(row, "id", isID: true)
        let holder: Int?? = row.value("holder").map { reference(row, "holder", $0, allowGroup: false) }
        let kind = required(row, "kind") { text, column in
            ValueParser.word(text, column: column, GrantKind.self)
        }
        let c = shareClass(row)
        let shares = required(row, "shares", ValueParser.shares)
        let price = optional(row, "exercise_price", ValueParser.price)
        let from = optional(row, "exercisable_from", ValueParser.date)
        let expires = optional(row, "expires", ValueParser.date)
        let vestStart = optional(row, "vest_start", ValueParser.date)
        let vestMonths = optional(row, "vest_months", ValueParser.wholeNumber)
        let cliff = optional(row, "cliff_months", ValueParser.wholeNumber)
        let every = optional(row, "vest_every_months", ValueParser.wholeNumber)
        let cap = optional(row, "cap_percent", ValueParser.percent)
        var vesting: VestingSchedule?
        var ok = true
        if let vestStart {
            if let vestMonths {
                let problems = VestingSchedule.problems(months: vestMonths, cliffMonths: cliff ?? 0, everyMonths: every ?? 1)
                for p in problems { report(row.location(p.column), p.message) }
                if problems.isEmpty {
                    vesting = VestingSchedule(start: vestStart, months: vestMonths, cliffMonths: cliff ?? 0, everyMonths: every ?? 1)
                } else {
                    ok = false
                }
            } else if row.value("vest_months") == nil {
                report(row.location("vest_months"), "vest_months is required with vest_start")
                ok = false
            }
        } else if let column = ["vest_months", "cliff_months", "vest_every_months"].first(where: { row.value($0) != nil }) {
            report(row.location(column), "\(column) is given without vest_start")
            ok = false
        }
        for p in DateOrder.grant(exercisableFrom: from, expires: expires) { report(row.location(p.column), p.message); ok = false }
        if let id, !defineInstrument(id, row) { ok = false }
        guard ok, let id, let kind, let c, let shares, holder != .some(nil) else { return nil }
        return Grant(id: id, holder: holder ?? nil, kind: kind, classIndex: c, shares: shares,
                                   exercisePrice: price, exercisableFrom: from, expires: expires, vesting: vesting,
                                   cap: cap, note: row.value("note"), location: row.location)
    }

    /// convertibles.csv, of about `lines` rows.
    mutating func readConvertibles(_ files: [String: CSVInput], lines: Int) {
        let rows = open(files, "convertibles.csv")
        result.convertibles.reserveCapacity(result.convertibles.count + lines)
        let fast = FastConvertibles(rows, ids)
        let ahead = Ahead(rows, persons: "holder", instrument: "id")
        while let row = nextRow(rows, ahead, fast: fast != nil, { reading, f in
            let stream = rows.stream, line = stream.recordLine
            guard let item = fast!.read(f, location: SourceLocation(file: stream.file, line: line, column: 1)) else { return false }
            if reading.defineInstrument(item.id, Row(rows: rows, record: stream.record, line: line)) { reading.result.convertibles.append(item) }
            return true
        }) {
            if let item = convertible(row) { result.convertibles.append(item) }
        }
        rows.finish(&self)
    }

    /// One row in the columns of convertibles; nil (and reported) when wrong.
    mutating func convertible(_ row: Row) -> Convertible? {
        let id = text(row, "id", isID: true)
        let holder = person(row, "holder")
        let kind = required(row, "kind") { ValueParser.word($0, column: $1, ConvertibleKind.self) }
        let c = shareClass(row)
        let principal = optional(row, "principal", ValueParser.money)
        let price = optional(row, "conversion_price", ValueParser.price)
        let units = optional(row, "units", ValueParser.shares)
        let ratio = optional(row, "conversion_ratio", ValueParser.ratio)
        let issued = optional(row, "issued", ValueParser.date)
        let from = optional(row, "convertible_from", ValueParser.date)
        let maturity = optional(row, "maturity", ValueParser.date)
        let rate = optional(row, "rate", ValueParser.percent)
        let interest = optional(row, "interest") {
            ValueParser.word($0, column: $1, InterestKind.self)
        } ?? (row.value("interest") == nil ? InterestKind.none : nil)
        let dayCount = optional(row, "day_count") {
            ValueParser.word($0, column: $1, DayCount.self)
        } ?? (row.value("day_count") == nil ? DayCount.thirty360 : nil)
        let months = optional(row, "pik_months", CaseReading.months)
        let first = optional(row, "first_payment", ValueParser.date)
        let converts = flag(row, "converts_interest", default: true)
        let cap = optional(row, "cap_percent", ValueParser.percent)
        let antiDilution = optional(row, "anti_dilution") {
            ValueParser.choice($0, column: $1, ValueParser.antiDilutionWords.map { ($0.word, $0.value) })
        }
        var ok = true
        func need(_ column: String, _ present: Bool, for what: String) {
            if !present, row.value(column) == nil { report(row.location(column), "\(column) is required for \(what)"); ok = false }
        }
        func refuse(_ column: String, for what: String) {
            if row.value(column) != nil { report(row.location(column), "\(column) does not apply to \(what)"); ok = false }
        }
        switch kind {
        case .note:
            need("principal", principal != nil, for: "a note")
            need("conversion_price", price != nil, for: "a note")
            need("issued", issued != nil, for: "a note")
            refuse("units", for: "a note")
            refuse("conversion_ratio", for: "a note")
            if let price, price.dollars == .zero {
                report(row.location("conversion_price"), "conversion_price must be more than zero"); ok = false
            }
            if interest == .pik { need("pik_months", months != nil, for: "paid-in-kind interest") }
            if interest != .pik { refuse("pik_months", for: "interest that is not pik") }
            if let issued, let maturity, maturity < issued {
                report(row.location("maturity"), "maturity \(maturity) is before issued \(issued)"); ok = false
            }
            for p in DateOrder.note(issued: issued, firstPayment: first) { report(row.location(p.column), p.message); ok = false }
        case .preferred:
            need("units", units != nil, for: "preferred")
            need("conversion_ratio", ratio != nil, for: "preferred")
            for column in ["principal", "conversion_price", "rate", "interest", "day_count", "pik_months", "first_payment"] {
                refuse(column, for: "preferred")
            }
        case nil:
            ok = false
        }
        if let id, !defineInstrument(id, row) { ok = false }
        guard ok, let id, let holder, let kind, let c, let interest, let dayCount else { return nil }
        if row.value("rate") != nil && rate == nil { return nil }
        return Convertible(
            id: id, holder: holder, kind: kind, classIndex: c, principal: principal, conversionPrice: price,
            units: units, conversionRatio: ratio, issued: issued, convertibleFrom: from, maturity: maturity,
            rate: rate ?? Percent(.zero), interest: interest, dayCount: dayCount, pikMonths: months ?? [],
            firstPayment: first, convertsInterest: converts, cap: cap, note: row.value("note"), location: row.location,
            weightedAverageAntiDilution: antiDilution == true)
    }

    /// `2,8`: months of the year, 1 to 12.
    static func months(_ text: String, column: String) -> Result<[Int], ValueError> {
        // Foundation trims only a part that starts or ends with white space.
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.first?.isWhitespace == true || $0.last?.isWhitespace == true ? $0.trimmingCharacters(in: .whitespaces) : String($0)
        }
        var months: [Int] = []
        for p in parts {
            guard let m = Int(p), (1...12).contains(m), p.allSatisfy(\.isASCIIDigit) else {
                return .failure(ValueError("\(column) \"\(text)\" is not a list of months 1 to 12 (for example 2,8)"))
            }
            months.append(m)
        }
        return .success(Array(Set(months)).sorted())
    }

    mutating func readRelations(_ files: [String: CSVInput], lines: Int? = nil) {
        var pairs: [UInt64: Mark] = [:]
        let rows = open(files, "relations.csv")
        let expected = lines ?? files["relations.csv"]?.lineCount() ?? 0
        pairs.reserveCapacity(expected)
        result.relations.reserveCapacity(result.relations.count + expected)
        let ahead = Ahead(rows, persons: "controller", "controlled")
        let fast = FastRelations(rows, ids)
        while let row = rows.next(&self) {
            ahead.prefetch(self)
            let read = fast?.read()
            let controller, controlled: Int, role: ControlRole, voting, dispositive: Power, disclaims: Bool
            var statement = false
            if let read {
                (controller, controlled, role, voting, dispositive, disclaims) = read
            } else {
                let a = person(row, "controller")
                let b = person(row, "controlled")
                let r = required(row, "role") { text, column in
                    ValueParser.word(text, column: column, ControlRole.self)
                }
                let v = power(row, "voting", default: .shared, allowNone: false)
                let d = power(row, "dispositive", default: .shared, allowNone: false)
                // A flag (yes: left out of rows 7 to 11), or the word for a disclaimer stated in words.
                let word = optional(row, "disclaims") { text, column -> Result<(disclaims: Bool, statement: Bool), ValueError> in
                    if text.lowercased() == ControlRelation.statementWord { return .success((false, true)) }
                    return ValueParser.flag(text, column: column).map { ($0, false) }
                        .mapError { _ in ValueError("\(column) \"\(text)\" is not one of yes, no, \(ControlRelation.statementWord)") }
                }
                guard let a, let b, let r, let v, let d, row.value("disclaims") == nil || word != nil else { continue }
                (controller, controlled, role, voting, dispositive, disclaims) = (a, b, r, v, d, word?.disclaims ?? false)
                statement = word?.statement ?? false
            }
            if controller == controlled {
                report(row.location("controlled"), "\"\(result.persons[controller].id)\" cannot control itself")
                continue
            }
            let pair = UInt64(controller) << 32 | UInt64(controlled)
            if let first = pairs[pair] {
                report(row.location("controlled"), "the control of \"\(result.persons[controlled].id)\" by \"\(result.persons[controller].id)\" is given twice: at \(first.location) and here")
                continue
            }
            pairs[pair] = row.mark("controlled")
            result.relations.append(ControlRelation(controller: controller, controlled: controlled, role: role,
                                                    voting: voting, dispositive: dispositive, disclaims: disclaims,
                                                    note: read == nil ? row.value("note") : nil, location: row.location,
                                                    statesDisclaimer: statement))
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

    mutating func readGroups(_ files: [String: CSVInput]) {
        var seen: [UInt64: Mark] = [:]
        let rows = open(files, "groups.csv")
        while let row = rows.next(&self) {
            guard let groupID = required(row, "group") else { _ = person(row, "member"); continue }
            let group = reference(row, "group", groupID, allowGroup: true)
            let member = person(row, "member")
            guard let group, let member else { continue }
            guard result.persons[group].kind == .group else {
                report(row.location("group"), "group \"\(groupID)\" is not of kind group in persons.csv")
                continue
            }
            let pair = UInt64(group) << 32 | UInt64(member)
            if let first = seen[pair] {
                report(row.location("member"), "\"\(result.persons[member].id)\" is listed twice in group \"\(groupID)\": at \(first.location) and here")
                continue
            }
            seen[pair] = row.mark("member")
            result.memberships.append(GroupMembership(group: group, member: member, location: row.location))
        }
        rows.finish(&self)
    }

    /// Holdings within the outstanding figure; holdings and grants of a class
    /// within 10^15 shares, so that no sum the calculator forms can overflow.
    mutating func checkOutstanding() {
        let limit = Int128(ValueParser.maximumWholeNumber)
        var held = [Int128](repeating: 0, count: result.classes.count)
        var granted = held
        result.holdings.forEachClass { i, k in held[k] += Int128(result.holdings.shareCount(i)) }
        for i in result.grants.indices {
            let k = result.grants.classIndex(i), n = Int128(result.grants.shareCount(i))
            granted[k] += n
            if granted[k] > limit, granted[k] - n <= limit {
                report(result.grants[i].location, "the grants of class \"\(result.classes[k].id)\" add up to more than 10^15 shares")
            }
        }
        for (c, shareClass) in result.classes.enumerated() {
            let location = SourceLocation(file: shareClass.location.file, line: shareClass.location.line, column: 1)
            if let reported = shareClass.reportedOutstanding {
                if held[c] > Int128(reported.count) {
                    report(location, "holdings of class \"\(shareClass.id)\" add up to \(held[c]) shares, more than the \(reported) outstanding")
                }
            } else if held[c] > limit {
                report(location, "holdings of class \"\(shareClass.id)\" add up to more than 10^15 shares")
            }
        }
    }
}

/// Persons and classes by the bytes of their ids, made once persons.csv and
/// classes.csv are read, for the files whose rows name them by the million.
struct IDTables: Sendable {
    let people: IDTable
    let classes: IDTable

    init(_ reading: CaseReading) {
        people = reading.personIDs
        classes = IDTable(reading.classIDs)
    }

    /// A person who may hold: not a group, which its id's value says
    /// (`CaseReading.groupBit`), so that the person is not read.
    func holder(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let t = FieldBytes.trimmed(b), let p = people.value(t), p >= 0, p & CaseReading.groupBit == 0 else { return nil }
        return p
    }

    func shareClass(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        FieldBytes.trimmed(b).flatMap(classes.value)
    }
}

/// The ids a row some rows ahead will look up, fetched before it is read: a
/// book's persons and instruments are spread over tables larger than the
/// cache, and a lookup that waits for main memory is most of a row's cost.
struct Ahead {
    /// How many rows ahead: enough for a fetch from main memory to finish
    /// before the row is read.
    static let distance = 8

    let stream: CSVStream
    let first: Int?, second: Int?, instrument: Int?

    init(_ rows: RowReader, persons first: String, _ second: String? = nil, instrument: String? = nil) {
        stream = rows.stream
        self.first = rows.index(of: first)
        self.second = second.flatMap(rows.index)
        self.instrument = instrument.flatMap(rows.index)
        if rows.active { stream.lookahead = Ahead.distance }
    }

    func prefetch(_ reading: CaseReading) {
        stream.withFields(ahead: Ahead.distance) { prefetch($0, people: reading.personIDs, instruments: reading.instrumentIDs) }
    }

    /// Fetches the ids of a row ahead, given its fields. The tables are
    /// passed rather than the reading, which a loop that changes it would
    /// copy whole for every row.
    @inline(__always)
    func prefetch(_ f: CSVStream.Fields, people: borrowing IDTable) {
        // Called directly, not passed as closures, which would retain the tables for every row.
        if let k = key(f, first) { people.prefetch(k) }
        if let k = key(f, second) { people.prefetch(k) }
    }

    @inline(__always)
    func prefetch(_ f: CSVStream.Fields, people: borrowing IDTable, instruments: borrowing InstrumentIDs) {
        prefetch(f, people: people)
        if let k = key(f, instrument) { instruments.prefetch(k) }
    }

    /// The id in `column` of a row ahead, to fetch.
    func key(_ f: CSVStream.Fields, _ column: Int?) -> UnsafeBufferPointer<UInt8>? {
        guard let c = column, c < f.count else { return nil }
        return FieldBytes.trimmed(f[c])
    }
}

/// Values read straight from a field's bytes, for the rows of the common
/// shape. Nil means "not this simple", never "wrong": the general reading
/// then reads the row and reports what is wrong with it.
enum FieldBytes {
    /// Without blanks around it; nil when an edge is not ASCII (Unicode blanks are the general reading's).
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
        if lo < hi, b[lo] >= 0x80 || b[hi - 1] >= 0x80 { return nil }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    /// An optional column: .some(nil) when absent or blank, .some(value)
    /// when `parse` reads it, nil when it does not.
    static func optional<T>(_ fields: CSVStream.Fields, _ column: Int?,
                            _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T?? {
        guard let column else { return .some(nil) }
        guard let t = trimmed(fields[column]) else { return nil }
        if t.isEmpty { return .some(nil) }
        return parse(t).map { .some($0) }
    }

    /// A whole number within the limit of 10^15, plain or with thousands
    /// separators, by the rule `ValueParser.wholeNumber` reads.
    static func digits(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        ValueParser.digitsWithSeparators(bytes: b).flatMap { $0 <= ValueParser.maximumWholeNumber ? $0 : nil }
    }

    /// `YYYY-MM-DD`, a day that exists.
    static func date(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard b[i] &- 0x30 < 10 else { return nil }
                n = n * 10 + Int(b[i] &- 0x30)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), y >= 1 else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    static func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    /// A value the plain byte readings do not take (`$1,250.00`, `13 1/4`),
    /// read by the general parser itself: the one statement of its rule.
    static func general<T>(_ b: UnsafeBufferPointer<UInt8>, _ parse: (String, String) -> Result<T, ValueError>) -> T? {
        try? parse(text(b), "").get()
    }

    /// The spellings `ValueParser.flag` reads, in lower case; any other
    /// case is the general reading's.
    static func flag(_ t: UnsafeBufferPointer<UInt8>) -> Bool? {
        for (bytes, value) in FieldBytes.flagWords where bytes.count == t.count {
            if bytes.withUnsafeBytes({ memcmp($0.baseAddress!, t.baseAddress!, t.count) }) == 0 { return value }
        }
        return nil
    }

    /// A plain decimal from 0 to 100, without `%`, as `ValueParser.percent` reads it.
    static func percent(_ t: UnsafeBufferPointer<UInt8>) -> Percent? {
        ValueParser.plainDecimal(t, decimals: 6).flatMap { $0 <= Fraction(100) ? Percent($0) : nil }
    }

    /// `sole`, `shared` or `none`, spelled exactly.
    static func power(_ t: UnsafeBufferPointer<UInt8>) -> Power? {
        // The enum's words as bytes, made once: a million lots read two each.
        for (bytes, power) in FieldBytes.powerWords where bytes.count == t.count {
            if bytes.withUnsafeBytes({ memcmp($0.baseAddress!, t.baseAddress!, t.count) }) == 0 { return power }
        }
        return nil
    }

    /// `Power`'s and `ValueParser.flagWords`' words as bytes, made once from them.
    static let powerWords: [([UInt8], Power)] = Power.allCases.map { (Array($0.word.utf8), $0) }
    static let flagWords: [([UInt8], Bool)] = ValueParser.flagWords.map { (Array($0.word.utf8), $0.value) }

    /// The case of `T` whose word the bytes are, spelled exactly: the enum's own list.
    static func word<T: CaseIterable & RawRepresentable>(_ t: UnsafeBufferPointer<UInt8>, _: T.Type) -> T? where T.RawValue == String {
        T.allCases.first { t.elementsEqual($0.rawValue.utf8) }
    }

}

/// The common holdings row read straight from its bytes: ids found by their
/// bytes, whole numbers (thousands separators too), powers spelled exactly
/// or blank, a note. Any other row is left to the general reading, which
/// reports what is wrong with it.
final class FastHoldings {
    let stream: CSVStream
    let ids: IDTables
    let holder: Int, shareClass: Int, shares: Int
    let voting: Int?, dispositive: Int?, note: Int?

    init?(_ rows: RowReader, _ ids: IDTables?) {
        // A file that pledges shares is read by the general reading.
        guard let ids, rows.active, let holder = rows.index(of: "holder"), let shareClass = rows.index(of: "class"),
              let shares = rows.index(of: "shares"), rows.index(of: "pledged") == nil else { return nil }
        stream = rows.stream
        self.ids = ids
        self.holder = holder
        self.shareClass = shareClass
        self.shares = shares
        voting = rows.index(of: "voting")
        dispositive = rows.index(of: "dispositive")
        note = rows.index(of: "note")
    }

    /// The same columns, read from `stream`: for a part of the file.
    init(_ other: FastHoldings, stream: CSVStream) {
        self.stream = stream
        ids = other.ids
        (holder, shareClass, shares) = (other.holder, other.shareClass, other.shares)
        (voting, dispositive, note) = (other.voting, other.dispositive, other.note)
    }

    /// Appends the lot of a row of these fields; false when the row needs the general reading.
    func read(_ f: CSVStream.Fields, into table: inout HoldingTable, line: Int) -> Bool {
        guard let h = ids.holder(f[holder]), let k = shareClass(f[shareClass]),
              let n = FieldBytes.trimmed(f[shares]).flatMap(FieldBytes.digits),
              let v = FastHoldings.power(f, voting), let d = FastHoldings.power(f, dispositive),
              case .some(let text) = FieldBytes.optional(f, note, FieldBytes.text) else { return false }
        table.append(holder: h, classIndex: k, shares: n, voting: v, dispositive: d, file: stream.file, line: line)
        // A note as the general reading keeps it: the field without its blanks.
        if let text { table.setLastNote(text) }
        return true
    }

    /// The class of the last row, by its id's bytes: a ledger lists a
    /// class's lots together, so most rows name the class the row before did.
    private var lastClass: (head: (UInt64, UInt64), count: Int, index: Int32)?

    private func shareClass(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let t = FieldBytes.trimmed(b), t.count <= 16 else { return ids.shareClass(b) }
        let head = IDTable.head(t)
        if let last = lastClass, last.count == t.count, last.head == head { return last.index }
        guard let k = ids.classes.value(t) else { return nil }
        lastClass = (head, t.count, k)
        return k
    }

    static func power(_ f: CSVStream.Fields, _ column: Int?) -> Power? {
        guard case .some(let power) = FieldBytes.optional(f, column, FieldBytes.power) else { return nil }
        return power ?? .sole
    }
}

/// The common persons.csv row read straight from its bytes: a file whose
/// columns are only id, name, kind, type, majority_rule and control_intent;
/// an ASCII id, a name, a kind and a type spelled exactly, flags written
/// yes, no, true, false, y or n. Any other row is left to the general
/// reading, which reports what is wrong with it.
final class FastPersons {
    let stream: CSVStream
    let id: Int, name: Int, kind: Int
    let type: Int?, majority: Int?, intent: Int?
    let citizenship: Int?, address: Int?, roles: Int?
    static let columns: Set = ["id", "name", "kind", "type", "majority_rule", "control_intent", "citizenship", "address", "roles"]

    /// Where the columns read are, for a reader of another stream of the same file.
    struct Columns: Sendable {
        let id: Int, name: Int, kind: Int
        let type: Int?, majority: Int?, intent: Int?
        let citizenship: Int?, address: Int?, roles: Int?
    }

    var columns: Columns {
        Columns(id: id, name: name, kind: kind, type: type, majority: majority, intent: intent,
                citizenship: citizenship, address: address, roles: roles)
    }

    init(_ columns: Columns, stream: CSVStream) {
        self.stream = stream
        (id, name, kind) = (columns.id, columns.name, columns.kind)
        (type, majority, intent) = (columns.type, columns.majority, columns.intent)
        (citizenship, address, roles) = (columns.citizenship, columns.address, columns.roles)
    }

    /// The EDGAR code of each citizenship met, looked up once.
    private var codes: [String: String?] = [:]

    /// The persons of a part of the file at `path` (`CSVInput.parts`), every
    /// row `width` fields wide and of the common shape; nil when a row is
    /// not, or the part cannot be parsed.
    static func read(_ part: (bytes: Range<Int>, firstLine: Int), of path: String, file: String,
                     columns: Columns, width: Int) -> [Person]? {
        let stream = CSVStream(.path(path), file: file, part: part)
        let fast = FastPersons(columns, stream: stream)
        var persons: [Person] = []
        let stopped = stream.forEachRecord { f, _ in
            guard f.count == width, let person = fast.read(line: stream.recordLine) else { return false }
            persons.append(person)
            return true
        }
        return stopped || stream.failure != nil ? nil : persons
    }

    init?(_ rows: RowReader) {
        guard rows.active, rows.columns.allSatisfy({ FastPersons.columns.contains($0.0) }),
              let id = rows.index(of: "id"), let name = rows.index(of: "name"), let kind = rows.index(of: "kind")
        else { return nil }
        stream = rows.stream
        (self.id, self.name, self.kind) = (id, name, kind)
        type = rows.index(of: "type")
        majority = rows.index(of: "majority_rule")
        intent = rows.index(of: "control_intent")
        citizenship = rows.index(of: "citizenship")
        address = rows.index(of: "address")
        roles = rows.index(of: "roles")
    }

    /// The current row's person, its id not yet recorded; nil when the row needs the general reading.
    func read(line: Int) -> Person? {
        stream.withFields { f -> Person? in
            // TextRule's: a row whose id or name it refuses is left to the general reading, which says why.
            guard let id = FieldBytes.trimmed(f[id]), !id.isEmpty, id.allSatisfy({ $0 < 0x80 }), TextRule.allows(id, isID: true),
                  let name = FieldBytes.trimmed(f[name]), !name.isEmpty, TextRule.allows(name, isID: false),
                  let kind = FieldBytes.trimmed(f[kind]).flatMap(FastPersons.kind),
                  case .some(let type) = FieldBytes.optional(f, type, FastPersons.type),
                  case .some(let majority) = FieldBytes.optional(f, majority, FieldBytes.flag),
                  case .some(let intent) = FieldBytes.optional(f, intent, FieldBytes.flag),
                  case .some(let citizenship) = FieldBytes.optional(f, citizenship, FieldBytes.text),
                  case .some(let address) = FieldBytes.optional(f, address, FieldBytes.text),
                  case .some(let roles) = FieldBytes.optional(f, roles, { b in
                      FieldBytes.general(b) { text, column in
                          ValueParser.list(text, column: column) { ValueParser.word($0, column: column, ManagementRole.self) }
                      } }) else { return nil }
            // Made whole, with nothing to keep aside, rather than field by field.
            guard var person = Person(id: FieldBytes.text(id), name: FieldBytes.text(name), kind: kind,
                                      typeCode: type ?? (kind == .individual ? FastPersons.individual : FastPersons.other),
                                      majorityRule: majority ?? false, controlIntent: intent ?? false, line: line) else { return nil }
            // What only some persons have, kept aside as the general reading keeps it.
            if let citizenship {
                person.citizenship = citizenship
                let code: String?
                if let known = codes[citizenship] { code = known } else { code = EDGARCodes.code(for: citizenship); codes[citizenship] = code }
                if let code { person.citizenshipCode = code }
            }
            if let address { person.address = address }
            if let roles, !roles.isEmpty { person.roles = roles }
            return person
        }
    }

    /// The codes of `Person.defaultType`.
    static let individual = Person.code(Person.defaultType(.individual))
    static let other = Person.code(Person.defaultType(.entity))

    static func kind(_ t: UnsafeBufferPointer<UInt8>) -> PersonKind? {
        FieldBytes.word(t, PersonKind.self)
    }

    /// A type of row 14, by its code.
    static func type(_ t: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard t.count == 2 else { return nil }
        let code = Person.code(t[0], t[1])
        return code == .max ? nil : code
    }
}

/// The common relations.csv row read straight from its bytes: two persons
/// who are not groups, a role and powers spelled exactly, a flag written
/// yes, no, true, false, y or n, no note. Any other row is left to the
/// general reading, which reports what is wrong with it.
final class FastRelations {
    let stream: CSVStream
    let ids: IDTables
    let controller: Int, controlled: Int, role: Int
    let voting: Int?, dispositive: Int?, disclaims: Int?, note: Int?

    init?(_ rows: RowReader, _ ids: IDTables?) {
        guard let ids, rows.active, let controller = rows.index(of: "controller"),
              let controlled = rows.index(of: "controlled"), let role = rows.index(of: "role") else { return nil }
        stream = rows.stream
        self.ids = ids
        (self.controller, self.controlled, self.role) = (controller, controlled, role)
        voting = rows.index(of: "voting")
        dispositive = rows.index(of: "dispositive")
        disclaims = rows.index(of: "disclaims")
        note = rows.index(of: "note")
    }

    /// The current row's relation; nil when the row needs the general reading.
    func read() -> (Int, Int, ControlRole, Power, Power, Bool)? {
        stream.withFields { f -> (Int, Int, ControlRole, Power, Power, Bool)? in
            guard let a = ids.holder(f[controller]), let b = ids.holder(f[controlled]),
                  let r = FieldBytes.trimmed(f[role]).flatMap(FastRelations.role),
                  case .some(let v) = FieldBytes.optional(f, voting, FastRelations.power),
                  case .some(let d) = FieldBytes.optional(f, dispositive, FastRelations.power),
                  case .some(let disclaimed) = FieldBytes.optional(f, disclaims, FieldBytes.flag),
                  case .some(nil) = FieldBytes.optional(f, note, { _ in () }) else { return nil }
            return (Int(a), Int(b), r, v ?? .shared, d ?? .shared, disclaimed ?? false)
        }
    }

    static func role(_ t: UnsafeBufferPointer<UInt8>) -> ControlRole? { FieldBytes.word(t, ControlRole.self) }

    /// Sole or shared: a relation gives no power of "none".
    static func power(_ t: UnsafeBufferPointer<UInt8>) -> Power? {
        FieldBytes.power(t).flatMap { $0 == Power.none ? nil : $0 }
    }
}

/// The common options.csv row read straight from its bytes; any other row
/// is left to the general reading.
final class FastGrants {
    let stream: CSVStream
    let ids: IDTables
    let id: Int, holder: Int, kind: Int, shareClass: Int, shares: Int
    let price: Int?, from: Int?, expires: Int?, vestStart: Int?, vestMonths: Int?, cliff: Int?, every: Int?
    let cap: Int?, note: Int?

    init?(_ rows: RowReader, _ ids: IDTables?) {
        guard let ids, rows.active, let id = rows.index(of: "id"), let holder = rows.index(of: "holder"),
              let kind = rows.index(of: "kind"), let shareClass = rows.index(of: "class"),
              let shares = rows.index(of: "shares") else { return nil }
        stream = rows.stream
        self.ids = ids
        (self.id, self.holder, self.kind, self.shareClass, self.shares) = (id, holder, kind, shareClass, shares)
        price = rows.index(of: "exercise_price")
        from = rows.index(of: "exercisable_from")
        expires = rows.index(of: "expires")
        vestStart = rows.index(of: "vest_start")
        vestMonths = rows.index(of: "vest_months")
        cliff = rows.index(of: "cliff_months")
        every = rows.index(of: "vest_every_months")
        cap = rows.index(of: "cap_percent")
        note = rows.index(of: "note")
    }

    /// The grant of a row of these fields, its id not yet recorded; nil when the row needs the general reading.
    func read(_ f: CSVStream.Fields, location: SourceLocation) -> Grant? {
        guard let idBytes = FieldBytes.trimmed(f[id]), !idBytes.isEmpty, TextRule.allows(idBytes, isID: true),
              let holderText = FieldBytes.trimmed(f[holder]),
              let kind = FieldBytes.trimmed(f[kind]).flatMap(FastGrants.kind),
              let k = ids.shareClass(f[shareClass]),
              let n = FieldBytes.trimmed(f[shares]).flatMap(FieldBytes.digits),
              case .some(let price) = FieldBytes.optional(f, price, {
                  ValueParser.plainDecimal($0, decimals: 6) ?? FieldBytes.general($0, ValueParser.price).map(\.dollars) }),
              case .some(let from) = FieldBytes.optional(f, from, FieldBytes.date),
              case .some(let expires) = FieldBytes.optional(f, expires, FieldBytes.date),
              case .some(let start) = FieldBytes.optional(f, vestStart, FieldBytes.date),
              case .some(let months) = FieldBytes.optional(f, vestMonths, FieldBytes.digits),
              case .some(let cliff) = FieldBytes.optional(f, cliff, FieldBytes.digits),
              case .some(let every) = FieldBytes.optional(f, every, FieldBytes.digits),
              case .some(let cap) = FieldBytes.optional(f, cap, FieldBytes.percent),
              case .some(let note) = FieldBytes.optional(f, note, FieldBytes.text) else { return nil }
        var holderIndex: Int32?
        if !holderText.isEmpty {
            guard let h = ids.holder(holderText) else { return nil }
            holderIndex = h
        }
        guard DateOrder.grant(exercisableFrom: from, expires: expires).isEmpty else { return nil }
        // Vesting as the general reading accepts it, and nothing else.
        var vesting: VestingSchedule?
        if let start {
            guard let months, VestingSchedule.problems(months: months, cliffMonths: cliff ?? 0, everyMonths: every ?? 1).isEmpty
            else { return nil }
            vesting = VestingSchedule(start: start, months: months, cliffMonths: cliff ?? 0, everyMonths: every ?? 1)
        } else if months != nil || cliff != nil || every != nil {
            return nil
        }
        return Grant(id: FieldBytes.text(idBytes), holder: holderIndex.map(Int.init), kind: kind, classIndex: Int(k),
                     shares: Shares(n), exercisePrice: price.map(Price.init), exercisableFrom: from, expires: expires,
                     vesting: vesting, cap: cap, note: note, location: location)
    }

    static func kind(_ t: UnsafeBufferPointer<UInt8>) -> GrantKind? {
        FieldBytes.word(t, GrantKind.self)
    }
}

/// The common convertibles.csv row read straight from its bytes: ids found
/// by their bytes; amounts, prices, ratios and rates as plain decimals
/// (no `$`, separators, fractions or `%`); dates as YYYY-MM-DD; words spelled
/// exactly; and every rule of the general reading met. Any other row is
/// left to the general reading, which reports what is wrong with it.
final class FastConvertibles {
    let ids: IDTables
    let id: Int, holder: Int, kind: Int, shareClass: Int
    let principal: Int?, price: Int?, units: Int?, ratio: Int?, issued: Int?, from: Int?, maturity: Int?
    let rate: Int?, interest: Int?, dayCount: Int?, months: Int?, first: Int?, converts: Int?, cap: Int?
    let antiDilution: Int?, note: Int?

    init?(_ rows: RowReader, _ ids: IDTables?) {
        guard let ids, rows.active, let id = rows.index(of: "id"), let holder = rows.index(of: "holder"),
              let kind = rows.index(of: "kind"), let shareClass = rows.index(of: "class") else { return nil }
        self.ids = ids
        (self.id, self.holder, self.kind, self.shareClass) = (id, holder, kind, shareClass)
        (principal, price, units, ratio) = (rows.index(of: "principal"), rows.index(of: "conversion_price"),
                                            rows.index(of: "units"), rows.index(of: "conversion_ratio"))
        (issued, from, maturity) = (rows.index(of: "issued"), rows.index(of: "convertible_from"), rows.index(of: "maturity"))
        (rate, interest, dayCount) = (rows.index(of: "rate"), rows.index(of: "interest"), rows.index(of: "day_count"))
        (months, first, converts) = (rows.index(of: "pik_months"), rows.index(of: "first_payment"), rows.index(of: "converts_interest"))
        (cap, antiDilution, note) = (rows.index(of: "cap_percent"), rows.index(of: "anti_dilution"), rows.index(of: "note"))
    }

    /// The note or preferred lot of a row of these fields, its id not yet
    /// recorded; nil when the row needs the general reading.
    func read(_ f: CSVStream.Fields, location: SourceLocation) -> Convertible? {
        typealias B = FieldBytes
        guard let idBytes = B.trimmed(f[id]), !idBytes.isEmpty, TextRule.allows(idBytes, isID: true),
              let h = B.trimmed(f[holder]).flatMap(ids.holder),
              let kind = B.trimmed(f[kind]).flatMap({ B.word($0, ConvertibleKind.self) }),
              let k = ids.shareClass(f[shareClass]),
              case .some(let principal) = B.optional(f, principal, { FastConvertibles.money($0) ?? B.general($0, ValueParser.money) }),
              case .some(let price) = B.optional(f, price, {
                  ValueParser.plainDecimal($0, decimals: 6) ?? B.general($0, ValueParser.price).map(\.dollars) }),
              case .some(let units) = B.optional(f, units, B.digits),
              case .some(let ratio) = B.optional(f, ratio, { ValueParser.plainDecimal($0, decimals: 6) }),
              case .some(let issued) = B.optional(f, issued, B.date),
              case .some(let from) = B.optional(f, from, B.date),
              case .some(let maturity) = B.optional(f, maturity, B.date),
              case .some(let rate) = B.optional(f, rate, FieldBytes.percent),
              case .some(let interest) = B.optional(f, interest, {
                  B.word($0, InterestKind.self) }),
              case .some(let dayCount) = B.optional(f, dayCount, {
                  B.word($0, DayCount.self) }),
              case .some(let months) = B.optional(f, months, FastConvertibles.months),
              case .some(let first) = B.optional(f, first, B.date),
              case .some(let converts) = B.optional(f, converts, FieldBytes.flag),
              case .some(let cap) = B.optional(f, cap, FieldBytes.percent),
              case .some(let antiDilution) = B.optional(f, antiDilution, {
                  t in ValueParser.antiDilutionWords.first { t.elementsEqual($0.word.utf8) }?.value }),
              case .some(let note) = B.optional(f, note, B.text) else { return nil }
        // The general reading's rules, each met, or the row is left to it.
        switch kind {
        case .note:
            guard let price, principal != nil, issued != nil, units == nil, ratio == nil, price > .zero,
                  (interest == .pik) == (months != nil), maturity.map({ $0 >= issued! }) ?? true,
                  DateOrder.note(issued: issued, firstPayment: first).isEmpty else { return nil }
        case .preferred:
            guard units != nil, ratio != nil, principal == nil, price == nil, rate == nil, interest == nil,
                  dayCount == nil, months == nil, first == nil else { return nil }
        }
        return Convertible(
            id: B.text(idBytes), holder: Int(h), kind: kind, classIndex: Int(k), principal: principal,
            conversionPrice: price.map(Price.init), units: units.map(Shares.init), conversionRatio: ratio, issued: issued,
            convertibleFrom: from, maturity: maturity, rate: rate ?? Percent(.zero), interest: interest ?? .none,
            dayCount: dayCount ?? .thirty360, pikMonths: months ?? [], firstPayment: first, convertsInterest: converts ?? true,
            cap: cap, note: note, location: location, weightedAverageAntiDilution: antiDilution == true)
    }

    /// Whole dollars in digits, and a point with one or two digits of cents.
    static func money(_ b: UnsafeBufferPointer<UInt8>) -> Money? {
        let point = b.firstIndex(of: 0x2E) ?? b.count
        guard let dollars = FieldBytes.digits(UnsafeBufferPointer(rebasing: b[..<point])) else { return nil }
        var cents = 0
        if point < b.count {
            let decimals = UnsafeBufferPointer(rebasing: b[(point + 1)...])
            guard (1...2).contains(decimals.count), let n = FieldBytes.digits(decimals) else { return nil }
            cents = decimals.count == 1 ? n * 10 : n
        }
        return Money(cents: Int128(dollars) * 100 + Int128(cents))
    }

    /// Months 1 to 12 in digits, separated by commas alone; each once, in
    /// order, as the general reading gives them (`CaseReading.months`).
    static func months(_ b: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var seen: UInt16 = 0
        for part in b.split(separator: 0x2C, omittingEmptySubsequences: false) {
            guard part.count <= 2, let m = FieldBytes.digits(UnsafeBufferPointer(rebasing: part)), (1...12).contains(m) else { return nil }
            seen |= 1 << UInt16(m)
        }
        return (1...12).filter { seen & 1 << UInt16($0) != 0 }
    }

}

/// holdings.csv read in parts by two threads at once: the thread that reads
/// it, from the first part on, and any thread that is done with its own
/// files and joins (`work`). Each part is read by its own stream, with the
/// rows of the common shape only (`FastHoldings`), into a table of its own,
/// which joins the whole as soon as the parts before it have.
///
/// Reading in parts is a guess that every row is common: a part with any
/// other row, or that cannot be parsed, fails, and the file is then read
/// again whole, in order, by the reading that reports what is wrong.
final class HoldingParts: @unchecked Sendable {
    struct Plan {
        let path: String, file: String
        let parts: [(bytes: Range<Int>, firstLine: Int)]
        let lineFeeds: Int
        let width: Int
        let fast: FastHoldings
        /// The ids fetched ahead of a row (its holder's).
        let ahead: Ahead
    }

    private let lock = NSLock()
    private var plan: Plan?
    private var next = 0
    private var read: [HoldingTable?] = []
    private var joined = 0
    private var whole = HoldingTable()
    private var failed = false
    private let claimed = DispatchGroup()
    /// Signalled once whether the file is read in parts is known.
    private let decided = DispatchSemaphore(value: 0)
    private var isDecided = false

    /// Where the file is cut (`CSVInput.parts`); nil when it could not be read.
    let cut: CSVInput.Parts?

    init(cut: CSVInput.Parts?) { self.cut = cut }

    /// Hands out the parts of `plan`; nil: the file is not read in parts.
    func start(_ plan: Plan?) {
        lock.lock()
        defer { lock.unlock() }
        guard !isDecided else { return }
        isDecided = true
        if let plan {
            self.plan = plan
            read = Array(repeating: nil, count: plan.parts.count)
            whole.reserveCapacity(plan.lineFeeds)
        }
        decided.signal()
    }

    /// Reads parts until none is left, or one has failed; first waits to
    /// know whether the file is read in parts at all.
    func work() {
        decided.wait()
        decided.signal()
        while let (k, plan) = claim() {
            let table = HoldingParts.read(plan, part: k)
            lock.lock()
            if let table {
                read[k] = table
                // Joined in order, each as soon as the parts before it are.
                while joined < read.count, let t = read[joined] {
                    whole.append(contentsOf: t)
                    read[joined] = nil
                    joined += 1
                }
            } else {
                failed = true
            }
            lock.unlock()
            claimed.leave()
        }
    }

    private func claim() -> (Int, Plan)? {
        lock.lock()
        defer { lock.unlock() }
        guard let plan, !failed, next < plan.parts.count else { return nil }
        claimed.enter()
        next += 1
        return (next - 1, plan)
    }

    /// How many parts were read and joined into the table `finish` returned.
    private(set) var joinedParts = 0

    /// Once every part is handed out: waits for the parts being read, and
    /// returns the whole table; nil when a part failed.
    func finish() -> HoldingTable? {
        claimed.wait()
        lock.lock()
        defer { lock.unlock() }
        guard !failed, joined == read.count else { return nil }
        // Handed over, not shared: the caller's table is then its only owner.
        defer { whole = HoldingTable() }
        joinedParts = joined
        return whole
    }

    /// Part `k`'s lots; nil when a row is not of the common shape or the part cannot be parsed.
    static func read(_ plan: Plan, part k: Int) -> HoldingTable? {
        let (bytes, firstLine) = plan.parts[k]
        let stream = CSVStream(.path(plan.path), file: plan.file, part: (bytes, firstLine))
        stream.lookahead = Ahead.distance
        let fast = FastHoldings(plan.fast, stream: stream)
        let people = plan.fast.ids.people, width = plan.width
        var table = HoldingTable()
        let next = k + 1 < plan.parts.count ? plan.parts[k + 1].firstLine : plan.lineFeeds + 2
        table.reserveCapacity(next - firstLine)
        let stopped = stream.forEachRecord { f, ahead in
            if let ahead { plan.ahead.prefetch(ahead, people: people) }
            return f.count == width && fast.read(f, into: &table, line: stream.recordLine)
        }
        return stopped || stream.failure != nil ? nil : table
    }
}
