#if canImport(Glibc)
import Glibc
#endif

/// Identifiers looked up by their UTF-8 bytes, without making a `String` of
/// each field read: open addressing over one byte arena.
///
/// A hit means the bytes are the identifier's exactly. A miss is not final:
/// the same text may be spelled in other bytes that Swift's `String` treats
/// as equal (a canonically equivalent accent), so a caller looks a missed
/// field up again as a `String`.
struct IDTable: Sendable {
    private var arena: [UInt8] = []
    /// Per slot: start in `arena` (-1 when empty), length, value.
    private var starts: [Int32]
    private var lengths: [Int32]
    private var values: [Int32]
    private let mask: Int

    init(_ ids: [String: Int]) {
        var size = 16
        while size < ids.count * 2 { size <<= 1 }
        mask = size - 1
        starts = [Int32](repeating: -1, count: size)
        lengths = [Int32](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        for (id, value) in ids {
            guard arena.count + id.utf8.count < Int(Int32.max) else { break }
            let start = arena.count
            arena.append(contentsOf: id.utf8)
            arena.withUnsafeBufferPointer { a in
                let key = UnsafeBufferPointer(rebasing: a[start...])
                var slot = IDTable.hash(key) & mask
                while starts[slot] >= 0 { slot = (slot + 1) & mask }
                starts[slot] = Int32(start)
                lengths[slot] = Int32(key.count)
                values[slot] = Int32(value)
            }
        }
    }

    /// FNV-1a, with the high bits folded into the low ones the mask keeps.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    func value(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = IDTable.hash(key) & mask
        return arena.withUnsafeBufferPointer { a in
            while true {
                let start = Int(starts[slot])
                if start < 0 { return nil }
                if Int(lengths[slot]) == key.count
                    && (key.isEmpty || memcmp(a.baseAddress! + start, key.baseAddress!, key.count) == 0) {
                    return values[slot]
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
