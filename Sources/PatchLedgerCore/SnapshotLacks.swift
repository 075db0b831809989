/// What one evaluated snapshot lacks, as the findings ledger compares it: every missing update (before
/// folding: each KB keeps its own history) as sorted KB numbers with their severities, and its open CVEs
/// counted by severity.
///
/// Consecutive snapshots of a VM are compared by merging two of these; VMs and days of the same state share
/// one instance, so an unchanged VM is recognised by identity.
public final class SnapshotLacks: Sendable {
    /// KB numbers, sorted.
    public let keys: [Int64]
    /// `Severity.rawValue` of each key (`0`: unrated), in `keys` order.
    public let severities: [UInt8]
    /// Nothing to install under the policy: `scan`'s definition of compliant.
    public let compliant: Bool
    /// Open CVEs on the OS and shown components, as `scan` counts a VM's `openCves`.
    public let openCVEs: Int
    public let openCritical: Int
    public let openImportant: Int

    init(
        keys: [Int64], severities: [UInt8], compliant: Bool, openCVEs: Int = 0, openCritical: Int = 0,
        openImportant: Int = 0
    ) {
        self.keys = keys
        self.severities = severities
        self.compliant = compliant
        self.openCVEs = openCVEs
        self.openCritical = openCritical
        self.openImportant = openImportant
    }

    public static let none = SnapshotLacks(keys: [], severities: [], compliant: true)
}
