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
                // Findings run to millions of rows over a few scan times: each time is parsed once, and columns
                // are read by position.
                var times: [String: Timestamp?] = [:]
                func time(_ text: String?) -> Timestamp? {
                    guard let text else { return nil }
                    if let known = times[text] { return known }
                    let parsed = Timestamp(parsing: text)
                    times[text] = parsed
                    return parsed
                }
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT f.vm_id, f.kind, f.key, f.severity, f.episode, f.first_seen,
                            coalesce(f.last_seen, e.latest), f.fixed_at
                        FROM findings f LEFT JOIN (
                            SELECT vm_id, max(scanned_at) AS latest FROM evaluations GROUP BY vm_id) e
                            ON e.vm_id = f.vm_id
                        WHERE f.vm_id IN (\(selected))
                        """, arguments: [vm, group])
                while let row = try rows.next() {
                    let vmID: Int64 = row[0]
                    guard let name = names[vmID], let kind = Finding.Kind(rawValue: row[1]), let first = time(row[5]),
                        let last = time(row[6])
                    else { continue }
                    findings[vmID, default: []].append(
                        Finding(
                            vm: name, kind: kind, key: row[2], severity: row[3], episode: row[4], firstSeen: first,
                            lastSeen: last, fixedAt: time(row[7])))
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
