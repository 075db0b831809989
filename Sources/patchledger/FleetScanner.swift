import Foundation
import PatchLedgerCore
import PatchLedgerStore

/// Loads what a scan needs from the ledger, once, and runs the engine over the fleet on every core.
struct FleetScanner {
    var policy: ComplianceEngine.Policy

    func run(
        on ledger: Ledger, vm: String? = nil, group: String? = nil, product: String? = nil, filter: FleetScan.Filter
    ) async throws -> FleetScan {
        let inputs = try ScanInputs.load(ledger, policy: policy) { target in
            (vm.map { target.vm.caseInsensitiveCompare($0) == .orderedSame } ?? true)
                && (group.map { target.group?.caseInsensitiveCompare($0) == .orderedSame } ?? true)
                && (product.map { target.product?.caseInsensitiveCompare($0) == .orderedSame } ?? true)
        }
        return await FleetScan.scan(targets: inputs.targets, engine: inputs.engine, filter: filter)
    }
}
