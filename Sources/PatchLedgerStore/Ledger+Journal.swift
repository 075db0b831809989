import GRDB
import GRDBSQLite

extension Ledger {
    /// Imports of at least this many input bytes write through a rollback journal rather than the WAL.
    ///
    /// SQLite's advice: WAL suits small transactions, a rollback journal is faster near 100 MB. A first WSUS
    /// catalog load (an ~80 MB ledger) then writes each page once, where the WAL wrote it, synced it, copied it
    /// into the ledger at the checkpoint and synced again.
    static let rollbackJournalBytes = 32 << 20

    /// Runs `body` with a rollback journal when `bytes` reach `rollbackJournalBytes` and no other connection
    /// has the ledger open, else in WAL as always; the ledger is back in WAL afterwards either way.
    ///
    /// Meanwhile readers of the ledger wait (their busy timeout) instead of reading the state before the import.
    static func journaling<T>(_ db: Database, bytes: Int, _ body: () throws -> T) throws -> T {
        guard bytes >= rollbackJournalBytes, leaveWAL(db) else { return try body() }
        defer { _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        return try body()
    }

    /// Switches to a rollback journal at once or not at all: with another connection open, even idle (a user's
    /// sqlite3 shell, a second import, a reader of this ledger's own pool) the WAL stays, which is only slower.
    private static func leaveWAL(_ db: Database) -> Bool {
        sqlite3_busy_timeout(db.sqliteConnection, 0)
        defer { sqlite3_busy_timeout(db.sqliteConnection, Int32(busyTimeout * 1000)) }
        return (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete"
    }
}
