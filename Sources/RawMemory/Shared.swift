import Dispatch
import Foundation

// The values shared between threads, each the one way it is done, with the
// reason it is safe: the compiler cannot check these, and the other modules
// use them instead of declaring a type of their own `@unchecked Sendable`.

/// A value read and changed by several threads, only ever under its lock.
///
/// Unchecked: `value` is touched only inside `withLock`, which holds `lock`.
/// A value put in by one thread is taken out by another: the threads that
/// share one hand over values they then no longer use themselves (a part's
/// lots, a computed attributor), never a value still in use elsewhere.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// A value handed to another thread, which alone uses it until it signals
/// its end (a semaphore, a group, a join), after which only the thread that
/// handed it over uses it again.
///
/// Unchecked: the two threads never use `value` at once; the signal between
/// them orders the one's last use before the other's first.
public final class Handoff<Value>: @unchecked Sendable {
    public var value: Value
    public init(_ value: Value) { self.value = value }
}

/// Results written by several threads, each to its own slot, and taken in
/// order by one: a slot is signalled when its result is in.
///
/// Unchecked: each slot is written by one thread, once, before its
/// semaphore is signalled, and read by the taking thread only after it has
/// waited for that signal; no two threads touch a slot at once.
public final class Slots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let ready: [DispatchSemaphore]
    public let count: Int

    public init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    public func put(_ value: T, at i: Int) {
        base[i] = value
        ready[i].signal()
    }

    /// The result of slot `i`, once it is in; the slot keeps nothing after.
    public func take(_ i: Int) -> T {
        ready[i].wait()
        defer { base[i] = nil }
        return base[i]!
    }
}
