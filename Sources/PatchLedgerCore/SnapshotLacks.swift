/// What one evaluated snapshot lacks, as the findings ledger compares it: every missing update (before folding:
/// each KB keeps its own history) and every open CVE, as sorted integer keys with their severities.
///
/// Consecutive snapshots of a VM are compared by merging two of these; VMs and days of the same state share
/// one instance, so an unchanged VM is recognised by identity.
public final class SnapshotLacks: Sendable {
    /// Sorted `FindingKey.raw` values.
    public let keys: [Int64]
    /// `Severity.rawValue` of each key (`0`: unrated), in `keys` order.
    public let severities: [UInt8]
    /// Nothing to install under the policy: `scan`'s definition of compliant.
    public let compliant: Bool

    init(keys: [Int64], severities: [UInt8], compliant: Bool) {
        self.keys = keys
        self.severities = severities
        self.compliant = compliant
    }

    public static let none = SnapshotLacks(keys: [], severities: [], compliant: true)
}

/// A finding's identity in one integer: an update by its KB number, a CVE by its id in `FindingsEvaluator`.
public struct FindingKey: Hashable, Sendable {
    public let raw: Int64

    private static let cveFlag: Int64 = 1 << 40

    public static func update(_ kb: KB) -> FindingKey { FindingKey(raw: Int64(kb.number)) }
    static func cve(_ id: Int32) -> FindingKey { FindingKey(raw: cveFlag | Int64(id)) }

    public init(raw: Int64) { self.raw = raw }

    public var kind: Finding.Kind { raw & Self.cveFlag == 0 ? .update : .cve }
    var cveID: Int { Int(raw & (Self.cveFlag - 1)) }
}
