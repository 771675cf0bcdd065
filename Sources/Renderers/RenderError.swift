import CSVReading

/// Why an output could not be made: the renderers' one error. The command
/// maps it to an exit status with the others (`Status`).
public enum RenderError: Error, Sendable, CustomStringConvertible {
    /// libxlsxwriter refused to create or close the workbook, with its reason.
    case workbook(String)
    /// A file of an archive, or the archive, past 4 GiB: a ZIP without ZIP64 cannot hold it.
    case archiveTooLarge
    /// An OCF package cannot be made of the case as given, with why (several issuers, say).
    case ocf(String)
    /// EDGAR XML cannot be written: each person without an EDGAR code, or
    /// each element of a submission its filer.csv leaves out, at its place.
    case missingForXML([Diagnostic])

    public var description: String {
        switch self {
        case .workbook(let reason): return reason
        case .archiveTooLarge: return "the archive would be larger than 4 GiB, which a ZIP archive without ZIP64 cannot hold"
        case .ocf(let reason): return reason
        case .missingForXML(let diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
        }
    }
}
