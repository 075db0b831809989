import Foundation
import GRDB
import PatchLedgerCore

extension Ledger {
    static let findingsSchema = """
        CREATE TABLE findings (
            vm_id INTEGER NOT NULL REFERENCES vms(id),
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            episode INTEGER NOT NULL,
            severity TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            fixed_at TEXT,
            PRIMARY KEY (vm_id, kind, key, episode)
        ) WITHOUT ROWID;
        CREATE TABLE findings_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            catalog_stamp TEXT NOT NULL,
            manifest_stamp TEXT NOT NULL,
            last_snapshot_id INTEGER NOT NULL
        );
        """

    /// Brings the findings ledger up to date, in one transaction: the VMs with new snapshots are replayed,
    /// or every VM when the catalog or the manifest changed since the last refresh. Replaying is idempotent:
    /// the same snapshots give the same rows.
    ///
    /// - Returns: how many VMs were replayed.
    @discardableResult
    public func refreshFindings() throws -> Int {
        try Self.wrap {
            try writer.write { db in
                // What the answers depend on: catalog imports that changed something (a nightly re-import of
                // unchanged files writes an `unchanged` row, which must not replay the fleet), and the release
                // history, whose rows are only ever added.
                let catalog =
                    try String.fetchOne(
                        db,
                        sql: """
                            SELECT (SELECT coalesce(max(id), 0) FROM imports WHERE outcome = 'imported') || ' '
                                || (SELECT count(*) FROM releases)
                            """) ?? ""
                let manifest =
                    try String.fetchOne(
                        db, sql: "SELECT count(*) || ' ' || coalesce(max(manifest_imported_at), '') FROM vms") ?? ""
                let lastSnapshot = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM snapshots") ?? 0
                let state = try Row.fetchOne(db, sql: "SELECT * FROM findings_state WHERE id = 1")
                let everything =
                    state == nil || state?["catalog_stamp"] != catalog || state?["manifest_stamp"] != manifest
                let since: Int64 = everything ? 0 : state?["last_snapshot_id"] ?? 0
                let vmIDs = try Int64.fetchAll(
                    db, sql: "SELECT DISTINCT vm_id FROM snapshots WHERE id > ?", arguments: [since])
                if !vmIDs.isEmpty { try replay(db, vmIDs: vmIDs) }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO findings_state (id, catalog_stamp, manifest_stamp, last_snapshot_id)
                        VALUES (1, ?, ?, ?)
                        """, arguments: [catalog, manifest, lastSnapshot])
                return vmIDs.count
            }
        }
    }

    private func replay(_ db: Database, vmIDs: [Int64]) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS replay_vms (id INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM temp.replay_vms")
        let insert = try db.makeStatement(sql: "INSERT INTO temp.replay_vms (id) VALUES (?)")
        for id in vmIDs { try insert.execute(arguments: [id]) }
        var catalogs: [ProductCatalog] = []
        let snapshots = try Self.snapshotStates(db) { products in
            catalogs = try Self.productCatalogs(db, for: products)
            return Set(catalogs.map(\.product))
        }
        let supersedence = catalogs.isEmpty ? Supersedence(edges: [:]) : try Self.supersedence(db)
        let history = catalogs.isEmpty ? ReleaseHistory([]) : try Self.releaseHistory(db)
        // A day's catalog is the updates released by then: days with no release between them share one compiled
        // catalog, and so the evaluations of the states they share (findings use no ages).
        let releaseDays = Set(catalogs.flatMap { $0.updates.compactMap(\.released) }).sorted()
        var engines: [CalendarDate: ComplianceEngine] = [:]
        var histories: [Int64: (vm: String, history: [SnapshotFindings])] = [:]
        for snapshot in snapshots {
            var entry = histories[snapshot.vmID] ?? (snapshot.vm, [])
            defer { histories[snapshot.vmID] = entry }
            guard let state = snapshot.state else { continue }
            let scanDay = snapshot.scannedAt.date
            let day = Self.latest(releaseDays, onOrBefore: scanDay) ?? scanDay
            let engine =
                engines[day]
                ?? ComplianceEngine(
                    catalogs: catalogs, supersedence: supersedence,
                    policy: .init(
                        classifications: Classification.scannedByDefault, asOf: day),
                    history: history)
            engines[day] = engine
            guard let evaluation = engine.evaluate(state) else { continue }
            entry.history.append(
                SnapshotFindings(
                    scannedAt: snapshot.scannedAt, missingUpdates: evaluation.missingKBs.mapValues { $0?.description },
                    openCVEs: evaluation.openCVESeverities.mapValues { $0?.description }))
        }
        try db.execute(sql: "DELETE FROM findings WHERE vm_id IN (SELECT id FROM temp.replay_vms)")
        let row = try BulkStatement(
            db,
            sql: """
                INSERT INTO findings (vm_id, kind, key, episode, severity, first_seen, last_seen, fixed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // A fleet's scans share a few times: each is written out once.
        var times: [Timestamp: String] = [:]
        func text(_ time: Timestamp) -> String {
            if let known = times[time] { return known }
            let text = time.description
            times[time] = text
            return text
        }
        for (vmID, entry) in histories {
            for finding in Finding.episodes(vm: entry.vm, history: entry.history) {
                try row.execute(
                    .integer(vmID), .text(finding.kind.rawValue), .text(finding.key), .int(finding.episode),
                    .string(finding.severity), .text(text(finding.firstSeen)), .text(text(finding.lastSeen)),
                    .string(finding.fixedAt.map(text)))
            }
        }
    }

    /// The last of `days` (sorted) on or before `day`.
    static func latest(_ days: [CalendarDate], onOrBefore day: CalendarDate) -> CalendarDate? {
        let after = days.partitionPoint { $0 > day }
        return after > 0 ? days[after - 1] : nil
    }
}
