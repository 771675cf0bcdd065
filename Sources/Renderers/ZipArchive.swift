/// A .zip archive of files stored without compression (method 0, PKWARE's
/// APPNOTE 4.3): what an OCF package is handed on as. Small files only
/// (no ZIP64): a file or the archive past 4 GiB is refused.
public enum ZipArchive {
    /// CRC-32 (the polynomial 0xEDB88320, reflected), as ZIP checks each file.
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// The archive of `files` (name → contents), in name order.
    public static func archive(_ files: [String: [UInt8]]) throws -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: UInt32, _ to: inout [UInt8]) { for i in 0..<4 { to.append(UInt8((v >> (8 * UInt32(i))) & 0xFF)) } }
        let names = files.keys.sorted()
        for name in names {
            let data = files[name]!, path = Array(name.utf8)
            guard data.count < Int(UInt32.max), out.count < Int(UInt32.max) else { throw RenderError.archiveTooLarge }
            let crc = crc32(data), offset = UInt32(out.count)
            // Local header: version 2.0, flag bit 11 (UTF-8 names), stored, no time.
            le32(0x0403_4B50, &out); le16(20, &out); le16(0x0800, &out); le16(0, &out); le16(0, &out); le16(0x21, &out)
            le32(crc, &out); le32(UInt32(data.count), &out); le32(UInt32(data.count), &out)
            le16(path.count, &out); le16(0, &out); out += path; out += data
            le32(0x0201_4B50, &central); le16(20, &central); le16(20, &central); le16(0x0800, &central); le16(0, &central)
            le16(0, &central); le16(0x21, &central); le32(crc, &central); le32(UInt32(data.count), &central)
            le32(UInt32(data.count), &central); le16(path.count, &central); le16(0, &central); le16(0, &central)
            le16(0, &central); le16(0, &central); le32(0, &central); le32(offset, &central); central += path
        }
        let start = UInt32(out.count)
        out += central
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(names.count, &out); le16(names.count, &out)
        le32(UInt32(central.count), &out); le32(start, &out); le16(0, &out)
        return out
    }
}
