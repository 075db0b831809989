import Foundation
import GRDB
import PatchLedgerCore

extension Ledger {
    /// Every VM with its latest snapshot scanned on or before `asOf` (end of that day, UTC).
    public func scanTargets(asOf: CalendarDate) throws -> [ScanTarget] {
        try Self.wrap {
            try writer.read { db in
                let limit = "\(asOf)T23:59:59Z"
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT v.name, v.group_name, v.image, v.build, v.tags, v.deployed_at, s.id AS snapshot_id, s.scanned_at,
                            s.product, s.os_version, s.ubr, s.architecture
                        FROM vms v LEFT JOIN snapshots s ON s.id = (
                            SELECT id FROM snapshots WHERE vm_id = v.id AND scanned_at <= ?
                            ORDER BY scanned_at DESC, id DESC LIMIT 1)
                        ORDER BY v.name COLLATE NOCASE
                        """, arguments: [limit])
                // The KBs of the snapshots just chosen, passed as a JSON array rather than choosing them again.
                let chosen = rows.compactMap { $0["snapshot_id"] as Int64? }.map(String.init).joined(separator: ",")
                var kbs: [Int64: [KB]] = [:]
                let cursor = try Row.fetchCursor(
                    db,
                    sql:
                        "SELECT snapshot_id, kb FROM snapshot_kbs WHERE snapshot_id IN (SELECT value FROM json_each(?))",
                    arguments: ["[\(chosen)]"])
                while let row = try cursor.next() {
                    if let kb = KB(parsing: row[1] as String) { kbs[row[0], default: []].append(kb) }
                }
                return rows.map { row in
                    let snapshot: Int64? = row["snapshot_id"]
                    let scanned = (row["os_version"] as String?).flatMap { OSVersion(parsing: $0) }.map { version in
                        OSVersion(major: version.major, minor: version.minor, build: version.build, ubr: row["ubr"])
                    }
                    let (product, version) = WindowsProduct.resolve(
                        scannedProduct: row["product"], scannedVersion: scanned,
                        architecture: (row["architecture"] as String?).flatMap { Architecture(rawValue: $0) },
                        manifestBuild: (row["build"] as String?).flatMap { OSVersion(parsing: $0) }, image: row["image"]
                    )
                    let tags = Self.tags(row["tags"])
                    var target = ScanTarget(
                        vm: row["name"], group: row["group_name"], image: row["image"], product: product,
                        version: version, scannedAt: row["scanned_at"], installed: snapshot.flatMap { kbs[$0] } ?? [],
                        hotpatch: ScanTarget.hotpatchEnrolled(tags: tags))
                    target.scannedVersion = scanned
                    target.deployedAt = (row["deployed_at"] as String?).flatMap { Timestamp(parsing: $0)?.date }
                    target.tags = tags
                    return target
                }
            }
        }
    }
}
