import Foundation
import GRDB
import PatchLedgerCore

extension Ledger {
    /// One snapshot of a VM as the engine evaluates it.
    struct SnapshotState {
        var vmID: Int64
        var vm: String
        var scannedAt: Timestamp
        /// `nil` when the product is unknown, or not one the catalog holds.
        var state: VMState?
    }

    /// Every snapshot of the VMs in `temp.replay_vms`, oldest first, with product and build completed from
    /// the manifest as `scan` does. Installed KBs are read only for snapshots of the products `known`
    /// keeps: the others cannot be evaluated, and a fleet's KB lists are most of the ledger.
    static func snapshotStates(_ db: Database, known: (Set<String>) throws -> Set<String>) throws -> [SnapshotState] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.vm_id, v.name, v.image, v.build AS manifest_build, v.tags, s.scanned_at, s.product,
                    s.os_version, s.ubr, s.architecture
                FROM snapshots s JOIN vms v ON v.id = s.vm_id
                WHERE s.vm_id IN (SELECT id FROM temp.replay_vms) ORDER BY s.vm_id, s.scanned_at, s.id
                """)
        let resolved = rows.map { row -> (row: Row, product: String?, version: OSVersion?) in
            let scanned = (row["os_version"] as String?).flatMap { OSVersion(parsing: $0) }.map { version in
                OSVersion(major: version.major, minor: version.minor, build: version.build, ubr: row["ubr"])
            }
            let (product, version) = WindowsProduct.resolve(
                scannedProduct: row["product"], scannedVersion: scanned,
                architecture: (row["architecture"] as String?).flatMap { Architecture(rawValue: $0) },
                manifestBuild: (row["manifest_build"] as String?).flatMap { OSVersion(parsing: $0) },
                image: row["image"])
            return (row, product, version)
        }
        let evaluable = try known(Set(resolved.compactMap(\.product)))
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS replay_snapshots (id INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM temp.replay_snapshots")
        let insert = try db.makeStatement(sql: "INSERT INTO temp.replay_snapshots (id) VALUES (?)")
        for entry in resolved where entry.product.map(evaluable.contains) == true {
            try insert.execute(arguments: [entry.row["id"] as Int64])
        }
        var kbs: [Int64: [KB]] = [:]
        let cursor = try Row.fetchCursor(
            db,
            sql: "SELECT snapshot_id, kb FROM snapshot_kbs WHERE snapshot_id IN (SELECT id FROM temp.replay_snapshots)")
        while let row = try cursor.next() {
            kbs[row[0], default: []].append(KB(row[1]))
        }
        return resolved.compactMap { row, product, version in
            guard let scannedAt = Timestamp(parsing: row["scanned_at"] as String) else { return nil }
            let id: Int64 = row["id"]
            let tags = tags(row["tags"])
            return SnapshotState(
                vmID: row["vm_id"], vm: row["name"], scannedAt: scannedAt,
                state: product.flatMap { evaluable.contains($0) ? $0 : nil }.map {
                    VMState(
                        product: $0, version: version, installed: Set(kbs[id] ?? []),
                        hotpatch: ScanTarget.hotpatchEnrolled(tags: tags))
                })
        }
    }

    static func tags(_ json: String?) -> [String: String] {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return [:]
        }
        return object.mapValues { "\($0)" }
    }
}
