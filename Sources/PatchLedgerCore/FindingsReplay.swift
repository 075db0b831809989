/// Evaluates a refresh's snapshots VM by VM and says what changed between consecutive ones: a finding opens
/// where a key appears, and is fixed where it disappears.
///
/// A replayed VM starts from nothing and numbers its episodes in memory; a resumed VM continues from its
/// resume point, and its rows are opened and fixed in place.
public struct FindingsReplay {
    private struct Previous {
        var state: FindingsEvaluator.State
        var cutoff: CalendarDate
        var lacks: SnapshotLacks
        var scannedAt: String
        var notCompliantFrom: CalendarDate?
    }

    private let evaluator: FindingsEvaluator
    private var vm: Int64 = -1
    private var resumed = false
    private var previous: Previous?
    /// A replayed VM's episodes, in memory until fixed or done.
    private var tracker = EpisodeTracker()

    public init(catalogs: [ProductCatalog], supersedence: Supersedence, history: ReleaseHistory) {
        evaluator = FindingsEvaluator(catalogs: catalogs, supersedence: supersedence, history: history)
    }

    /// Takes the next snapshot, in VM and scan order.
    public mutating func add(_ snapshot: ReplayedSnapshot, kbs: () throws -> [KB], into rows: some FindingsRows) throws
    {
        if snapshot.vmID != vm {
            try finishVM(into: rows)
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
        try rows.evaluation(
            snapshot: snapshot.id, vm: vm, scannedAt: snapshot.scannedAt, notCompliantFrom: notCompliantFrom,
            lacks: lacks)
        if resumed {
            let lastSeen = previous?.scannedAt ?? snapshot.scannedAt
            let vm = vm
            try SnapshotLacks.changes(
                from: previous?.lacks ?? .none, to: lacks,
                opened: { key, severity in try rows.open(vm: vm, key: key, severity: severity, at: snapshot.scannedAt)
                },
                fixed: { key in try rows.fix(vm: vm, key: key, lastSeen: lastSeen, at: snapshot.scannedAt) })
        } else {
            let vm = vm
            try tracker.advance(to: lacks, at: snapshot.scannedAt) { try rows.episode(vm: vm, $0) }
        }
    }

    /// Says the last VM's findings still open; call after the last snapshot.
    public mutating func finish(into rows: some FindingsRows) throws {
        try finishVM(into: rows)
    }

    /// Says a replayed VM's findings still open.
    private mutating func finishVM(into rows: some FindingsRows) throws {
        previous = nil
        // In key order: rows land next to each other in the table's B-tree.
        let vm = vm
        for episode in tracker.finish().sorted(by: { $0.key < $1.key }) where !resumed {
            try rows.episode(vm: vm, episode)
        }
    }
}
