import PatchLedgerCore

/// The parsing thread's sink: gathers records into batches for the pipe (one hand-off per record cost more
/// than the record).
final class WSUSRecordBatcher: WSUSPackageSink {
    private static let batchSize = 256
    private let pipe: BatchPipe<WSUSRecord>
    var batch: [WSUSRecord] = []

    init(_ pipe: BatchPipe<WSUSRecord>) {
        self.pipe = pipe
    }

    func begin(_ package: WSUSPackageInfo) throws -> WSUSPackageDecision {
        batch.append(.begin(package))
        // At once: the consumer may stop here (a package older than the one held).
        try flush()
        return .read
    }

    func consume(_ update: consuming WSUSUpdate) throws {
        batch.append(.update(update))
        if batch.count >= Self.batchSize { try flush() }
    }

    func consume(_ location: WSUSFileLocation) throws {
        batch.append(.location(location))
        if batch.count >= Self.batchSize { try flush() }
    }

    func flush() throws {
        try pipe.send(batch)
        batch = []
        batch.reserveCapacity(Self.batchSize)
    }
}
