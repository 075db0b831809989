import PatchLedgerCore
import PatchLedgerStore

/// How the product judges a findings refresh: Core's replay over the refresh's snapshots, VM by VM. Memory holds
/// one VM's open findings and the evaluator's memo, never the fleet's history.
public struct FindingsEvaluation: FindingsEvaluating {
    public init() {}

    public func evaluate(_ refresh: FindingsRefresh) throws {
        let catalogs = try refresh.catalogs()
        guard !catalogs.isEmpty else { return }
        var replay = FindingsReplay(
            catalogs: catalogs, supersedence: try refresh.supersedence(), history: try refresh.releaseHistory())
        try refresh.forEachSnapshot { snapshot, kbs in try replay.add(snapshot, kbs: kbs, into: refresh.rows) }
        try replay.finish(into: refresh.rows)
    }
}
