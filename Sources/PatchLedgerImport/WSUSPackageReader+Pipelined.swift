import Foundation
import PatchLedgerCore

extension WSUSPackageReader {
    /// Reads package.xml on a second thread while the calling thread hands the records to `sink`: parsing
    /// and writing the ledger each get a core. The sink sees exactly what `read` would give it, in order.
    ///
    /// - Throws: the first error of either side; the other side stops.
    public static func readPipelined(
        _ url: URL, into sink: some WSUSPackageSink, displayName: String? = nil,
        progress: @escaping @Sendable (_ bytes: Int, _ updates: Int) -> Void = { _, _ in }
    ) throws -> String {
        let channel = RecordChannel()
        let producer = Thread {
            do {
                let sha256 = try read(url, into: ChannelSink(channel), displayName: displayName, progress: progress)
                channel.finish(.success(sha256))
            } catch {
                channel.finish(.failure(error))
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        do {
            while let batch = channel.next() {
                for record in batch {
                    switch record {
                    case .begin(let package): try sink.begin(package)
                    case .update(let update): try sink.consume(update)
                    case .location(let location): try sink.consume(location)
                    }
                }
            }
        } catch {
            channel.cancel()
            _ = channel.waitForResult()
            throw error
        }
        return try channel.waitForResult().get()
    }
}

enum PackageRecord: Sendable {
    case begin(WSUSPackageInfo)
    case update(WSUSUpdate)
    case location(WSUSFileLocation)
}

/// A bounded hand-over of record batches from the parsing thread to the writing one.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is locked.
final class RecordChannel: @unchecked Sendable {
    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var batches: [[PackageRecord]] = []
    private var pending: [PackageRecord] = []
    private var result: Result<String, Error>?
    private var cancelled = false
    private static let batchSize = 1024
    private static let maxBatches = 8

    /// Producer side: queues one record, waiting while the consumer is `maxBatches` behind.
    func send(_ record: PackageRecord) throws {
        pending.append(record)
        guard pending.count >= Self.batchSize else { return }
        try flush()
    }

    private func flush() throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.maxBatches && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(pending)
        pending = []
        condition.broadcast()
    }

    /// Producer side: the end of the stream, with the file's digest or the error that stopped it.
    func finish(_ outcome: Result<String, Error>) {
        if case .success = outcome { try? flush() }
        condition.lock()
        result = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer side: the next batch, or `nil` once the producer has finished and everything was taken.
    func next() -> [PackageRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && result == nil { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func waitForResult() -> Result<String, Error> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result ?? .failure(Cancelled())
    }
}

/// The producer's sink: forwards every record to the channel.
final class ChannelSink: WSUSPackageSink {
    let channel: RecordChannel

    init(_ channel: RecordChannel) {
        self.channel = channel
    }

    func begin(_ package: WSUSPackageInfo) throws { try channel.send(.begin(package)) }
    func consume(_ update: WSUSUpdate) throws { try channel.send(.update(update)) }
    func consume(_ location: WSUSFileLocation) throws { try channel.send(.location(location)) }
}
