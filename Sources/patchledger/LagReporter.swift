import Foundation
import PatchLedgerCore
import PatchLedgerStore

/// Loads what an image-lag report needs from the ledger, once, and computes it.
struct LagReporter {
    var asOf: CalendarDate
    var maxDays: Int

    func run(on ledger: Ledger, image: String? = nil, group: String? = nil) throws -> ImageLag {
        var targets = try ledger.scanTargets(asOf: asOf)
        if let image { targets = targets.filter { $0.image == image } }
        if let group {
            targets = targets.filter { $0.group?.caseInsensitiveCompare(group) == .orderedSame }
        }
        var products = Set(targets.compactMap(\.product))
        for target in targets {
            guard case .success(let parsed) = ImageVersion.parse(image: target.image, tags: target.tags),
                let product = WindowsProduct.catalogName(
                    osName: parsed.osHint, version: parsed.version, architecture: .x64)
            else { continue }
            products.insert(product)
        }
        let policy = ComplianceEngine.Policy(
            classifications: [Classification.criticalUpdates, Classification.securityUpdates], asOf: asOf)
        let history = try ledger.releaseHistory()
        let engine = ComplianceEngine(
            catalogs: try ledger.productCatalogs(for: products), supersedence: try ledger.supersedence(),
            policy: policy,
            history: history)
        return ImageLag(targets: targets, engine: engine, history: history, maxDays: maxDays)
    }
}
