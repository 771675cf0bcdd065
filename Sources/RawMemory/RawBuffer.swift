/// Values of a plain type in raw storage that doubles as it fills: appended
/// to without the check for sharing an array makes at every append, and
/// read through a pointer that nothing retains. For buffers filled and
/// emptied on a hot path (a stream's field ends, a look-through's paths).
/// Its owner deallocates it.
public struct RawBuffer<Element: BitwiseCopyable> {
    public private(set) var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline var used = 0

    public var count: Int { used }

    public init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    public func deallocate() { base.deallocate() }

    @inlinable public subscript(i: Int) -> Element { base[i] }

    @inlinable @inline(__always)
    public mutating func append(_ value: Element) {
        if used == capacity { grow() }
        base[used] = value
        used += 1
    }

    /// Appends where `reserve` has made room.
    @inlinable @inline(__always)
    public mutating func appendWithinCapacity(_ value: Element) {
        assert(used < capacity, "no room reserved")
        base[used] = value
        used += 1
    }

    /// Room for `n` more values.
    public mutating func reserve(_ n: Int) {
        while capacity - used < n { grow() }
    }

    @usableFromInline mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: used)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    public mutating func removeAll() { used = 0 }

    /// Keeps the first `n`.
    public mutating func removeLast(from n: Int) {
        precondition(n >= 0 && n <= used, "no such values")
        used = n
    }

    /// Drops the first `n`, moving the rest to the front.
    public mutating func removeFirst(_ n: Int) {
        precondition(n >= 0 && n <= used, "no such values")
        for i in n..<used { base[i - n] = base[i] }
        used -= n
    }
}
