import Foundation
import GRDB
import GRDBSQLite
import PatchLedgerCore

/// The snapshots of the VMs in `temp.refresh_vms`, VM by VM, each VM's in scan order: a replayed VM's every
/// snapshot, a resumed VM's resume point and the snapshots after `after`. Read through SQLite's statements,
/// column by position: a fleet's history is hundreds of thousands of rows.
struct SnapshotStream {
    private let db: Database
    private let after: Int64

    init(_ db: Database, after: Int64) {
        self.db = db
        self.after = after
    }

    /// - Parameter body: receives each snapshot, and a reader of its installed KBs (sorted: the table's order).
    func forEach(_ body: (ReplayedSnapshot, _ kbs: () throws -> [KB]) throws -> Void) throws {
        let statement = try db.makeStatement(
            sql: """
                SELECT s.id, s.vm_id, s.scanned_at, s.product, s.os_version, s.ubr, s.architecture, v.image, v.build,
                    v.tags, s.id = r.resume
                FROM temp.refresh_vms r JOIN snapshots s ON s.vm_id = r.id JOIN vms v ON v.id = r.id
                WHERE r.resume IS NULL OR s.id = r.resume OR s.id > ?
                ORDER BY s.vm_id, s.scanned_at, s.id
                """)
        try statement.setArguments([after])
        let kbStatement = try db.makeStatement(sql: "SELECT kb FROM snapshot_kbs WHERE snapshot_id = ?")
        let handle = statement.sqliteStatement
        let kbHandle = kbStatement.sqliteStatement
        func text(_ column: Int32) -> String? {
            sqlite3_column_text(handle, column).map { String(cString: $0) }
        }
        var version = ParsedOnce { OSVersion(parsing: $0) }
        var day = ParsedOnce { Timestamp(parsing: $0)?.date }
        var vm: (id: Int64, hotpatch: Bool) = (-1, false)
        while try Ledger.step(handle, db) {
            let id = sqlite3_column_int64(handle, 0)
            let vmID = sqlite3_column_int64(handle, 1)
            guard let scannedAt = text(2), let scanDay = day(scannedAt) else { continue }
            if vmID != vm.id { vm = (vmID, ScanTarget.hotpatchEnrolled(tags: Ledger.tags(text(9)))) }
            let ubr = sqlite3_column_type(handle, 5) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, 5))
            let scanned = version(text(4)).map {
                OSVersion(major: $0.major, minor: $0.minor, build: $0.build, ubr: ubr)
            }
            let (product, resolved) = WindowsProduct.resolve(
                scannedProduct: text(3), scannedVersion: scanned,
                architecture: text(6).flatMap { Architecture(rawValue: $0) }, manifestBuild: version(text(8)),
                image: text(7))
            let snapshot = ReplayedSnapshot(
                id: id, vmID: vmID, scannedAt: scannedAt, day: scanDay,
                isResumePoint: sqlite3_column_int64(handle, 10) == 1, product: product, version: resolved,
                hotpatch: vm.hotpatch)
            try body(snapshot) {
                sqlite3_reset(kbHandle)
                sqlite3_bind_int64(kbHandle, 1, id)
                var kbs: [KB] = []
                while try Ledger.step(kbHandle, db) { kbs.append(KB(Int(sqlite3_column_int64(kbHandle, 0)))) }
                return kbs
            }
        }
    }
}
