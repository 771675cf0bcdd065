/// A place in an input file: line and column both counted from 1.
///
/// The column counts Unicode scalar values on the line up to the character
/// (a byte-order mark not counted, a tab as one).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in an input, with the place it starts.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `holdings.csv:12:14: error: shares "12a" is not a whole number`
    public var description: String { "\(location): error: \(message)" }
}
