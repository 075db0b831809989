/// Evaluates snapshots for the findings ledger: each against the catalog as of its scan day, under the default
/// policy (README, "Drift and the findings ledger").
///
/// A day's catalog is the updates released by then, so the days between two releases share one compiled
/// catalog, and the states they share one evaluation.
public final class FindingsEvaluator {
    /// A snapshot as the findings evaluate it: a `VMState` whose installed KBs are a sorted array, as the ledger
    /// reads them (a replay reads millions, and compares each scan with the VM's previous one).
    public struct State: Equatable, Sendable {
        public var product: String
        public var version: OSVersion?
        /// Sorted.
        public var installed: [KB]
        public var hotpatch: Bool

        public init(product: String, version: OSVersion?, installed: [KB], hotpatch: Bool) {
            self.product = product
            self.version = version
            self.installed = installed
            self.hotpatch = hotpatch
        }
    }

    private final class Day {
        let compiled: CompiledCatalog
        var memo: [StateKey: SnapshotLacks] = [:]

        init(compiled: CompiledCatalog) {
            self.compiled = compiled
        }
    }

    private let catalogs: [ProductCatalog]
    private let supersedence: Supersedence
    private let history: ReleaseHistory
    /// Days anything counted was released, sorted: the cutoffs of the compiled catalogs.
    private let releaseDays: [CalendarDate]
    /// The same, per product (lowercased name).
    private let productDays: [String: [CalendarDate]]
    private var days: [CalendarDate: Day] = [:]
    private var scratch = CompiledCatalog.Scratch()
    /// Evaluations kept per day before that day's memo is emptied: memory stays bounded on a fleet of many states.
    private let memoLimit = 50_000

    public init(catalogs: [ProductCatalog], supersedence: Supersedence, history: ReleaseHistory) {
        let counted = Classification.scannedByDefault.map { $0.lowercased() }
        func released(_ catalog: ProductCatalog) -> [CalendarDate] {
            catalog.updates.compactMap { update in
                counted.contains((update.classification ?? "").lowercased()) ? update.released : nil
            }
        }
        self.catalogs = catalogs
        self.supersedence = supersedence
        self.history = history
        releaseDays = Set(catalogs.flatMap { $0.updates.compactMap(\.released) }).sorted()
        productDays = Dictionary(
            catalogs.map { ($0.product.lowercased(), Set(released($0)).sorted()) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether the catalog holds updates for the product (else its snapshots are not evaluated).
    public func knows(product: String) -> Bool { productDays[product.lowercased()] != nil }

    /// The catalog day a scan on `day` is evaluated against: the last release on or before it.
    public func cutoff(for day: CalendarDate) -> CalendarDate {
        let after = releaseDays.partitionPoint { $0 > day }
        return after > 0 ? releaseDays[after - 1] : day
    }

    /// What the state lacks as of the catalog of `cutoff` (from `cutoff(for:)`); `nil` when the catalog does
    /// not know the product.
    public func lacks(_ state: State, cutoff: CalendarDate) -> SnapshotLacks? {
        let day = catalog(for: cutoff)
        guard let product = day.compiled.product(named: state.product) else { return nil }
        let key = day.compiled.key(
            product: product, version: state.version, installed: state.installed, hotpatch: state.hotpatch)
        if let known = day.memo[key] { return known }
        if day.memo.count >= memoLimit { day.memo.removeAll(keepingCapacity: true) }
        let lacks = day.compiled.lacks(day.compiled.evaluate(key, scratch: &scratch))
        day.memo[key] = lacks
        return lacks
    }

    /// The first day, on or after `scanned`, as of which the state lacks an update to install (`scan`'s
    /// "not compliant"); `nil` when it lacks none as of the newest catalog. Later releases only add to what a
    /// state lacks, so it stays not compliant from that day on.
    public func notCompliantFrom(_ state: State, scanned: CalendarDate, lacks: SnapshotLacks) -> CalendarDate? {
        if !lacks.compliant { return scanned }
        for day in productDays[state.product.lowercased()] ?? [] where day > scanned {
            if let later = self.lacks(state, cutoff: day), !later.compliant { return day }
        }
        return nil
    }

    private func catalog(for cutoff: CalendarDate) -> Day {
        if let known = days[cutoff] { return known }
        let compiled = CompiledCatalog(
            catalogs: catalogs, supersedence: supersedence,
            policy: .init(classifications: Classification.scannedByDefault, asOf: cutoff), history: history)
        let day = Day(compiled: compiled)
        days[cutoff] = day
        return day
    }
}
