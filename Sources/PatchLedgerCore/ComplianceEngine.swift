/// Decides which applicable updates a VM lacks and folds them into what to install (README, "Scan").
///
/// A front for one VM at a time (findings, image lag, tests) over a `CompiledCatalog`, which fleets use
/// directly (`FleetScan`); each distinct VM state is evaluated once.
public final class ComplianceEngine {
    public struct Policy: Sendable {
        /// Classifications that count (compared case-insensitively); CVRF vendor fixes are Security Updates.
        public var classifications: Set<String>
        /// Updates released after this day do not exist yet for the evaluation.
        public var asOf: CalendarDate

        public init(classifications: Set<String>, asOf: CalendarDate) {
            self.classifications = Set(classifications.map { $0.lowercased() })
            self.asOf = asOf
        }
    }

    public let compiled: CompiledCatalog
    public var policy: Policy { compiled.policy }
    private var memo: [StateKey: Evaluation] = [:]
    private var scratch = CompiledCatalog.Scratch()

    public init(
        catalogs: [ProductCatalog], supersedence: Supersedence, policy: Policy,
        history: ReleaseHistory = ReleaseHistory([])
    ) {
        compiled = CompiledCatalog(catalogs: catalogs, supersedence: supersedence, policy: policy, history: history)
    }

    /// Whether the catalog knows the product at all (else the VM is reported `unknown-product`).
    public func knows(product: String) -> Bool { compiled.product(named: product) != nil }

    /// - Returns: `nil` when the catalog does not know the VM's product.
    public func evaluate(_ state: VMState) -> Evaluation? {
        guard let product = compiled.product(named: state.product) else { return nil }
        let key = compiled.key(
            product: product, version: state.version, installed: state.installed, hotpatch: state.hotpatch)
        if let known = memo[key] { return known }
        let evaluation = compiled.evaluation(compiled.evaluate(key, scratch: &scratch))
        memo[key] = evaluation
        return evaluation
    }
}
