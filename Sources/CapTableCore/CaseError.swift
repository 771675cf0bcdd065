import CSVReading

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
