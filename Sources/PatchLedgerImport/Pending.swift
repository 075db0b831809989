import Dispatch

/// Work started on a background thread now, whose result is collected later: lets the next batch of
/// inventory files parse while the ledger writes the current one, and a big catalog hash beside its parse.
public final class Pending<Value: Sendable>: @unchecked Sendable {
    // `value` is written once before `group.leave()` and read only after `group.wait()`, which orders
    // the two accesses; that is why the unchecked Sendable is safe.
    private let group = DispatchGroup()
    private var value: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.value = work()
            self.group.leave()
        }
    }

    public func wait() -> Value {
        group.wait()
        guard let value else { preconditionFailure("Pending finished without a value") }
        return value
    }
}
