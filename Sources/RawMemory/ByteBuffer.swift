/// Bytes of output written in place: a table of a million rows is built a
/// byte at a time here, without the checks an array makes on every append
/// and without a string made for each cell.
public final class ByteBuffer {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var used = 0
    /// The alignment of `base`, kept as the buffer grows.
    @usableFromInline let alignment: Int

    public init(capacity: Int = 256) {
        self.capacity = Swift.max(capacity, 16)
        alignment = 1
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer whose bytes start at a multiple of `alignment` (a power of
    /// two), however it grows: for writes that need aligned memory.
    public init(capacity: Int, alignment: Int) {
        precondition(alignment > 0 && alignment & (alignment - 1) == 0, "not a power of two")
        self.capacity = Swift.max(capacity, 16)
        self.alignment = alignment
        base = ByteBuffer.allocate(self.capacity, alignment: alignment)
    }

    @usableFromInline static func allocate(_ n: Int, alignment: Int) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer.allocate(byteCount: n, alignment: alignment).bindMemory(to: UInt8.self, capacity: n)
    }

    deinit { base.deallocate() }

    /// The number of bytes written.
    @inlinable public var count: Int { used }

    /// A copy of the bytes written.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: used)) }

    /// The bytes written, as UTF-8 text.
    public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: used), as: UTF8.self) }

    /// The bytes written, for reading in place until the next write.
    @inlinable public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: used))
    }

    public func removeAll() { used = 0 }

    /// Keeps the first `n` bytes.
    public func removeLast(from n: Int) {
        precondition(n >= 0 && n <= used, "no such bytes")
        used = n
    }

    /// Drops the first `n` bytes, moving the rest to the start.
    public func removeFirst(_ n: Int) {
        precondition(n >= 0 && n <= used, "no such bytes")
        if n > 0 && n < used { base.update(from: base + n, count: used - n) }
        used -= n
    }

    /// The byte at `i`, one written.
    @inlinable public subscript(i: Int) -> UInt8 { base[i] }

    /// The start of the bytes written; valid until the next write.
    @inlinable public var start: UnsafePointer<UInt8> { UnsafePointer(base) }

    public func removeLast() {
        precondition(used > 0, "no byte to remove")
        used -= 1
    }

    /// Room for `n` more bytes.
    @inlinable public func reserve(_ n: Int) {
        if capacity - used < n { grow(n) }
    }

    @usableFromInline func grow(_ n: Int) {
        var size = capacity * 2
        while size - used < n { size *= 2 }
        let bigger = ByteBuffer.allocate(size, alignment: alignment)
        bigger.update(from: base, count: used)
        base.deallocate()
        base = bigger
        capacity = size
    }

    @inlinable public func append(_ byte: UInt8) {
        if used == capacity { grow(1) }
        base[used] = byte
        used += 1
    }

    @inlinable @inline(__always) public func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        appendWithinCapacity(bytes)
    }

    /// Appends where `reserve` has made room.
    @inlinable @inline(__always) public func appendWithinCapacity(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        assert(capacity - used >= n, "no room reserved")
        let to = UnsafeMutableRawPointer(base + used)
        // A short field, as most are, by two loads and two stores that
        // overlap, each within the bytes, rather than a byte at a time.
        if n > 16 && n <= 32, let from = bytes.baseAddress {
            // Sixteen bytes from each end.
            let a = from.loadUnaligned(as: UInt64.self), b = from.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let c = from.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self), d = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: a, as: UInt64.self)
            to.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            to.storeBytes(of: c, toByteOffset: n - 16, as: UInt64.self)
            to.storeBytes(of: d, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 8 && n <= 16, let from = bytes.baseAddress {
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8, let from = bytes.baseAddress {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            for i in 0..<n { base[used + i] = bytes[i] }
        } else if let from = bytes.baseAddress {
            to.copyMemory(from: from, byteCount: n)
        }
        used += n
    }

    @inlinable public func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ append(UnsafeRawBufferPointer($0)) }) == nil {
            for b in s.utf8 { append(b) }
        }
    }

    /// A whole number in decimal digits.
    @inlinable public func appendDigits(_ n: Int) {
        if n >= 0 && n < 10 { append(UInt8(truncatingIfNeeded: n) &+ 0x30); return }
        if n < 0 { append(0x2D) }
        appendDigits(UInt64(n.magnitude))
    }

    /// A whole number in decimal digits: the digits counted by comparisons,
    /// then written from the last, two at a time from a table of pairs.
    @inlinable public func appendDigits(_ m: UInt64) {
        reserve(20)
        used += ByteBuffer.putDigits(m, at: base + used)
    }

    /// `m` in exactly `width` digits, leading zeros kept; `m` < 10^width.
    @inlinable public func appendDigits(_ m: UInt64, width: Int) {
        reserve(width)
        used += ByteBuffer.putDigits(m, width: width, at: base + used)
    }

    /// Room for at least `n` more bytes, written in place through `body`'s
    /// cursor: for a run of fields of known greatest length, written without
    /// growing the buffer for each; a write past `n` bytes stops the program.
    @inlinable public func write(upTo n: Int, _ body: (inout Cursor) -> Void) {
        reserve(n)
        var cursor = Cursor(base: base + used, room: n)
        body(&cursor)
        used += cursor.written
    }

    /// Where `write(upTo:_:)` writes: each write checked against the room asked for.
    public struct Cursor {
        @usableFromInline let base: UnsafeMutablePointer<UInt8>
        @usableFromInline let room: Int
        @usableFromInline var written = 0
        /// The bytes written so far.
        @inlinable public var count: Int { written }

        @inlinable init(base: UnsafeMutablePointer<UInt8>, room: Int) { (self.base, self.room) = (base, room) }

        @inlinable @inline(__always) func check(_ n: Int) { precondition(n <= room - written, "wrote past the room asked for") }

        @inlinable @inline(__always) public mutating func put(_ byte: UInt8) {
            check(1)
            base[written] = byte
            written += 1
        }

        @inlinable @inline(__always) public mutating func put(_ s: StaticString) {
            check(s.utf8CodeUnitCount)
            (base + written).update(from: s.utf8Start, count: s.utf8CodeUnitCount)
            written += s.utf8CodeUnitCount
        }

        /// The first `length` bytes of `word`'s little-endian bytes (up to four
        /// letters, as `",no"` and `",yes"`), written as one store.
        @inlinable @inline(__always) public mutating func put(word: UInt32, length: Int) {
            precondition(length <= 4)
            check(4)
            UnsafeMutableRawPointer(base + written).storeBytes(of: word.littleEndian, as: UInt32.self)
            written += length
        }

        /// `m`'s decimal digits.
        @inlinable @inline(__always) public mutating func putDigits(_ m: UInt64) {
            check(ByteBuffer.digitCount(m))
            written += ByteBuffer.putDigits(m, at: base + written)
        }

        /// `m` in exactly `width` digits, leading zeros kept.
        @inlinable @inline(__always) public mutating func putDigits(_ m: UInt64, width: Int) {
            check(width)
            written += ByteBuffer.putDigits(m, width: width, at: base + written)
        }

        /// Writes again the `count` bytes written from `offset` on.
        @inlinable @inline(__always) public mutating func putAgain(from offset: Int, count: Int) {
            precondition(offset >= 0 && count >= 0 && offset + count <= written)
            check(count)
            (base + written).update(from: base + offset, count: count)
            written += count
        }

        /// Drops what was written after the first `n` bytes.
        @inlinable public mutating func rewind(to n: Int) {
            precondition(n >= 0 && n <= written)
            written = n
        }
    }

    /// Writes `m`'s decimal digits at `p` (at most 20); returns how many.
    @inlinable @inline(__always)
    static func putDigits(_ m: UInt64, at p: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = ByteBuffer.digitCount(m)
        // A literal's bytes: no global, checked for its first use on every access, as a table would be.
        let pairs: StaticString = """
            00010203040506070809101112131415161718192021222324252627282930313233343536373839\
            40414243444546474849505152535455565758596061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899
            """
        let table = pairs.utf8Start
        var at = digits, m = m
        while m >= 100 {
            let pair = Int(truncatingIfNeeded: m % 100) &* 2
            m /= 100
            at -= 2
            p[at] = table[pair]
            p[at + 1] = table[pair + 1]
        }
        if m >= 10 {
            let pair = Int(truncatingIfNeeded: m) &* 2
            p[at - 2] = table[pair]
            p[at - 1] = table[pair + 1]
        } else {
            p[at - 1] = UInt8(truncatingIfNeeded: m) &+ 0x30
        }
        return digits
    }

    /// Writes `m` at `p` in exactly `width` digits, leading zeros kept; returns `width`.
    @inlinable @inline(__always)
    static func putDigits(_ m: UInt64, width: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var m = m
        for k in stride(from: width - 1, through: 0, by: -1) {
            p[k] = UInt8(truncatingIfNeeded: m % 10) &+ 0x30
            m /= 10
        }
        return width
    }

    /// How many decimal digits `m` has (1 for 0).
    @inlinable @inline(__always) static func digitCount(_ m: UInt64) -> Int {
        if m < 10_000 { return m < 100 ? (m < 10 ? 1 : 2) : (m < 1_000 ? 3 : 4) }
        if m < 100_000_000 { return m < 1_000_000 ? (m < 100_000 ? 5 : 6) : (m < 10_000_000 ? 7 : 8) }
        var digits = 9
        var bound: UInt64 = 1_000_000_000
        while digits < 20 && m >= bound {
            digits += 1
            if digits < 20 { bound &*= 10 }
        }
        return digits
    }

    /// `m`'s decimal digits, with a point before the last `point` of them
    /// and at least one digit before it; no point when `point` is not above 0.
    @inlinable public func appendDigits<T: UnsignedInteger & FixedWidthInteger>(_ m: T, point: Int) {
        // The digits written, then placed from the last, two at a time.
        var digits = 1
        var bound: T = 10
        while digits < 40 && m >= bound {
            digits += 1
            let (next, overflow) = bound.multipliedReportingOverflow(by: 10)
            if overflow { break }
            bound = next
        }
        digits = Swift.max(digits, point + 1)
        let width = digits + (point > 0 ? 1 : 0)
        reserve(width)
        var at = used + width
        var m = m, k = 0
        while k < digits {
            if k == point && k > 0 { at -= 1; base[at] = 0x2E }
            if k + 1 < digits && k + 1 != point && m >= 10 {
                let pair = Int(truncatingIfNeeded: m % 100)
                m /= 100
                at -= 2
                // Divisions by a constant: a multiplication each, and no
                // table, whose lazy global is checked on every access.
                base[at] = UInt8(truncatingIfNeeded: pair / 10) &+ 0x30
                base[at + 1] = UInt8(truncatingIfNeeded: pair % 10) &+ 0x30
                k += 2
            } else {
                at -= 1
                base[at] = UInt8(truncatingIfNeeded: m % 10) &+ 0x30
                m /= 10
                k += 1
            }
        }
        used += width
    }
}
