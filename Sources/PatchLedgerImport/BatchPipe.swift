import Foundation

/// Hands batches from a producer thread to the consuming thread, at most `capacity` batches ahead: a big
/// catalog parses on one core while the ledger writes what was read on the other.
///
/// The consumer stays on its own thread (the ledger's connection must not move); the producer runs on a
/// thread of its own, so it never waits for a busy shared pool.
final class BatchPipe<Element: Sendable>: @unchecked Sendable {
    // Every stored property is guarded by `condition`: that is why the unchecked Sendable is safe.
    private let condition = NSCondition()
    private var queue: [[Element]] = []
    private var done = false
    private var failure: (any Error)?
    private var stopped = false
    private var producerRunning = false
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// The consumer asked the producer to stop (it failed or finished early).
    struct Stopped: Error {}

    /// Runs `produce` on a new thread, then `consume` here on each batch in order. A `produce` error is thrown
    /// after the batches sent before it; a `consume` error stops the producer at its next `send`. Returns only
    /// once the producer has finished, whatever happened.
    func run(
        produce: @escaping @Sendable (BatchPipe) throws -> Void, consume: (consuming [Element]) throws -> Void
    ) throws {
        condition.withLock { producerRunning = true }
        let thread = Thread {
            var error: (any Error)?
            do { try produce(self) } catch let thrown { error = thrown }
            self.condition.withLock {
                if self.failure == nil { self.failure = error }
                self.done = true
                self.producerRunning = false
                self.condition.broadcast()
            }
        }
        thread.start()
        defer { stopAndWait() }
        while let batch = try receive() { try consume(batch) }
    }

    /// Producer side: waits while the pipe is full. Throws `Stopped` once the consumer has stopped.
    func send(_ batch: [Element]) throws {
        guard !batch.isEmpty else { return }
        try condition.withLock {
            while queue.count >= capacity && !stopped { condition.wait() }
            guard !stopped else { throw Stopped() }
            queue.append(batch)
            condition.broadcast()
        }
    }

    private func receive() throws -> [Element]? {
        try condition.withLock {
            while queue.isEmpty && !done { condition.wait() }
            if !queue.isEmpty {
                condition.broadcast()
                return queue.removeFirst()
            }
            if let failure, !(failure is Stopped) { throw failure }
            return nil
        }
    }

    private func stopAndWait() {
        condition.withLock {
            stopped = true
            queue.removeAll()
            condition.broadcast()
            while producerRunning { condition.wait() }
        }
    }
}
