import GRDB
import PatchLedgerCore

extension Ledger {
    /// Every VM's name and group: what a `--vm` or `--group` is checked against, without summarising the fleet
    /// (`vms()` reads every VM's latest scan: 2 s for 100,000 VMs).
    public func vmNames() throws -> [(vm: String, group: String?)] {
        try Self.wrap {
            try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT name, group_name FROM vms").map { ($0[0], $0[1]) }
            }
        }
    }

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
                    sql: "SELECT kb FROM snapshot_kbs WHERE snapshot_id = ? ORDER BY kb")
                return try rows.map { row in
                    let snapshotID: Int64? = row["snapshot_id"]
                    let kbs =
                        try snapshotID.map { try Int.fetchAll(kbStatement, arguments: [$0]).map { KB($0).description } }
                        ?? []
                    let scanned = (row["os_version"] as String?).flatMap { OSVersion(parsing: $0) }.map { version in
                        OSVersion(major: version.major, minor: version.minor, build: version.build, ubr: row["ubr"])
                    }
                    let architecture = (row["architecture"] as String?).flatMap { Architecture(rawValue: $0) }
                    let (product, version) = WindowsProduct.resolve(
                        scannedProduct: row["product"], scannedVersion: scanned, architecture: architecture,
                        manifestBuild: (row["manifest_build"] as String?).flatMap { OSVersion(parsing: $0) },
                        image: row["image"])
                    return VMSummary(
                        vm: row["vm"], group: row["group_name"], image: row["image"], deployedAt: row["deployed_at"],
                        product: product, build: version?.description,
                        architecture: row["architecture"], scannedAt: row["scanned_at"],
                        snapshots: row["snapshot_count"],
                        kbs: kbs)
                }
            }
        }
    }
}
