import GRDB
import PatchLedgerCore

/// Writes what a findings evaluation says changed into `evaluations` and `findings`.
public struct FindingsWriter: FindingsRows {
    /// Rows of a whole replay go in many to a statement (a new fleet's first import writes hundreds of
    /// thousands); nothing reads them back before `finish()`.
    private let insertFinding: BulkInsert
    private let openFinding: BulkStatement
    private let fixFinding: BulkStatement
    private let insertEvaluation: BulkInsert

    init(_ db: Database) throws {
        insertFinding = try BulkInsert(
            db, "INSERT INTO findings (vm_id, kb, episode, severity, first_seen, last_seen, fixed_at)", columns: 7)
        openFinding = try BulkStatement(
            db,
            sql: """
                INSERT INTO findings (vm_id, kb, episode, severity, first_seen)
                SELECT ?1, ?2, coalesce(max(episode), 0) + 1, ?3, ?4 FROM findings WHERE vm_id = ?1 AND kb = ?2
                """)
        fixFinding = try BulkStatement(
            db,
            sql: """
                UPDATE findings SET last_seen = ?3, fixed_at = ?4 WHERE vm_id = ?1 AND kb = ?2 AND fixed_at IS NULL
                """)
        insertEvaluation = try BulkInsert(
            db,
            """
            INSERT INTO evaluations (snapshot_id, vm_id, scanned_at, not_compliant_from, open_cves, open_critical,
                open_important)
            """, columns: 7)
    }

    public func evaluation(
        snapshot: Int64, vm: Int64, scannedAt: String, notCompliantFrom: CalendarDate?, lacks: SnapshotLacks
    )
        throws
    {
        try insertEvaluation.add(
            .integer(snapshot), .integer(vm), .text(scannedAt), .string(notCompliantFrom?.description),
            .int(lacks.openCVEs), .int(lacks.openCritical), .int(lacks.openImportant))
    }

    public func open(vm: Int64, key: Int64, severity: UInt8, at scannedAt: String) throws {
        try openFinding.execute(.integer(vm), .text(Self.kb(key)), .string(Self.text(severity)), .text(scannedAt))
    }

    public func fix(vm: Int64, key: Int64, lastSeen: String, at scannedAt: String) throws {
        try fixFinding.execute(.integer(vm), .text(Self.kb(key)), .text(lastSeen), .text(scannedAt))
    }

    public func episode(vm: Int64, _ episode: EpisodeTracker.Episode) throws {
        try insertFinding.add(
            .integer(vm), .text(Self.kb(episode.key)), .int(episode.episode), .string(Self.text(episode.severity)),
            .text(episode.firstSeen), .string(episode.lastSeen), .string(episode.fixedAt))
    }

    /// Writes the rows held back; call after the replay's last snapshot.
    func finish() throws {
        try insertFinding.flush()
        try insertEvaluation.flush()
    }

    private static func kb(_ key: Int64) -> String { KB(Int(key)).description }

    private static func text(_ severity: UInt8) -> String? { Severity(rawValue: Int(severity))?.description }
}
