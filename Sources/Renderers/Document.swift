import Attribution
import CapTableCore
/// A value in an output table.
public enum Cell: Sendable, Equatable {
    case text(String)
    /// A share count: plain digits for programs, grouped for people.
    case count(Int)
    case flag(Bool)
    /// A decimal kept as text (a percent with six decimals): a string in JSON.
    case decimal(String)
    case list([String])
}

public struct Column: Sendable {
    /// The CSV/JSON name (a stable contract).
    public var key: String
    /// The heading people read.
    public var title: String
    /// Shown in the `table` and `markdown` formats; CSV and JSON carry every column.
    public var forPeople: Bool

    public init(_ key: String, _ title: String, forPeople: Bool = true) {
        self.key = key
        self.title = title
        self.forPeople = forPeople
    }
}

/// One table of a document, usually one class.
public struct Section: Sendable {
    /// Lines printed above the table for people.
    public var heading: [String]
    /// Fields of the JSON object that holds the rows.
    public var metadata: [(String, Cell)]
    public var rows: [[Cell]]
    /// Lines printed below the table for people.
    public var footer: [String]

    public init(heading: [String], metadata: [(String, Cell)], rows: [[Cell]], footer: [String] = []) {
        self.heading = heading
        self.metadata = metadata
        self.rows = rows
        self.footer = footer
    }
}

/// Takes a table's cells in column order, a row at a time: a long table can
/// be written as it is made, without an array per row.
public protocol CellSink {
    mutating func cell(_ c: Cell)
    mutating func endRow()
    /// Three cells: the person's id, name and type.
    mutating func person(_ p: Int, of c: Case)
    /// Two cells: the percent to six decimals and as a filing prints it.
    mutating func percent(_ p: PercentOfClass)
    /// A person whose cells come some rows later: `soon` about eight rows
    /// ahead, otherwise about sixteen. A sink may start fetching them; it
    /// writes nothing.
    mutating func upcoming(person p: Int, soon: Bool)
}

extension CellSink {
    /// The person's three cells, one by one: id, name, type.
    public mutating func personCells(_ p: Int, of c: Case) {
        cell(.text(c.persons[p].id))
        cell(.text(c.persons[p].name))
        cell(.text(c.persons[p].type))
    }

    public mutating func person(_ p: Int, of c: Case) { personCells(p, of: c) }

    public mutating func upcoming(person p: Int, soon: Bool) {}

    public mutating func percent(_ p: PercentOfClass) {
        cell(.decimal(p.sixDecimals))
        cell(.text(p.text))
    }
}

/// Collects the rows, for a `Section`.
struct CellRows: CellSink {
    var rows: [[Cell]] = []
    private var current: [Cell] = []
    mutating func cell(_ c: Cell) { current.append(c) }
    mutating func endRow() {
        rows.append(current)
        current.removeAll(keepingCapacity: true)
    }
}

/// What a command reports, independent of the format it is written in.
public struct Document: Sendable {
    public var columns: [Column]
    public var sections: [Section]

    public init(columns: [Column], sections: [Section]) {
        self.columns = columns
        self.sections = sections
    }
}

/// The output formats of every command.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown
}

extension Document {
    public func rendered(as format: OutputFormat) -> String {
        let writer = DocumentWriter(format: format, columns: columns)
        return writer.start() + sections.map(writer.body).joined(separator: writer.separator) + writer.end(sections: sections.count)
    }
}

/// Writes a document a section at a time, so that a long one (a whole book,
/// one section per class) is never held in memory at once: `start()`, then
/// each section's `body` with `separator` between, then `end`. The pieces
/// joined are exactly `Document.rendered(as:)`.
public struct DocumentWriter: Sendable {
    public let format: OutputFormat
    public let columns: [Column]

    public init(format: OutputFormat, columns: [Column]) {
        self.format = format
        self.columns = columns
    }

    public func start() -> String {
        switch format {
        case .csv: return CSVWriter.header(columns)
        case .json: return "[\n"
        case .table, .markdown: return ""
        }
    }

    public func body(_ section: Section) -> String {
        switch format {
        case .csv: return CSVWriter.body(section)
        case .json: return JSONWriter.body(section, columns: columns)
        case .table: return TextTableWriter.body(section, columns: columns, markdown: false)
        case .markdown: return TextTableWriter.body(section, columns: columns, markdown: true)
        }
    }

    /// `body`, as bytes; a CSV section is written straight into them.
    public func bodyBytes(_ section: Section) -> [UInt8] {
        format == .csv ? CSVWriter.bytes(section) : Array(body(section).utf8)
    }

    public var separator: String {
        switch format {
        case .csv: return ""
        case .json: return ",\n"
        case .table, .markdown: return "\n"
        }
    }

    public func end(sections: Int) -> String {
        format == .json ? (sections > 0 ? "\n]\n" : "]\n") : ""
    }
}
