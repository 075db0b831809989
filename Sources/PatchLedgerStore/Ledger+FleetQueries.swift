import GRDB
import PatchLedgerCore

extension Ledger {
    /// Every VM, by name, with its latest scan (VMs known only from a manifest have none).
    public func vms() throws -> [VMSummary] {
        try Self.wrap {
            try writer.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT l.*, (SELECT count(*) FROM snapshots WHERE vm_id = l.vm_id) AS snapshot_count
                        FROM vm_latest_scan l ORDER BY l.vm COLLATE NOCASE
                        """)
                let kbStatement = try db.makeStatement(
                    sql: "SELECT kb FROM snapshot_kbs WHERE snapshot_id = ? ORDER BY CAST(substr(kb, 3) AS INTEGER)")
                return try rows.map { row in
                    let snapshotID: Int64? = row["snapshot_id"]
                    let kbs = try snapshotID.map { try String.fetchAll(kbStatement, arguments: [$0]) } ?? []
                    let scanned = (row["os_version"] as String?).flatMap { OSVersion(parsing: $0) }.map { version in
                        OSVersion(major: version.major, minor: version.minor, build: version.build, ubr: row["ubr"])
                    }
                    let manifest = (row["manifest_build"] as String?).flatMap { OSVersion(parsing: $0) }
                    return VMSummary(
                        vm: row["vm"], group: row["group_name"], image: row["image"], deployedAt: row["deployed_at"],
                        product: row["product"], build: scanned?.filling(ubrFrom: manifest).description,
                        architecture: row["architecture"], scannedAt: row["scanned_at"],
                        snapshots: row["snapshot_count"],
                        kbs: kbs)
                }
            }
        }
    }
}
