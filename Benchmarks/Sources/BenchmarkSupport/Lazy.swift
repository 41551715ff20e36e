import Synchronization

/// A value made on first use, then kept: suites register every benchmark at start-up, so their
/// data must not be built until a benchmark that needs it runs (its warm-up iteration pays).
public final class Lazy<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let storage = Mutex<Value?>(nil)

    public init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    /// The value, made now if this is the first use.
    public var value: Value {
        storage.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
