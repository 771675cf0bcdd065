import Dispatch

/// A value made on another thread, from now until it is asked for.
///
/// Unchecked: `result` is written once, by the making thread, before it
/// signals `done`; it is read only after a wait for that signal.
public final class Later<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    public init(_ make: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.result = make()
            self.done.signal()
        }
    }

    /// The value, once it is made.
    public var value: T {
        done.wait()
        done.signal()
        return result!
    }
}
