import Foundation
import Testing

@testable import PatchLedgerImport

@Suite struct BatchPipeTests {
    struct Broken: Error, Equatable { var at: Int }

    @Test func everyBatchArrivesInOrderThoughTheProducerRunsAhead() throws {
        var received: [Int] = []
        try BatchPipe<Int>(capacity: 2).run { pipe in
            for start in stride(from: 0, to: 1_000, by: 10) { try pipe.send(Array(start..<start + 10)) }
        } consume: { batch in
            received += batch
        }
        #expect(received == Array(0..<1_000))
    }

    @Test func aProducerErrorArrivesAfterTheBatchesSentBeforeIt() {
        var received: [Int] = []
        #expect(throws: Broken(at: 3)) {
            try BatchPipe<Int>().run { pipe in
                try pipe.send([1, 2])
                try pipe.send([3])
                throw Broken(at: 3)
            } consume: { batch in
                received += batch
            }
        }
        #expect(received == [1, 2, 3])
    }

    @Test func aConsumerErrorStopsTheProducerBeforeRunReturns() {
        let sent = Counter()
        #expect(throws: Broken(at: 0)) {
            try BatchPipe<Int>(capacity: 1).run { pipe in
                // Would never end if a stopped consumer did not make `send` throw.
                while true {
                    try pipe.send([sent.increment()])
                }
            } consume: { batch in
                throw Broken(at: batch[0])
            }
        }
        // The producer has stopped for good: its count no longer moves.
        let stoppedAt = sent.value
        Thread.sleep(forTimeInterval: 0.05)
        #expect(sent.value == stoppedAt)
        #expect(stoppedAt <= 3)
    }
}

/// A count the producer thread writes and the test reads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() -> Int {
        lock.withLock {
            defer { count += 1 }; return count
        }
    }
}
