import GRDB
import GRDBSQLite
import PatchLedgerCore

/// One refresh of the findings ledger: which VMs are replayed whole and which resume from their latest
/// evaluated snapshot, then one pass over their snapshots, VM by VM, in which `evaluation` says what changed.
struct FindingsPlan {
    /// Snapshots with a larger id are new.
    private let snapshotsAfter: Int64
    private let everything: Bool
    /// VM id → the snapshot it resumes from (its latest evaluated), or `nil` to replay it whole.
    private var vms: [Int64: Int64?] = [:]

    init(_ db: Database, everything: Bool, manifestSince: String?, snapshotsAfter: Int64) throws {
        self.everything = everything
        self.snapshotsAfter = everything ? 0 : snapshotsAfter
        if everything {
            for vm in try Int64.fetchAll(db, sql: "SELECT DISTINCT vm_id FROM snapshots") { vms[vm] = .some(nil) }
            return
        }
        // A manifest entry changes the product or build a VM's scans resolve to: its whole history.
        if let manifestSince {
            for vm in try Int64.fetchAll(
                db, sql: "SELECT id FROM vms WHERE manifest_imported_at >= ?", arguments: [manifestSince])
            {
                vms[vm] = .some(nil)
            }
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT n.vm_id, n.first, e.snapshot_id, e.scanned_at
                FROM (SELECT vm_id, min(scanned_at) AS first FROM snapshots WHERE id > ? GROUP BY vm_id) n
                LEFT JOIN evaluations e ON e.snapshot_id = (
                    SELECT snapshot_id FROM evaluations WHERE vm_id = n.vm_id
                    ORDER BY scanned_at DESC, snapshot_id DESC LIMIT 1)
                """, arguments: [snapshotsAfter])
        for row in rows {
            let vm: Int64 = row[0]
            guard vms[vm] == nil else { continue }
            // Scans come in order (scan time, then id): a new one at the same time comes after the old.
            if let latest: Int64 = row[2], let latestAt: String = row[3], (row[1] as String) >= latestAt {
                vms[vm] = .some(latest)
            } else {
                vms[vm] = .some(nil)
            }
        }
    }

    /// - Returns: how many VMs were evaluated.
    func run(_ db: Database, evaluation: any FindingsEvaluating) throws -> Int {
        guard !vms.isEmpty else { return 0 }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS refresh_vms (id INTEGER PRIMARY KEY, resume INTEGER)")
        try db.execute(sql: "DELETE FROM temp.refresh_vms")
        let insert = try db.makeStatement(sql: "INSERT INTO temp.refresh_vms (id, resume) VALUES (?, ?)")
        for (vm, resume) in vms { try insert.execute(arguments: [vm, resume]) }
        if everything {
            try db.execute(sql: "DELETE FROM findings; DELETE FROM evaluations")
        } else {
            for table in ["findings", "evaluations"] {
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE vm_id IN (SELECT id FROM temp.refresh_vms WHERE resume IS NULL)")
            }
        }
        let refresh = try FindingsRefresh(db, products: try products(db), snapshotsAfter: snapshotsAfter)
        try evaluation.evaluate(refresh)
        try refresh.rows.finish()
        return vms.count
    }

    /// The products the refreshed VMs' snapshots resolve to, from their distinct facts.
    private func products(_ db: Database) throws -> Set<String> {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT s.product, s.os_version, s.architecture, v.image, v.build
                FROM snapshots s JOIN temp.refresh_vms r ON r.id = s.vm_id JOIN vms v ON v.id = s.vm_id
                """)
        return Set(
            rows.compactMap { row in
                WindowsProduct.resolve(
                    scannedProduct: row[0], scannedVersion: (row[1] as String?).flatMap { OSVersion(parsing: $0) },
                    architecture: (row[2] as String?).flatMap { Architecture(rawValue: $0) },
                    manifestBuild: (row[4] as String?).flatMap { OSVersion(parsing: $0) }, image: row[3]
                ).product
            })
    }
}
