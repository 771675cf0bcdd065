import Dispatch
import Foundation

/// A value made on another thread, from now until it is asked for.
///
/// Made on a thread of its own, not one of the shared pool's: one value's
/// making may wait for another's (options.csv is read once the lines of
/// the files are counted), and a pool of as many threads as cores, some
/// of them waiting, could have none left to make the value waited for.
///
/// Unchecked: `result` is written once, by the making thread, before it
/// signals `done`; it is read only after a wait for that signal.
public final class Later<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    public init(_ make: @escaping @Sendable () -> T) {
        Thread.detachNewThread {
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
