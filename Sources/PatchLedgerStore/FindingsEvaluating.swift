/// Evaluates the snapshots of a findings refresh and says what changed, into the refresh's rows.
///
/// The store decides which snapshots a refresh covers and runs it inside each import's transaction, so an
/// import and the findings it causes commit together; the evaluation itself is the use-case layer's
/// (PatchLedgerKit's `FindingsEvaluation`, which runs Core's replay). The store evaluates nothing.
public protocol FindingsEvaluating: Sendable {
    func evaluate(_ refresh: FindingsRefresh) throws
}
