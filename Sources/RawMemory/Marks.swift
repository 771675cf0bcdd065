/// A set of persons and a number for each, for one class at a time: a small
/// open-addressing table sized to the persons a class reaches, so that it
/// stays in cache however many persons the book has (the look-through's).
/// Used by one thread at a time (`MarksPool` hands each its own).
public final class Marks {
    // Raw storage rather than arrays: an array kept in a class is retained
    // and released around every read of it, and these are read for every
    // person a class reaches.
    private var keys: UnsafeMutablePointer<Int32>
    private var values: UnsafeMutablePointer<Int32>
    private var size: Int
    private var mask: Int
    private var used = 0

    public init() {
        size = 1024
        mask = size - 1
        keys = .allocate(capacity: size)
        keys.initialize(repeating: -1, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: 0, count: size)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    public func clear() {
        if used > 0 { keys.update(repeating: -1, count: size) }
        used = 0
    }

    @inline(__always)
    private func slot(_ p: Int) -> (Int, Bool) {
        var i = Int(truncatingIfNeeded: (UInt64(UInt32(truncatingIfNeeded: p)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while true {
            let k = keys[i]
            if k == Int32(truncatingIfNeeded: p) { return (i, true) }
            if k < 0 { return (i, false) }
            i = (i + 1) & mask
        }
    }

    private func grow() {
        let (oldKeys, oldValues, oldSize) = (keys, values, size)
        size *= 2
        mask = size - 1
        keys = .allocate(capacity: size)
        keys.initialize(repeating: -1, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: 0, count: size)
        for i in 0..<oldSize where oldKeys[i] >= 0 {
            let (j, _) = slot(Int(oldKeys[i]))
            keys[j] = oldKeys[i]
            values[j] = oldValues[i]
        }
        oldKeys.deallocate()
        oldValues.deallocate()
    }

    /// False when already in the set.
    public func insert(_ p: Int) -> Bool {
        let (i, found) = slot(p)
        if found { return false }
        keys[i] = Int32(truncatingIfNeeded: p)
        values[i] = 0
        used += 1
        if used * 2 > size { grow() }
        return true
    }

    public subscript(p: Int) -> Int? {
        get {
            let (i, found) = slot(p)
            return found ? Int(values[i]) : nil
        }
        set {
            _ = insert(p)
            let (i, _) = slot(p)
            values[i] = Int32(truncatingIfNeeded: newValue ?? 0)
        }
    }
}
