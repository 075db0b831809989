/// The evaluation of one `StateKey`, kept compact: update and CVE ids, no strings. `MissingUpdate`s are made from
/// it only when a result is rendered (`CompiledCatalog.missingUpdates`).
public final class StateOutcome: Sendable {
    /// Missing updates folded into what to install, each a group: the update to install, then those it covers.
    public struct Fold: Sendable {
        /// Update ids: the first is the one to install, newest first after it.
        let members: ArraySlice<Int32>
        /// `Severity.rawValue` of its open CVEs (or of the updates, when they name none); `0`: unrated.
        let severity: UInt8
        /// The oldest release date among its members, days since the epoch; `nil` when none is dated.
        let oldest: Int?
    }

    let product: Int32
    /// Open CVEs, as a bitset over the product's local CVE ids.
    let open: [UInt64]
    public let openCount: Int
    /// Open CVEs by their highest severity on the product: index `Severity.rawValue`, `0` for unrated.
    public let openBySeverity: [Int]
    let missing: [Fold]
    /// Updates of components the VM does not show (applicability unverified), folded likewise.
    let componentUpdates: [Fold]
    /// Each open CVE's highest severity (`0`: unrated), in local id order; kept only when asked for.
    let openSeverities: [UInt8]?

    init(
        product: Int32, open: [UInt64], openCount: Int, openBySeverity: [Int], missing: [Fold],
        componentUpdates: [Fold], openSeverities: [UInt8]?
    ) {
        self.openSeverities = openSeverities
        self.product = product
        self.open = open
        self.openCount = openCount
        self.openBySeverity = openBySeverity
        self.missing = missing
        self.componentUpdates = componentUpdates
    }
}
