import GRDB
import GRDBSQLite
import PatchLedgerCore

extension Ledger {
    /// What `drift` shows, read for one VM, one group or every VM (refresh the findings first): every scan's
    /// time, verdict and open CVE counts, installed KBs of the two scans each VM's drift compares, and the
    /// findings. Not every snapshot's KBs: a fleet's history holds millions.
    public func driftHistories(vm: String? = nil, group: String? = nil, since: CalendarDate?, until: CalendarDate)
        throws -> [VMHistory]
    {
        try Self.wrap {
            try writer.read { db in
                let selected = """
                    SELECT id FROM vms WHERE (?1 IS NULL OR name = ?1) AND (?2 IS NULL OR group_name = ?2 COLLATE NOCASE)
                    """
                let arguments: StatementArguments = [vm, group]
                let vms = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT id, name, group_name, image FROM vms WHERE id IN (\(selected)) ORDER BY name COLLATE NOCASE",
                    arguments: arguments)
                var time = ParsedOnce { Timestamp(parsing: $0) }
                var day = ParsedOnce { CalendarDate(parsing: $0) }
                var scans: [Int64: [(id: Int64, scan: VMHistory.Scan)]] = [:]
                let scanRows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT s.id, s.vm_id, s.scanned_at, e.snapshot_id IS NOT NULL, e.not_compliant_from,
                            e.open_critical, e.open_important
                        FROM snapshots s LEFT JOIN evaluations e ON e.snapshot_id = s.id
                        WHERE s.vm_id IN (\(selected))
                        """, arguments: arguments)
                while let row = try scanRows.next() {
                    guard let scannedAt = time(row[2]) else { continue }
                    let notCompliantFrom = day(row[4] as String?)
                    scans[row[1], default: []].append(
                        (
                            row[0],
                            VMHistory.Scan(
                                scannedAt: scannedAt, evaluated: row[3], notCompliantFrom: notCompliantFrom,
                                openCritical: row[5] ?? 0, openImportant: row[6] ?? 0)
                        ))
                }
                var findings: [Int64: [Finding]] = [:]
                let names = Dictionary(uniqueKeysWithValues: vms.map { ($0["id"] as Int64, $0["name"] as String) })
                let findingRows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT f.vm_id, f.kb, f.severity, f.episode, f.first_seen, coalesce(f.last_seen, e.latest),
                            f.fixed_at
                        FROM findings f LEFT JOIN (
                            SELECT vm_id, max(scanned_at) AS latest FROM evaluations GROUP BY vm_id) e
                            ON e.vm_id = f.vm_id
                        WHERE f.vm_id IN (\(selected))
                        """, arguments: arguments)
                while let row = try findingRows.next() {
                    let vmID: Int64 = row[0]
                    guard let name = names[vmID], let first = time(row[4]), let last = time(row[5]) else { continue }
                    findings[vmID, default: []].append(
                        Finding(
                            vm: name, kb: row[1], severity: row[2], episode: row[3], firstSeen: first,
                            lastSeen: last, fixedAt: time(row[6])))
                }
                // Each VM's scans in order (time, then id), and the ids of the two drift compares, whose installed
                // KBs alone are read.
                var histories: [VMHistory] = []
                var wanted: [Int64: (history: Int, scan: Int)] = [:]
                for row in vms {
                    let id: Int64 = row["id"]
                    let ordered = (scans[id] ?? []).sorted { ($0.scan.scannedAt, $0.id) < ($1.scan.scannedAt, $1.id) }
                    let history = VMHistory(
                        vm: row["name"], group: row["group_name"], image: row["image"], scans: ordered.map(\.scan),
                        findings: findings[id] ?? [])
                    if let (from, to) = Drift.compared(history.scans, since: since, until: until) {
                        for scan in [from, to].compactMap({ $0 }) { wanted[ordered[scan].id] = (histories.count, scan) }
                    }
                    histories.append(history)
                }
                let kbRows = try db.makeStatement(
                    sql:
                        "SELECT snapshot_id, kb FROM snapshot_kbs WHERE snapshot_id IN (SELECT value FROM json_each(?))"
                )
                try kbRows.setArguments(["[\(wanted.keys.map(String.init).joined(separator: ","))]"])
                let handle = kbRows.sqliteStatement
                while try Self.step(handle, db) {
                    guard let (history, scan) = wanted[sqlite3_column_int64(handle, 0)] else { continue }
                    histories[history].scans[scan].kbs.insert(KB(Int(sqlite3_column_int64(handle, 1))))
                }
                return histories
            }
        }
    }
}
