/// The outcome for one VM state.
public struct Evaluation: Hashable, Sendable {
    public var missing: [MissingUpdate]
    /// Updates for components not shown on the VM: applicability unverified, never in `missing`.
    public var componentUpdates: [MissingUpdate]
    public var openCVEs: [String]
    /// Open CVEs counted by their highest severity on the product (`critical`…`low`, `unrated`).
    public var openCVEsBySeverity: [String: Int]

    public var worstSeverity: Severity? { missing.compactMap { $0.severity.flatMap(Severity.init(parsing:)) }.max() }
    public var oldestMissingDays: Int? { missing.compactMap(\.ageDays).max() }
}
