import GRDB
import PatchLedgerCore

extension Ledger {
    /// Each VM's snapshots and findings (refresh the findings first), optionally one VM or one group.
    public func histories(vm: String? = nil, group: String? = nil) throws -> [VMHistory] {
        try Self.wrap {
            try writer.read { db in
                let vms = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, name, group_name, image FROM vms
                        WHERE (?1 IS NULL OR name = ?1) AND (?2 IS NULL OR group_name = ?2 COLLATE NOCASE)
                        ORDER BY name COLLATE NOCASE
                        """, arguments: [vm, group])
                var snapshots: [Int64: [(scannedAt: Timestamp, kbs: Set<KB>)]] = [:]
                var snapshotVM: [Int64: (vm: Int64, time: Timestamp)] = [:]
                // Only the selected VMs' snapshots and KBs: `drift --vm` on a big fleet reads one VM's history.
                let selected = """
                    SELECT id FROM vms WHERE (?1 IS NULL OR name = ?1) AND (?2 IS NULL OR group_name = ?2 COLLATE NOCASE)
                    """
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, vm_id, scanned_at FROM snapshots WHERE vm_id IN (\(selected))",
                    arguments: [vm, group])
                {
                    guard let time = Timestamp(parsing: row["scanned_at"] as String) else { continue }
                    snapshotVM[row["id"]] = (row["vm_id"], time)
                }
                var kbs: [Int64: Set<KB>] = [:]
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT k.snapshot_id, k.kb FROM snapshot_kbs k JOIN snapshots s ON s.id = k.snapshot_id
                        WHERE s.vm_id IN (\(selected))
                        """, arguments: [vm, group])
                while let row = try cursor.next() {
                    kbs[row[0], default: []].insert(KB(row[1]))
                }
                for (id, owner) in snapshotVM { snapshots[owner.vm, default: []].append((owner.time, kbs[id] ?? [])) }
                var findings: [Int64: [Finding]] = [:]
                let names = Dictionary(uniqueKeysWithValues: vms.map { ($0["id"] as Int64, $0["name"] as String) })
                for row in try Row.fetchAll(
                    db, sql: "SELECT * FROM findings WHERE vm_id IN (\(selected))", arguments: [vm, group])
                {
                    let vmID: Int64 = row["vm_id"]
                    guard let name = names[vmID], let kind = Finding.Kind(rawValue: row["kind"]),
                        let first = Timestamp(parsing: row["first_seen"] as String),
                        let last = Timestamp(parsing: row["last_seen"] as String)
                    else { continue }
                    findings[vmID, default: []].append(
                        Finding(
                            vm: name, kind: kind, key: row["key"], severity: row["severity"], episode: row["episode"],
                            firstSeen: first, lastSeen: last,
                            fixedAt: (row["fixed_at"] as String?).flatMap { Timestamp(parsing: $0) }))
                }
                return vms.map { row in
                    let id: Int64 = row["id"]
                    return VMHistory(
                        vm: row["name"], group: row["group_name"], image: row["image"], snapshots: snapshots[id] ?? [],
                        findings: findings[id] ?? [])
                }
            }
        }
    }
}
