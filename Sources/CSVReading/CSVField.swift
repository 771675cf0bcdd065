/// Writes one field of RFC 4180 CSV: quoted, with quotes doubled, when it
/// holds a comma, a quote or a line break.
public enum CSVField {
    public static func encode(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = "\""
        for ch in s { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }

    /// A line of fields, ending in a line feed.
    public static func line(_ fields: [String]) -> String {
        fields.map(encode).joined(separator: ",") + "\n"
    }
}
