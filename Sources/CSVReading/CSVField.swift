/// Writes one field of RFC 4180 CSV: quoted, with quotes doubled, when it
/// holds a comma, a quote or a line break.
public enum CSVField {
    public static func encode(_ s: String) -> String {
        guard needsQuotes(s) else { return s }
        var out: [UInt8] = []
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the field's bytes, quoted where it needs it.
    public static func append(_ s: String, to out: inout [UInt8]) {
        guard needsQuotes(s) else { out.append(contentsOf: s.utf8); return }
        out.append(0x22)
        for b in s.utf8 {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    static func needsQuotes(_ s: String) -> Bool {
        s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    /// A line of fields, ending in a line feed.
    public static func line(_ fields: [String]) -> String {
        fields.map(encode).joined(separator: ",") + "\n"
    }
}
