import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import PatchLedgerCore

extension Ledger {
    /// Every VM with its latest snapshot scanned on or before `asOf` (end of that day, UTC).
    ///
    /// Read straight from SQLite's statements, column by position: a fleet of 100,000 VMs is 100,000 rows
    /// and millions of installed KBs, which are read as numbers in two halves at once.
    public func scanTargets(asOf: CalendarDate) throws -> [ScanTarget] {
        try Self.wrap {
            var (targets, snapshots) = try writer.read { db in try Self.latestSnapshots(db, asOf: asOf) }
            let halves = [snapshots.prefix(snapshots.count / 2), snapshots.dropFirst(snapshots.count / 2)]
            nonisolated(unsafe) var read: [Result<[(target: Int, kbs: [KB])], Error>] = Array(
                repeating: .success([]), count: halves.count)
            // Each half on its own reader connection (a pool reads concurrently; a queue in turn).
            DispatchQueue.concurrentPerform(iterations: halves.count) { half in
                read[half] = Result { try writer.read { db in try Self.installedKBs(db, of: Array(halves[half])) } }
            }
            for half in read {
                for (target, kbs) in try half.get() { targets[target].installed = kbs }
            }
            return targets
        }
    }

    /// The VMs, by name, each with its latest snapshot's facts, and (snapshot id, index of its VM) for those
    /// that have one.
    private static func latestSnapshots(_ db: Database, asOf: CalendarDate) throws -> (
        [ScanTarget], [(snapshot: Int64, target: Int, kbCount: Int)]
    ) {
        let statement = try db.makeStatement(
            sql: """
                SELECT v.name, v.group_name, v.image, v.build, v.tags, v.deployed_at, s.id, s.scanned_at,
                    s.product, s.os_version, s.ubr, s.architecture, s.kb_count
                FROM vms v LEFT JOIN snapshots s ON s.id = (
                    SELECT id FROM snapshots WHERE vm_id = v.id AND scanned_at <= ?
                    ORDER BY scanned_at DESC, id DESC LIMIT 1)
                ORDER BY v.name COLLATE NOCASE
                """)
        try statement.setArguments(["\(asOf)T23:59:59Z"])
        let handle = statement.sqliteStatement
        func text(_ column: Int32) -> String? {
            sqlite3_column_text(handle, column).map { String(cString: $0) }
        }
        var parsedVersion = ParsedOnce { OSVersion(parsing: $0) }
        func version(_ column: Int32) -> OSVersion? { parsedVersion(text(column)) }
        var targets: [ScanTarget] = []
        var snapshots: [(snapshot: Int64, target: Int, kbCount: Int)] = []
        while try step(handle, db) {
            let ubr = sqlite3_column_type(handle, 10) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, 10))
            let scanned = version(9).map { OSVersion(major: $0.major, minor: $0.minor, build: $0.build, ubr: ubr) }
            let image = text(2)
            let (product, resolved) = WindowsProduct.resolve(
                scannedProduct: text(8), scannedVersion: scanned,
                architecture: text(11).flatMap { Architecture(rawValue: $0) }, manifestBuild: version(3), image: image)
            let tags = Self.tags(text(4))
            let scannedAt = text(7)
            var target = ScanTarget(
                vm: text(0) ?? "", group: text(1), image: image, product: product, version: resolved,
                scannedAt: scannedAt, installed: [], hotpatch: ScanTarget.hotpatchEnrolled(tags: tags))
            target.scannedVersion = scanned
            target.deployedAt = text(5).flatMap { Timestamp(parsing: $0)?.date }
            target.tags = tags
            if scannedAt != nil {
                snapshots.append(
                    (sqlite3_column_int64(handle, 6), targets.count, Int(sqlite3_column_int64(handle, 12))))
            }
            targets.append(target)
        }
        return (targets, snapshots)
    }

    /// The installed KBs of each snapshot, by the index of its VM, in one pass over `snapshot_kbs`.
    private static func installedKBs(
        _ db: Database, of snapshots: [(snapshot: Int64, target: Int, kbCount: Int)]
    ) throws -> [(target: Int, kbs: [KB])] {
        let position = Dictionary(
            snapshots.enumerated().map { ($1.snapshot, $0) }, uniquingKeysWith: { first, _ in first })
        var kbs = snapshots.map { entry -> [KB] in
            var kbs: [KB] = []
            kbs.reserveCapacity(entry.kbCount)
            return kbs
        }
        // The snapshot ids passed as a JSON array rather than chosen again.
        let statement = try db.makeStatement(
            sql: "SELECT snapshot_id, kb FROM snapshot_kbs WHERE snapshot_id IN (SELECT value FROM json_each(?))")
        try statement.setArguments(["[\(snapshots.map { String($0.snapshot) }.joined(separator: ","))]"])
        let handle = statement.sqliteStatement
        var current: (snapshot: Int64, index: Int) = (-1, -1)
        while try step(handle, db) {
            let snapshot = sqlite3_column_int64(handle, 0)
            if snapshot != current.snapshot { current = (snapshot, position[snapshot] ?? -1) }
            if current.index >= 0 { kbs[current.index].append(KB(Int(sqlite3_column_int64(handle, 1)))) }
        }
        return zip(snapshots, kbs).map { ($0.target, $1) }
    }

    /// Steps a statement: `true` for a row, `false` when done.
    static func step(_ handle: OpaquePointer, _ db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
