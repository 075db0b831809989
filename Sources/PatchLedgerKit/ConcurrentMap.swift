import Dispatch

extension Array where Element: Sendable {
    /// `map` over every core: the transform runs concurrently, results come back in order.
    ///
    /// For CPU-bound work on independent elements, like parsing many small inventory files while the
    /// ledger's single writer waits.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        // Each iteration writes only its own slot, so the unsynchronised buffer is race-free.
        nonisolated(unsafe) let results = slots
        withoutActuallyEscaping(transform) { transform in
            DispatchQueue.concurrentPerform(iterations: count) { index in
                results[index] = transform(self[index])
            }
        }
        return slots.map { slot in
            guard let value = slot else { preconditionFailure("concurrentPerform skipped an iteration") }
            return value
        }
    }
}
