import Foundation
import GRDB
import PatchLedgerCore

extension Ledger {
    /// Brings the findings ledger up to date, in one transaction. A VM's new snapshots are evaluated from its
    /// last evaluated one on, and only what changed is written; a VM is replayed whole when a new snapshot is
    /// older than that one or its manifest entry changed, and every VM when the catalog changed.
    ///
    /// - Returns: how many VMs were evaluated.
    @discardableResult
    public func refreshFindings() throws -> Int {
        try Self.wrap { try writer.write { db in try Self.refreshFindings(db) } }
    }

    /// `refreshFindings()` inside a transaction already open: an inventory import's snapshots and the findings
    /// they cause commit together or not at all.
    static func refreshFindings(_ db: Database) throws -> Int {
        // What the answers depend on: catalog imports that changed something (a nightly re-import of
        // unchanged files writes an `unchanged` row, which must not replay the fleet), and the release
        // history, whose rows are only ever added.
        let catalog =
            try String.fetchOne(
                db,
                sql: """
                    SELECT (SELECT coalesce(max(id), 0) FROM imports WHERE outcome = 'imported') || ' '
                        || (SELECT count(*) FROM releases)
                    """) ?? ""
        let manifest =
            try String.fetchOne(db, sql: "SELECT coalesce(max(manifest_imported_at), '') FROM vms") ?? ""
        let lastSnapshot = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM snapshots") ?? 0
        let state = try Row.fetchOne(db, sql: "SELECT * FROM findings_state WHERE id = 1")
        let plan = try FindingsPlan(
            db, everything: state == nil || state?["catalog_stamp"] != catalog,
            manifestSince: state?["manifest_stamp"] == manifest ? nil : state?["manifest_stamp"] ?? "",
            snapshotsAfter: state?["last_snapshot_id"] ?? 0)
        let evaluated = try plan.run(db)
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO findings_state (id, catalog_stamp, manifest_stamp, last_snapshot_id)
                VALUES (1, ?, ?, ?)
                """, arguments: [catalog, manifest, lastSnapshot])
        return evaluated
    }
}
