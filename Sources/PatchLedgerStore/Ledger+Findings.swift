import Foundation
import GRDB
import PatchLedgerCore

extension Ledger {
    /// Brings the findings up to date, in one transaction. A VM's new snapshots are evaluated from its last
    /// evaluated one on, and only what changed is written; a VM is replayed whole when a new snapshot is older
    /// than that one or its manifest entry changed, and every VM when the catalog changed.
    ///
    /// Every import already does this in its own transaction (`writing`): this writes only when the findings are
    /// stale (a ledger whose migrations emptied them), so a command that reads never waits for an import.
    ///
    /// - Returns: how many VMs were evaluated.
    @discardableResult
    public func refreshFindings() throws -> Int {
        try Self.wrap {
            guard try writer.read({ db in try FindingsStamps(db).isStale(db) }) else { return 0 }
            let evaluated = try writer.write { db in try refreshFindings(db) }
            evaluatedByLastWrite.withLock { $0 = evaluated }
            return evaluated
        }
    }

    /// An import's findings step, inside its transaction (the fault point the crash tests stop at), counted for
    /// `vmsEvaluatedByLastWrite`.
    func refreshFindingsOfImport(_ db: Database) throws {
        FaultPoint.reach("findings")
        let evaluated = try refreshFindings(db)
        evaluatedByLastWrite.withLock { $0 = evaluated }
    }

    /// `refreshFindings()` inside a transaction already open: an import's rows and the findings they cause
    /// commit together or not at all.
    @discardableResult
    func refreshFindings(_ db: Database) throws -> Int {
        let stamps = try FindingsStamps(db)
        let state = try Row.fetchOne(db, sql: "SELECT * FROM findings_state WHERE id = 1")
        let plan = try FindingsPlan(
            db, everything: state == nil || state?["catalog_stamp"] != stamps.catalog,
            manifestSince: state?["manifest_stamp"] == stamps.manifest ? nil : state?["manifest_stamp"] ?? "",
            snapshotsAfter: state?["last_snapshot_id"] ?? 0)
        let evaluated = try plan.run(db, evaluation: evaluation)
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO findings_state (id, catalog_stamp, manifest_stamp, last_snapshot_id)
                VALUES (1, ?, ?, ?)
                """, arguments: [stamps.catalog, stamps.manifest, stamps.lastSnapshot])
        return evaluated
    }
}

/// What the findings depend on, as `findings_state` records it when they were last brought up to date.
struct FindingsStamps {
    /// Catalog imports that changed something, and the release history's content: a row corrected in place
    /// keeps its key, so its count alone would not say so.
    let catalog: String
    /// The newest manifest import.
    let manifest: String
    /// The newest snapshot.
    let lastSnapshot: Int64

    init(_ db: Database) throws {
        let imports =
            try Int64.fetchOne(
                db, sql: "SELECT coalesce(max(id), 0) FROM imports WHERE outcome = 'imported'") ?? 0
        catalog = "\(imports) \(try Self.releasesFingerprint(db))"
        manifest = try String.fetchOne(db, sql: "SELECT coalesce(max(manifest_imported_at), '') FROM vms") ?? ""
        lastSnapshot = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM snapshots") ?? 0
    }

    /// The release history's rows, every column the evaluation reads, as a count and an FNV-1a hash: a few
    /// hundred rows, read at each import and each read-only open.
    private static func releasesFingerprint(_ db: Database) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var count = 0
        let rows = try String.fetchCursor(
            db,
            sql: """
                SELECT line || '|' || build || '|' || ubr || '|' || kb || '|' || released || '|' || type || '|'
                    || channel || '|' || month || char(10)
                FROM releases ORDER BY line, build, ubr, kb
                """)
        while let row = try rows.next() {
            count += 1
            for byte in row.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return "\(count):\(String(hash, radix: 16))"
    }

    /// Whether the findings were last brought up to date for other stamps than these.
    func isStale(_ db: Database) throws -> Bool {
        guard let state = try Row.fetchOne(db, sql: "SELECT * FROM findings_state WHERE id = 1") else { return true }
        return state["catalog_stamp"] != catalog || state["manifest_stamp"] != manifest
            || state["last_snapshot_id"] != lastSnapshot
    }
}
