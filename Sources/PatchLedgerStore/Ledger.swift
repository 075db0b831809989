import Foundation
import GRDB
import Synchronization

/// The SQLite ledger: one file holding catalogs, scans and the history of every import.
///
/// The schema is public (README, "The ledger"): users query it directly.
public final class Ledger: Sendable {
    let writer: any DatabaseWriter
    /// Judges the snapshots each import's findings refresh covers.
    let evaluation: any FindingsEvaluating

    /// How many VMs the findings refresh of this instance's last write evaluated.
    public var vmsEvaluatedByLastWrite: Int { evaluatedByLastWrite.withLock { $0 } }
    let evaluatedByLastWrite = Mutex(0)

    /// Opens (creating and migrating as needed) the ledger at `path`, in WAL mode with foreign keys on.
    ///
    /// A writer waits for another writer's transaction up to `writerPatience`, calling `whileWaiting` once when
    /// the wait becomes noticeable, so two imports serialize instead of failing with "database is locked".
    /// Commands that only read open the ledger with `reading(path:evaluation:whileWaiting:)`. `evaluation` judges
    /// the findings every import refreshes (PatchLedgerKit opens ledgers with its own).
    public convenience init(
        path: String, evaluation: any FindingsEvaluating, whileWaiting: (@Sendable () -> Void)? = nil
    ) throws {
        try self.init(path: path, readOnly: false, evaluation: evaluation, whileWaiting: whileWaiting)
    }

    /// Opens the ledger at `path` for a command that only reads. Read-only, it never waits for an import in
    /// progress (WAL: it reads the ledger as the last commit left it; a writable connection would first write,
    /// to set the WAL up or to migrate). A ledger that must first be brought up to date (a migration, or findings
    /// an older version left stale) is opened for writing instead, and waits like any writer.
    public static func reading(
        path: String, evaluation: any FindingsEvaluating, whileWaiting: (@Sendable () -> Void)? = nil
    ) throws -> Ledger {
        let ledger = try Ledger(path: path, readOnly: true, evaluation: evaluation, whileWaiting: whileWaiting)
        let current = try wrap {
            try ledger.writer.read { db in
                try migrator.hasCompletedMigrations(db) && !FindingsStamps(db).isStale(db)
            }
        }
        return current ? ledger : try Ledger(path: path, evaluation: evaluation, whileWaiting: whileWaiting)
    }

    private convenience init(
        path: String, readOnly: Bool, evaluation: any FindingsEvaluating, whileWaiting: (@Sendable () -> Void)?
    ) throws {
        do {
            var configuration = Configuration()
            configuration.readonly = readOnly
            configuration.busyMode = .callback(Self.waitForWriter(whileWaiting))
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
            try self.init(
                writer: DatabasePool(path: path, configuration: configuration), evaluation: evaluation,
                migrating: !readOnly)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? error.description)
        }
    }

    /// How long a writer waits for another writer before giving up, in seconds: longer than any import of a
    /// nightly run, shorter than a cron period.
    static let writerPatience = 1_800.0

    /// The busy handler: polls every 50 ms, reports the wait once after a second.
    private static func waitForWriter(_ whileWaiting: (@Sendable () -> Void)?) -> Database.BusyCallback {
        let poll = 0.05
        return { tries in
            if tries == Int(1 / poll) { whileWaiting?() }
            guard Double(tries) * poll < writerPatience else { return false }
            Thread.sleep(forTimeInterval: poll)
            return true
        }
    }

    /// An in-memory ledger with the production schema, for tests and the demo.
    public static func inMemory(evaluation: any FindingsEvaluating) throws -> Ledger {
        try Ledger(writer: DatabaseQueue(), evaluation: evaluation)
    }

    init(writer: any DatabaseWriter, evaluation: any FindingsEvaluating, migrating: Bool = true) throws {
        self.writer = writer
        self.evaluation = evaluation
        if migrating { try Self.wrap { try Self.migrator.migrate(writer) } }
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

    /// Runs `body` in one write transaction that also brings the findings up to date: every import goes
    /// through here, so the commands that only read never have to write (nor wait for an import).
    ///
    /// - Parameter savepoints: `body` nests savepoints around large writes. Statement journals then spill to a
    ///   temporary file, as SQLite's default does, instead of staying in memory: in memory, each statement's end
    ///   walked the enclosing savepoint's whole journal (100,000 scans of VMs held took 253 s, against 11 s).
    func writing<T>(savepoints: Bool = false, _ body: (Database) throws -> T) throws -> T {
        try Self.wrap {
            try writer.writeWithoutTransaction { db in
                // Only outside a transaction can the connection's temporary storage change.
                if savepoints { try db.execute(sql: "PRAGMA temp_store = FILE") }
                defer { if savepoints { try? db.execute(sql: "PRAGMA temp_store = MEMORY") } }
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    try refreshFindingsOfImport(db)
                    return .commit
                }
                guard let result else { preconditionFailure("a committed transaction has a result") }
                return result
            }
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
