import Foundation
import PatchLedgerCore
import PatchLedgerStore

/// Loads what a scan needs from the ledger, once, and runs the engine over the fleet.
struct FleetScanner {
    var policy: ComplianceEngine.Policy

    func run(
        on ledger: Ledger, vm: String? = nil, group: String? = nil, product: String? = nil, filter: FleetScan.Filter
    )
        throws -> FleetScan
    {
        let targets = try ledger.scanTargets(asOf: policy.asOf).filter { target in
            (vm.map { target.vm.caseInsensitiveCompare($0) == .orderedSame } ?? true)
                && (group.map { target.group?.caseInsensitiveCompare($0) == .orderedSame } ?? true)
                && (product.map { target.product?.caseInsensitiveCompare($0) == .orderedSame } ?? true)
        }
        let products = Set(targets.compactMap(\.product))
        let engine = ComplianceEngine(
            catalogs: try ledger.productCatalogs(for: products), supersedence: try ledger.supersedence(),
            policy: policy,
            history: try ledger.releaseHistory())
        return FleetScan(targets: targets, engine: engine, filter: filter)
    }
}
