import Foundation
import GRDB
import PatchLedgerCore
import PatchLedgerKit
import Synchronization
import Testing

@testable import PatchLedgerStore

/// Commands share one ledger file: readers never wait for an import, and writers wait for each other.
@Suite struct LedgerConcurrencyTests {
    /// A ledger file in a folder of its own, removed afterwards with its WAL and shared memory.
    func withLedgerFile(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concurrency-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder.appendingPathComponent("ledger.sqlite").path)
    }

    /// Another process's write transaction on `path`, held (with a row written) until `release` is signalled.
    final class HeldWrite: Sendable {
        let began = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        let released = Mutex(false)

        init(path: String) throws {
            let queue = try DatabaseQueue(path: path)
            Thread.detachNewThread { [self] in
                try? queue.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    try db.execute(sql: "INSERT INTO products (name) VALUES ('Held by another writer')")
                    began.signal()
                    release.wait()
                    released.withLock { $0 = true }
                    try db.execute(sql: "ROLLBACK")
                }
                ended.signal()
            }
            began.wait()
        }

        /// Lets the transaction go after `seconds`, from another thread.
        func release(after seconds: Double) {
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { self.release.signal() }
        }
    }

    @Test func aSecondWriterWaitsForTheFirstSaysSoAndThenCommits() throws {
        try withLedgerFile { path in
            _ = try Ledger(path: path)
            let held = try HeldWrite(path: path)
            held.release(after: 1.5)
            let waited = Mutex(false)
            let ledger = try Ledger(path: path, whileWaiting: { waited.withLock { $0 = true } })
            let summaries = try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
            held.ended.wait()
            #expect(waited.withLock { $0 }, "the wait was reported")
            #expect(held.released.withLock { $0 }, "the import committed after the other writer ended")
            #expect(summaries.allSatisfy { $0.outcome == .imported })
            #expect(try ledger.catalogStats().updates > 0)
        }
    }

    @Test func readersDoNotWaitForAWriteInProgressAndSeeTheLastCommit() throws {
        try withLedgerFile { path in
            let ledger = try Ledger(path: path)
            _ = try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
            let before = try ledger.dump()
            let held = try HeldWrite(path: path)
            // Everything a read-only command asks of the ledger, while the other transaction is open: had any of it
            // waited, it would have ended only after the release below.
            let reader = try Ledger.reading(path: path)
            #expect(try reader.refreshFindings() == 0, "the findings are current: nothing to write")
            #expect(try reader.dump() == before, "the uncommitted row is not seen")
            _ = try reader.vms()
            _ = try reader.catalogCoverage()
            #expect(!held.released.withLock { $0 })
            held.release(after: 0)
            held.ended.wait()
        }
    }
}
