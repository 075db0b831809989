import Foundation
import GRDB
import GRDBSQLite
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
                // The KBs of the snapshots just chosen, in one pass, passed as a JSON array rather than chosen
                // again; read as numbers straight from the statement (a fleet's KB lists are millions of rows).
                var target: [Int64: Int] = [:]
                for (index, row) in rows.enumerated() {
                    if let snapshot = row["snapshot_id"] as Int64? { target[snapshot] = index }
                }
                var kbs = [[KB]](repeating: [], count: rows.count)
                let statement = try db.makeStatement(
                    sql:
                        "SELECT snapshot_id, kb FROM snapshot_kbs WHERE snapshot_id IN (SELECT value FROM json_each(?))"
                )
                try statement.setArguments(["[\(target.keys.sorted().map(String.init).joined(separator: ","))]"])
                let handle = statement.sqliteStatement
                var current: (snapshot: Int64, index: Int) = (-1, -1)
                while true {
                    let step = sqlite3_step(handle)
                    guard step == SQLITE_ROW else {
                        if step == SQLITE_DONE { break }
                        throw DatabaseError(
                            resultCode: ResultCode(rawValue: step),
                            message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    let snapshot = sqlite3_column_int64(handle, 0)
                    if snapshot != current.snapshot { current = (snapshot, target[snapshot] ?? -1) }
                    if current.index >= 0 { kbs[current.index].append(KB(Int(sqlite3_column_int64(handle, 1)))) }
                }
                return rows.enumerated().map { index, row in
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
                        version: version, scannedAt: row["scanned_at"], installed: kbs[index],
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
