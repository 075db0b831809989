import Foundation
import PatchLedgerCore
import PatchLedgerStore

/// What `scan`, `lag` and `report` evaluate, loaded from the ledger once: the VMs as of a day, and an
/// engine over the catalog of their products (and of their images' products) with the release history.
public struct ScanInputs {
    public init(targets: [ScanTarget], engine: ComplianceEngine, history: ReleaseHistory) {
        self.targets = targets
        self.engine = engine
        self.history = history
    }

    public var targets: [ScanTarget]
    public var engine: ComplianceEngine
    public var history: ReleaseHistory

    /// - Parameters:
    ///   - validate: sees every VM before the selection, to refuse a filter that names none of them.
    ///   - selected: which VMs to evaluate.
    public static func load(
        _ ledger: Ledger, policy: ComplianceEngine.Policy, validate: ([ScanTarget]) throws -> Void = { _ in },
        selected: (ScanTarget) -> Bool = { _ in true }
    ) throws -> ScanInputs {
        let all = try ledger.scanTargets(asOf: policy.asOf)
        try validate(all)
        let targets = all.filter(selected)
        var products = Set(targets.compactMap(\.product))
        // Fleets share a few images: each reference is read once.
        var seen: Set<String> = []
        for target in targets where seen.insert(ImageVersion.key(image: target.image, tags: target.tags)).inserted {
            guard case .success(let parsed) = ImageVersion.parse(image: target.image, tags: target.tags),
                let product = WindowsProduct.catalogName(
                    osName: parsed.osHint, version: parsed.version, architecture: .x64)
            else { continue }
            products.insert(product)
        }
        let history = try ledger.releaseHistory()
        let engine = ComplianceEngine(
            catalogs: try ledger.productCatalogs(for: products), supersedence: try ledger.supersedence(),
            policy: policy, history: history)
        return ScanInputs(targets: targets, engine: engine, history: history)
    }
}
