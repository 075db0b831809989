/// The evaluation of one `StateKey`, kept compact: update and CVE ids in a few flat arrays, no strings (a scan
/// of 100,000 VMs holds tens of thousands of them). `MissingUpdate`s are made from it only when a result is
/// rendered (`CompiledCatalog.forEachUpdate`).
public final class StateOutcome: Sendable {
    /// Missing updates folded into what to install, each a group: the update to install, then those it covers.
    public struct Fold: Sendable {
        /// Where its update ids lie in `StateOutcome.members`: the first is the one to install, newest first
        /// after it.
        let start: Int32
        let count: Int32
        /// The oldest release date among its members, days since the epoch; `Int32.min` when none is dated.
        let oldestDay: Int32
        /// `Severity.rawValue` of its open CVEs (or of the updates, when they name none); `0`: unrated.
        let severity: UInt8
        /// One of the open CVEs it closes is marked exploited.
        let exploited: Bool
        /// The highest CVSS base score among the open CVEs it closes; `-1`: none scored.
        let score: Float

        var oldest: Int? { oldestDay == Int32.min ? nil : Int(oldestDay) }
        // Scores have one decimal: as Float, 7.8 would print as 7.800000190734863.
        var cvss: Double? { score < 0 ? nil : (Double(score) * 10).rounded() / 10 }
    }

    /// Open CVEs by their highest severity on the product; index `Severity.rawValue`, `0` for unrated.
    public struct SeverityCounts: Sendable {
        var counts: (Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0)

        public subscript(rank: Int) -> Int {
            switch rank {
            case 0: Int(counts.0)
            case 1: Int(counts.1)
            case 2: Int(counts.2)
            case 3: Int(counts.3)
            default: Int(counts.4)
            }
        }

        mutating func add(_ rank: UInt8) {
            switch rank {
            case 0: counts.0 += 1
            case 1: counts.1 += 1
            case 2: counts.2 += 1
            case 3: counts.3 += 1
            default: counts.4 += 1
            }
        }
    }

    let product: Int32
    /// Open CVEs, as a bitset over the product's local CVE ids.
    let open: [UInt64]
    public let openCount: Int
    public let openBySeverity: SeverityCounts
    /// The folds' update ids, one run per fold.
    let members: [Int32]
    /// The folds of what to install, then those of updates of components the VM does not show
    /// (applicability unverified) from `componentStart` on.
    private let folds: [Fold]
    private let componentStart: Int

    var missing: ArraySlice<Fold> { folds[..<componentStart] }
    var componentUpdates: ArraySlice<Fold> { folds[componentStart...] }

    func members(of fold: Fold) -> ArraySlice<Int32> { members[Int(fold.start)..<Int(fold.start + fold.count)] }

    init(
        product: Int32, open: [UInt64], openCount: Int, openBySeverity: SeverityCounts, members: [Int32],
        folds: [Fold], componentStart: Int
    ) {
        self.product = product
        self.open = open
        self.openCount = openCount
        self.openBySeverity = openBySeverity
        self.members = members
        self.folds = folds
        self.componentStart = componentStart
    }
}
