import Foundation
import GRDB

/// The SQLite ledger: one file holding catalogs, scans and the history of every import.
///
/// The schema is public (README, "The ledger"): users query it directly.
public final class Ledger: Sendable {
    let writer: any DatabaseWriter

    /// Opens (creating and migrating as needed) the ledger at `path`, in WAL mode with foreign keys on.
    public convenience init(path: String) throws {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(Self.busyTimeout)
            // WAL with NORMAL sync cannot corrupt the ledger; a power cut may only lose the last import.
            // 8 MB of page cache: big imports write pages mostly in order, so more buys little and costs RSS.
            // Temporary storage in memory: statement journals of multi-row inserts otherwise went to files (250 MB
            // written for a WSUS catalog), and they never outgrow one statement's pages.
            // 16 KB pages (for a new ledger; an existing one keeps its size): a WSUS catalog's first import
            // committed a fifth faster than with 4 KB pages.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192")
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            try self.init(writer: DatabasePool(path: path, configuration: configuration))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? error.description)
        }
    }

    /// How long a connection waits for another's lock before giving up, in seconds.
    static let busyTimeout = 10.0

    /// An in-memory ledger with the production schema, for tests and the demo.
    public static func inMemory() throws -> Ledger {
        try Ledger(writer: DatabaseQueue())
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.wrap { try Self.migrator.migrate(writer) }
    }

    /// The schema this build writes: how many named migrations it knows, and the newest one's name.
    public static var schemaVersion: (number: Int, name: String) {
        let names = migrator.migrations
        return (names.count, names.last ?? "")
    }

    /// Runs `body` and turns a `DatabaseError` into `StoreError.database`.
    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.database(error)
        }
    }

    /// Every row of every table, in a canonical order: how tests check that an import left the ledger as it was.
    public func dump(excluding: Set<String> = []) throws -> [String: [[String]]] {
        try Self.wrap {
            try writer.read { db in
                var result: [String: [[String]]] = [:]
                let tables = try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
                )
                for table in tables where !excluding.contains(table) {
                    let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                    result[table] = rows.map { row in row.databaseValues.map(\.description) }.sorted {
                        $0.lexicographicallyPrecedes($1)
                    }
                }
                return result
            }
        }
    }
}
