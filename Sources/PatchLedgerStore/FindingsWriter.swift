import GRDB
import PatchLedgerCore

/// Evaluates a refresh's snapshots VM by VM and writes what changed between consecutive ones: a finding
/// opens where a key appears, and is fixed where it disappears.
///
/// A replayed VM starts from nothing and numbers its episodes in memory; a resumed VM continues from its
/// resume point, and its rows are opened and fixed in place.
struct FindingsWriter {
    private struct Previous {
        var state: FindingsEvaluator.State
        var cutoff: CalendarDate
        var lacks: SnapshotLacks
        var scannedAt: String
        var notCompliantFrom: CalendarDate?
    }

    private let evaluator: FindingsEvaluator
    /// Rows of a whole replay go in many to a statement (a new fleet's first import writes hundreds of
    /// thousands); nothing reads them back before `finish()`.
    private let insertFinding: BulkInsert
    private let openFinding: BulkStatement
    private let fixFinding: BulkStatement
    private let insertEvaluation: BulkInsert
    private var vm: Int64 = -1
    private var resumed = false
    private var previous: Previous?
    /// A replayed VM's episodes, in memory until fixed or done.
    private var tracker = EpisodeTracker()

    init(_ db: Database, evaluator: FindingsEvaluator) throws {
        self.evaluator = evaluator
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

    mutating func add(_ snapshot: StreamedSnapshot, kbs: () throws -> [KB]) throws {
        if snapshot.vmID != vm {
            try finishVM()
            vm = snapshot.vmID
            resumed = snapshot.isResumePoint
        }
        guard let product = snapshot.product, evaluator.knows(product: product) else { return }
        let state = FindingsEvaluator.State(
            product: product, version: snapshot.version, installed: try kbs(), hotpatch: snapshot.hotpatch)
        let cutoff = evaluator.cutoff(for: snapshot.day)
        let lacks: SnapshotLacks
        if let previous, previous.state == state, previous.cutoff == cutoff {
            lacks = previous.lacks
        } else {
            guard let evaluated = evaluator.lacks(state, cutoff: cutoff) else { return }
            lacks = evaluated
        }
        // The same state scanned again stays compliant until the day the earlier scan stopped being.
        let notCompliantFrom =
            previous.flatMap { $0.state == state ? $0.notCompliantFrom.map { max($0, snapshot.day) } : nil }
            ?? evaluator.notCompliantFrom(state, scanned: snapshot.day, lacks: lacks)
        defer {
            previous = Previous(
                state: state, cutoff: cutoff, lacks: lacks, scannedAt: snapshot.scannedAt,
                notCompliantFrom: notCompliantFrom)
        }
        if snapshot.isResumePoint { return }
        try insertEvaluation.add(
            .integer(snapshot.id), .integer(vm), .text(snapshot.scannedAt), .string(notCompliantFrom?.description),
            .int(lacks.openCVEs), .int(lacks.openCritical), .int(lacks.openImportant))
        if resumed {
            let lastSeen = previous?.scannedAt ?? snapshot.scannedAt
            try SnapshotLacks.changes(
                from: previous?.lacks ?? .none, to: lacks,
                opened: { key, severity in
                    try openFinding.execute(
                        .integer(vm), .text(Self.kb(key)), .string(Self.text(severity)), .text(snapshot.scannedAt))
                },
                fixed: { key in
                    try fixFinding.execute(
                        .integer(vm), .text(Self.kb(key)), .text(lastSeen), .text(snapshot.scannedAt))
                })
        } else {
            let write = episodeWriter()
            try tracker.advance(to: lacks, at: snapshot.scannedAt) { try write($0) }
        }
    }

    /// Writes the last VM's findings and the rows held back; call after the last snapshot.
    mutating func finish() throws {
        try finishVM()
        try insertFinding.flush()
        try insertEvaluation.flush()
    }

    /// Writes a replayed VM's findings still open.
    private mutating func finishVM() throws {
        previous = nil
        let write = episodeWriter()
        // In key order: rows land next to each other in the table's B-tree.
        for episode in tracker.finish().sorted(by: { $0.key < $1.key }) where !resumed { try write(episode) }
    }

    /// Writes a replayed VM's episode as one row (not a method: the tracker calls it while it is mutated).
    private func episodeWriter() -> (EpisodeTracker.Episode) throws -> Void {
        let (vm, insert) = (vm, insertFinding)
        return { episode in
            try insert.add(
                .integer(vm), .text(Self.kb(episode.key)), .int(episode.episode), .string(Self.text(episode.severity)),
                .text(episode.firstSeen), .string(episode.lastSeen), .string(episode.fixedAt))
        }
    }

    private static func kb(_ key: Int64) -> String { KB(Int(key)).description }

    private static func text(_ severity: UInt8) -> String? { Severity(rawValue: Int(severity))?.description }
}
