import RawMemory
/// Writes one field of RFC 4180 CSV: quoted, with quotes doubled, when it
/// holds a comma, a quote or a line break.
public enum CSVField {
    public static func encode(_ s: String) -> String {
        guard s.utf8.contains(where: needsQuotes) else { return s }
        let out = ByteBuffer()
        append(s, to: out)
        return out.string
    }

    /// Appends the field's bytes, quoted where it needs it.
    public static func append(_ s: String, to out: ByteBuffer) {
        if s.utf8.withContiguousStorageIfAvailable({ append(UnsafeRawBufferPointer($0), to: out) }) == nil {
            Array(s.utf8).withUnsafeBytes { append($0, to: out) }
        }
    }

    /// Appends a field of `prefix`, if any, then `bytes`, quoted where it needs it.
    public static func append(_ bytes: UnsafeRawBufferPointer, prefix: UInt8? = nil, to out: ByteBuffer) {
        guard bytes.contains(where: needsQuotes) else {
            if let prefix { out.append(prefix) }
            out.append(bytes)
            return
        }
        out.append(0x22)
        if let prefix { out.append(prefix) }
        for b in bytes {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    private static func needsQuotes(_ b: UInt8) -> Bool { b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D }

    /// A line of fields, ending in a line feed.
    public static func line(_ fields: [String]) -> String {
        fields.map(encode).joined(separator: ",") + "\n"
    }
}
