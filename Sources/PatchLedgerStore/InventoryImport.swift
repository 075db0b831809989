import GRDB
import PatchLedgerCore

/// The write side of one `import inventory` run: its snapshots land in one transaction.
public final class InventoryImport {
    public enum Outcome: String, Sendable {
        /// A scan the ledger did not have.
        case added
        /// The same scan of the same VM is in the ledger already (same fingerprint): nothing written.
        case unchanged
    }

    let db: Database
    private let importedAt = CatalogImport.timestamp()
    private var vmIDs: [String: Int64] = [:]
    private let insertSnapshot: Statement
    private let insertKB: BulkInsert

    init(db: Database) throws {
        self.db = db
        insertSnapshot = try db.makeStatement(
            sql: """
                INSERT INTO snapshots (vm_id, scanned_at, fingerprint, source_path, source_sha256, format, os_name,
                    product, os_version, ubr, architecture, kb_count, declared_count, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (vm_id, fingerprint) DO NOTHING
                RETURNING id
                """)
        insertKB = try BulkInsert(
            db, "INSERT INTO snapshot_kbs (snapshot_id, kb, installed_on, description, written)", columns: 5)
    }

    /// Stores one completed snapshot (`InventorySnapshot.completed(with:)`: VM and scan time are set).
    ///
    /// - Parameter fingerprint: `snapshot.fingerprint` (PatchLedgerImport), computed by the caller (off this thread).
    public func add(
        _ snapshot: InventorySnapshot, fingerprint: String, sourcePath: String, sha256: String
    ) throws -> Outcome {
        let vm = snapshot.vm ?? "unknown"
        let vmID = try vmID(named: vm)
        let scannedAt = snapshot.scannedAt ?? Timestamp(secondsSinceEpoch: 0)
        let arguments: StatementArguments = [
            vmID, scannedAt.description, fingerprint, sourcePath, sha256, snapshot.format,
            snapshot.osName,
            snapshot.product, snapshot.version?.line, snapshot.version?.ubr, snapshot.architecture?.rawValue,
            snapshot.kbs.count, snapshot.declaredCount, importedAt,
        ]
        guard let snapshotID = try Int64.fetchOne(insertSnapshot, arguments: arguments) else { return .unchanged }
        for entry in snapshot.kbs {
            try insertKB.add(
                .integer(snapshotID), .integer(Int64(entry.kb.number)), .string(entry.installedOn?.description),
                .string(entry.description), .string(entry.written))
        }
        return .added
    }

    /// Runs `body` in a savepoint: if it throws, what it wrote is undone and the session carries on with the
    /// next file (`--keep-going` skips a bad streamed file this way, records already stored included). The
    /// session must have been opened with `importingInventory(savepoints: true)`.
    public func withinSavepoint(_ body: () throws -> Void) throws {
        try insertKB.flush()
        try db.execute(sql: "SAVEPOINT inventory_file")
        do {
            try body()
            try insertKB.flush()
            try db.execute(sql: "RELEASE inventory_file")
        } catch {
            insertKB.discard()
            // VMs created inside the savepoint are gone with it.
            vmIDs = [:]
            try db.execute(sql: "ROLLBACK TO inventory_file; RELEASE inventory_file")
            throw error
        }
    }

    /// Writes the KB rows still held back by the batched insert; runs before the transaction commits.
    fileprivate func finish() throws {
        try insertKB.flush()
    }

    /// The VM's id by name or computer name (case-insensitive), created on first sight.
    private func vmID(named name: String) throws -> Int64 {
        let key = name.lowercased()
        if let id = vmIDs[key] { return id }
        let existing = try Int64.fetchOne(
            db, sql: "SELECT id FROM vms WHERE name = ?1 OR computer_name = ?1 ORDER BY name = ?1 DESC LIMIT 1",
            arguments: [name])
        let id =
            try existing
            ?? {
                try db.execute(sql: "INSERT INTO vms (name) VALUES (?)", arguments: [name])
                return db.lastInsertedRowID
            }()
        vmIDs[key] = id
        return id
    }
}

extension Ledger {
    /// Runs `body` in one write transaction with the findings it causes: if it throws, or the process dies, the
    /// ledger is exactly as before.
    ///
    /// - Parameter savepoints: `body` stores files in savepoints (`InventoryImport.withinSavepoint`).
    public func importingInventory<T>(savepoints: Bool = false, _ body: (InventoryImport) throws -> T) throws -> T {
        try writing(savepoints: savepoints) { db in
            let session = try InventoryImport(db: db)
            let result = try body(session)
            try session.finish()
            return result
        }
    }
}
