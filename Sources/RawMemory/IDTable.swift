#if canImport(Glibc)
import Glibc
#endif

/// Identifiers looked up by their UTF-8 bytes, without making a `String` of
/// each field read: open addressing, with the first 16 bytes of each key in
/// its slot, so that a lookup in a table of a million ids costs about one
/// cache miss rather than one per array it touches.
///
/// A hit means the bytes are the identifier's exactly. A miss is not final:
/// the same text may be spelled in other bytes that Swift's `String` treats
/// as equal (a canonically equivalent accent), so a caller looks a missed
/// field up again as a `String`.
///
/// Sendable as its storage is: `slots` points into `storage`, which is
/// copied before any change when another table shares it.
public struct IDTable: @unchecked Sendable {
    struct Slot {
        /// The key's first 16 bytes, zero-padded.
        var head: (UInt64, UInt64) = (0, 0)
        /// The key's length; -1 for an empty slot.
        var length: Int32 = -1
        var value: Int32 = 0
        /// Where the bytes after the 16th are in `tails`.
        var tail: Int32 = 0
    }

    private var storage: Storage {
        didSet { slots = storage.slots }
    }
    /// `storage.slots`, read without touching the storage's reference
    /// count: two threads look ids up in one table at once.
    private var slots: UnsafeMutablePointer<Slot>
    private var tails: [UInt8] = []
    /// The number of slots: any number, a hash taken to it by a multiplication.
    private var size: Int
    public private(set) var count = 0

    /// The slots, in memory asked of the kernel in huge pages where it
    /// grants them: a lookup is a random access, and a table of a million
    /// ids spans thousands of small pages.
    ///
    /// Unchecked: the slots are changed only through a table that owns the
    /// storage alone (`insert` copies a shared one first); storage shared
    /// between threads is only read.
    final class Storage: @unchecked Sendable {
        let slots: UnsafeMutablePointer<Slot>
        let count: Int
        init(count: Int) {
            self.count = count
            // Two slots a line, lines whole: what `home` counts on.
            precondition(MemoryLayout<Slot>.stride == 32)
            let bytes = count * MemoryLayout<Slot>.stride
            var raw: UnsafeMutableRawPointer?
            let hugePage = 2 << 20
            guard posix_memalign(&raw, bytes >= hugePage ? hugePage : 64, bytes) == 0, let raw else {
                fatalError("out of memory for a table of \(count) ids")
            }
            if bytes >= hugePage { _ = madvise(raw, bytes, 14) }  // MADV_HUGEPAGE
            slots = raw.bindMemory(to: Slot.self, capacity: count)
            slots.initialize(repeating: Slot(), count: count)
        }
        func copy() -> Storage {
            let other = Storage(count: count)
            other.slots.update(from: slots, count: count)
            return other
        }
        deinit { free(slots) }
    }

    /// An empty table with room for about `capacity` ids before it grows.
    public init(capacity: Int = 8) {
        size = max(16, capacity + capacity / 3 + 1)
        let storage = Storage(count: size)
        self.storage = storage
        slots = storage.slots
    }

    /// The slot where a hash's probe starts, among `size`.
    @inline(__always)
    public static func start(_ hash: Int, _ size: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: hash).multipliedFullWidth(by: UInt64(size)).high)
    }

    @inline(__always)
    private static func following(_ slot: Int, _ size: Int) -> Int { slot + 1 == size ? 0 : slot + 1 }

    /// Where a probe of this table starts: the first slot of a cache line.
    /// A slot is 32 bytes and the slots begin on a line (`Storage`), so the
    /// line fetched ahead of a lookup holds the first two slots it reads;
    /// a start anywhere found the second on the next line half the time.
    /// Three quarters full, a lookup then ends on the line fetched 76 times
    /// in 100 rather than 70 (a simulation of 300,000 random keys). At N = 10
    /// of the benchmark, where the persons' table is larger than the cache,
    /// `validate` took 2.83-2.98 s against 2.91-3.03 s, four runs each in turn.
    @inline(__always)
    private static func home(_ hash: Int, _ size: Int) -> Int { 2 * start(hash, size / 2) }

    public init(_ ids: [String: Int]) {
        self.init(capacity: ids.count)
        for (id, value) in ids { _ = insert(id, value: Int32(value)) }
    }

    /// Records `key` with `value`; the value recorded before, if the key was.
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>, value: Int32) -> Int32? {
        guard key.count < Int(Int32.max), tails.count + key.count < Int(Int32.max) else { return nil }
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let head = IDTable.head(key)
        let (slot, found) = probe(key, head: head)
        if found { return slots[slot].value }
        slots[slot] = Slot(head: head, length: Int32(key.count), value: value, tail: Int32(tails.count))
        if key.count > 16 { tails.append(contentsOf: key[16...]) }
        count += 1
        // Three quarters full at most: linear probing stays short.
        if count * 4 > size * 3 { grow() }
        return nil
    }

    public mutating func insert(_ id: String, value: Int32) -> Int32? {
        var id = id
        return id.withUTF8 { insert($0, value: value) }
    }

    /// Twice the slots, every key placed again; the bytes past the 16th stay where they are.
    private mutating func grow() {
        let old = storage, oldSize = size
        size *= 2
        storage = Storage(count: size)
        var key = [UInt8](repeating: 0, count: 16)
        for i in 0..<oldSize where old.slots[i].length >= 0 {
            let s = old.slots[i]
            key.removeAll(keepingCapacity: true)
            withUnsafeBytes(of: s.head) { key.append(contentsOf: $0.prefix(min(16, Int(s.length)))) }
            if s.length > 16 { key.append(contentsOf: tails[Int(s.tail)..<Int(s.tail) + Int(s.length) - 16]) }
            var slot = key.withUnsafeBufferPointer { IDTable.home(IDTable.hash($0, head: s.head), size) }
            while slots[slot].length >= 0 { slot = IDTable.following(slot, size) }
            slots[slot] = s
        }
    }

    /// The first 16 bytes, zero-padded, as two words.
    @inline(__always)
    public static func head(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let n = key.count
        guard n > 0 else { return (0, 0) }
        let p = UnsafeRawPointer(key.baseAddress!)
        if n >= 16 { return (p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        // The bytes past the first word by a load that ends with the key's
        // last byte, shifted down: no byte outside the key is read.
        if n >= 8 { return (p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64((16 - n) * 8)) }
        if n >= 4 {
            let low = UInt64(p.loadUnaligned(as: UInt32.self))
            let high = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) >> UInt64((8 - n) * 8)
            return (low | high << 32, 0)
        }
        var w: UInt64 = 0
        for i in stride(from: n - 1, through: 0, by: -1) { w = w << 8 | UInt64(p.load(fromByteOffset: i, as: UInt8.self)) }
        return (w, 0)
    }

    /// The head's words and the length mixed by MurmurHash3's finalizer;
    /// the bytes after the 16th, if any, by FNV-1a first.
    @inline(__always)
    public static func hash(_ key: UnsafeBufferPointer<UInt8>, head: (UInt64, UInt64)) -> Int {
        var h = head.0 &* 0x9E37_79B9_7F4A_7C15 ^ (head.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(key.count)
        if key.count > 16 {
            for b in key[16...] { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }

    public func value(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let (slot, found) = probe(key, head: IDTable.head(key))
        return found ? slots[slot].value : nil
    }

    /// The slot of `key` (its first 16 bytes `head`), and true; or the empty
    /// slot where it would go, and false.
    @inline(__always)
    private func probe(_ key: UnsafeBufferPointer<UInt8>, head: (UInt64, UInt64)) -> (slot: Int, found: Bool) {
        var slot = IDTable.home(IDTable.hash(key, head: head), size)
        while true {
            let s = slots[slot]
            if s.length < 0 { return (slot, false) }
            if Int(s.length) == key.count && s.head == head && (key.count <= 16 || tailMatches(s, key)) { return (slot, true) }
            slot = IDTable.following(slot, size)
        }
    }

    /// Starts fetching the slot where a lookup of `key` begins, so that a
    /// lookup a little later finds it in the cache. Changes nothing.
    public func prefetch(_ key: UnsafeBufferPointer<UInt8>) {
        let slot = IDTable.home(IDTable.hash(key, head: IDTable.head(key)), size)
        RawMemory.prefetch(slots + slot)
    }

    private func tailMatches(_ s: Slot, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        tails.withUnsafeBufferPointer { t in
            memcmp(t.baseAddress! + Int(s.tail), key.baseAddress! + 16, key.count - 16) == 0
        }
    }
}
