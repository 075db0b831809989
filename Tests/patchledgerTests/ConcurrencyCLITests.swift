import Foundation
import GRDB
import Testing

/// Cron imports and people's reads share one ledger: reads never wait for an import, imports wait for each other.
@Suite struct ConcurrencyCLITests {
    /// Every command that only reads, with the output it gives on the demo ledger.
    static let reads = [
        ["vms"], ["scan", "--format", "json"], ["drift", "--format", "json"], ["report", "--format", "json"],
        ["lag", "--format", "json"], ["catalog", "history"],
    ]

    @Test func readsAnswerAsUsualWhileAnotherProcessWritesAndAnImportWaitsForIt() throws {
        let cli = try FailClosedTests.demo()
        let expected = try Self.reads.map { try cli.run($0) }
        // Another writer (a user's sqlite3 shell, another import) holds a write transaction with a row written.
        let queue = try DatabaseQueue(path: cli.db)
        let began = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "INSERT INTO products (name) VALUES ('held by another writer')")
                began.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
            ended.signal()
        }
        began.wait()
        for (arguments, before) in zip(Self.reads, expected) {
            let result = try cli.run(arguments)
            #expect(result.status == before.status, "\(arguments): \(result.stderr)")
            #expect(result.stdout == before.stdout, "\(arguments)")
            #expect(!result.stderr.contains("waiting"), "\(arguments)")
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { release.signal() }
        let waitingImport = try cli.run([
            "import", "inventory", "--scanned-at", "2023-09-05", "catalogs/fleet/scans/2023-09-04",
        ])
        ended.wait()
        #expect(waitingImport.status == 0, "\(waitingImport.stderr)")
        #expect(waitingImport.stderr.contains("waiting for the ledger: another command is writing to it"))
        #expect(!waitingImport.stderr.contains("locked"))
        #expect(try cli.json(["vms", "--format", "json"]).isEmpty == false)
    }
}
