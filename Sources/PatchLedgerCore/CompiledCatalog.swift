/// The catalog compiled once per (catalog, as-of day, classifications) for evaluating fleets (README, "Scan").
///
/// Every KB and CVE the catalog names gets a dense id (CVE ids in the names' sorted order); each product
/// becomes a `CompiledProduct`. A VM then reduces to a `StateKey` — which of its product's updates it already
/// has, by installation, supersedence, build or servicing order, and which components it shows — and each
/// distinct key is evaluated once into a `StateOutcome`. Immutable, so one instance serves every core.
public final class CompiledCatalog: Sendable {
    public let policy: ComplianceEngine.Policy
    let products: [CompiledProduct]
    private let productIndex: [String: Int]
    /// Where each product's updates start in the catalog-wide numbering of `UpdateRef.index`, then the total.
    private let updateBase: [Int]
    /// KB number → catalog KB id: every KB of the products, of the supersedence edges and of the history.
    let kbIndex: [Int: Int32]
    /// Whether the release history lists the KB id, on any build.
    let inHistory: [Bool]
    /// CVE names by id, sorted: ordering ids orders names.
    public let cveNames: [String]
    let history: ReleaseHistory
    /// Each product's line in the release history (`ReleaseHistory.lineID(product:)`).
    let historyLine: [Int]
    /// The catalog's direct supersedence edges, for `MissingUpdate.supersedes`; closures were taken at compile time.
    let supersedence: Supersedence

    /// - Parameter catalogs: each product's updates; those released after `policy.asOf`, or of a classification
    ///   the policy does not count, are left out here.
    public init(
        catalogs: [ProductCatalog], supersedence: Supersedence, policy: ComplianceEngine.Policy,
        history: ReleaseHistory = ReleaseHistory([])
    ) {
        self.policy = policy
        self.history = history
        self.supersedence = supersedence
        let narrowed = catalogs.map { catalog in
            var narrowed = catalog
            narrowed.updates = catalog.updates.filter { update in
                (update.released.map { $0 <= policy.asOf } ?? true)
                    && policy.classifications.contains((update.classification ?? "").lowercased())
            }
            return narrowed
        }
        var kbIndex: [Int: Int32] = [:]
        func id(_ kb: KB) -> Int32 {
            if let known = kbIndex[kb.number] { return known }
            kbIndex[kb.number] = Int32(kbIndex.count)
            return Int32(kbIndex.count - 1)
        }
        var named: Set<String> = []
        for catalog in narrowed {
            for update in catalog.updates {
                _ = id(update.kb)
                for fix in update.cves { named.insert(fix.cve) }
            }
        }
        var closures: [Int32: [Int32]] = [:]
        for newer in supersedence.replacing {
            closures[id(newer)] = supersedence.closure(of: newer).map(id)
        }
        let historyKBs = history.kbs
        for kb in historyKBs { _ = id(kb) }
        var inHistory = [Bool](repeating: false, count: kbIndex.count)
        for kb in historyKBs { inHistory[Int(id(kb))] = true }
        let cveNames = named.sorted()
        let cveIndex = Dictionary(uniqueKeysWithValues: cveNames.enumerated().map { ($1, Int32($0)) })
        products = narrowed.map {
            CompiledProduct($0, kbIndex: kbIndex, kbCount: kbIndex.count, cveIndex: cveIndex, closures: closures)
        }
        updateBase = products.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        productIndex = Dictionary(
            products.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        historyLine = products.map { history.lineID(product: $0.name) }
        self.kbIndex = kbIndex
        self.inHistory = inHistory
        self.cveNames = cveNames
    }

    /// How many updates the products hold together: `UpdateRef.index` runs below it.
    public var updateCount: Int { updateBase[updateBase.count - 1] }

    func updateIndex(product: Int, id: Int) -> Int { updateBase[product] + id }

    /// The update numbered `index` across every product (`UpdateRef.index`), and its supersedence list as
    /// text, sorted: what every rendering of it repeats.
    public func update(at index: Int) -> (update: CatalogUpdate, supersedes: [String]) {
        let product = updateBase.lastIndex { $0 <= index && $0 < updateBase[updateBase.count - 1] } ?? 0
        let update = products[product].updates[index - updateBase[product]]
        return (update, supersedence.direct(update.kb).map(\.description).sorted())
    }

    /// The index of a product the catalog holds, by name in any letter case.
    func product(named name: String) -> Int? { productIndex[name.lowercased()] }

    /// The compiled product, by name in any letter case.
    public func compiledProduct(named name: String) -> CompiledProduct? { product(named: name).map { products[$0] } }

    /// The product's updates (narrowed to the policy), in servicing order.
    public func updates(of product: String) -> [CatalogUpdate] { compiledProduct(named: product)?.updates ?? [] }
}
