import Foundation
import PatchLedgerCore
import PatchLedgerStore

/// Loads what a scan needs from the ledger, once, and runs the engine over the fleet on every core.
public struct FleetScanner {
    public init(policy: ComplianceEngine.Policy) {
        self.policy = policy
    }

    public var policy: ComplianceEngine.Policy

    /// - Throws: `SelectionError` for a selection that names no VM, group or product of the fleet.
    public func run(
        on ledger: Ledger, selection: FleetSelection = FleetSelection(), filter: FleetScan.Filter,
        ignore: IgnoreList = IgnoreList()
    ) async throws -> FleetScan {
        let inputs = try ScanInputs.load(
            ledger, policy: policy, validate: selection.validate(against:), selected: selection.contains)
        return await FleetScan.scan(targets: inputs.targets, engine: inputs.engine, filter: filter, ignore: ignore)
    }

    /// `scan --explain KB`: for each VM selected, why `kb` is or is not in what it must install.
    public func explain(_ kb: KB, on ledger: Ledger, selection: FleetSelection = FleetSelection()) throws -> [(
        vm: String, why: String
    )] {
        let inputs = try ScanInputs.load(
            ledger, policy: policy, validate: selection.validate(against:), selected: selection.contains)
        return inputs.targets.map { target in
            guard target.scannedAt != nil else { return (target.vm, "not judged: no scan on or before the day") }
            guard let product = target.product else { return (target.vm, "not judged: its product is unknown") }
            let state = VMState(
                product: product, version: target.version, installed: Set(target.installed), hotpatch: target.hotpatch)
            return (target.vm, inputs.engine.compiled.explain(kb, for: state))
        }
    }
}
