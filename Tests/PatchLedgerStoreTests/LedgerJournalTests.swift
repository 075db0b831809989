import Foundation
import GRDB
import PatchLedgerCore
import PatchLedgerImport
import Testing

@testable import PatchLedgerStore

/// Large imports write through a rollback journal (`Ledger.journaling`); the ledger must not be able to tell.
@Suite struct LedgerJournalTests {
    let package = TestData.root.appendingPathComponent("catalogs/wsus/package.xml")
    let large = Ledger.rollbackJournalBytes

    /// A ledger file in a folder of its own, removed afterwards with its journal, WAL and shared memory.
    func withLedgerFile(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder.appendingPathComponent("ledger.sqlite").path)
    }

    func journalMode(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "PRAGMA journal_mode")
    }

    @Test func aLargeImportWritesThroughARollbackJournalThenTheLedgerIsBackInWAL() throws {
        let expected = try Ledger.inMemory()
        try expected.importWSUS(package)
        try withLedgerFile { path in
            let ledger = try Ledger(path: path)
            var modeDuringImport: String?
            let summary = try ledger.importing(bytes: large) { session in
                modeDuringImport = try journalMode(session.db)
                let loader = try session.wsusPackageLoader(file: package.lastPathComponent)
                let sha256 = try WSUSPackageReader.read(package, into: loader)
                let metadata = try WSUSMetadataReader.read(WSUSMetadataReader.fragmentFolders(besidePackage: package))
                return try loader.finish(sha256: sha256, metadata: metadata)
            }
            #expect(modeDuringImport == "delete")
            #expect(summary.added == 33)
            #expect(try ledger.writer.read { try journalMode($0) } == "wal")
            #expect(try ledger.dump(excluding: ["imports"]) == expected.dump(excluding: ["imports"]))
        }
    }

    @Test func aLargeImportThatFailsLeavesTheLedgerAsItWasAndInWAL() throws {
        try withLedgerFile { path in
            // Short-lived ledgers: an open connection, even an idle one, would keep the import in WAL.
            try Ledger(path: path).importWSUS(package)
            let before = try Ledger(path: path).dump()
            let ledger = try Ledger(path: path)
            var modeDuringImport: String?
            #expect(throws: StoreError.self) {
                try ledger.importing(bytes: large) { session in
                    modeDuringImport = try journalMode(session.db)
                    try session.db.execute(sql: "DELETE FROM wsus_files")
                    try session.db.execute(sql: "UPDATE updates SET kb = NULL")
                    // A reference to nothing: the check before the commit fails the import.
                    try session.db.execute(
                        sql: "DELETE FROM updates WHERE id = (SELECT min(update_id) FROM wsus_updates)")
                }
            }
            #expect(modeDuringImport == "delete")
            #expect(try ledger.dump() == before)
            #expect(try ledger.writer.read { try journalMode($0) } == "wal")
            #expect(try Ledger(path: path).dump() == before, "the file itself, read afresh")
        }
    }

    @Test func withAnotherConnectionReadingALargeImportKeepsTheWALAndStillCommits() throws {
        try withLedgerFile { path in
            let ledger = try Ledger(path: path)
            let reader = try DatabaseQueue(path: path)
            var modeDuringImport: String?
            try reader.read { db in
                // The reader's transaction stays open for the whole import, as a user's long query would.
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM updates") == 0)
                let summary = try ledger.importing(bytes: large) { session in
                    modeDuringImport = try journalMode(session.db)
                    let loader = try session.wsusPackageLoader(file: package.lastPathComponent)
                    return try loader.finish(sha256: try WSUSPackageReader.read(package, into: loader))
                }
                #expect(summary.added == 33)
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM updates") == 0, "its snapshot is kept")
            }
            #expect(modeDuringImport == "wal")
            #expect(try reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM updates") } == 33)
        }
    }
}
