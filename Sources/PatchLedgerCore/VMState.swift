/// The machine facts the engine evaluates; VMs with equal states share one evaluation.
public struct VMState: Hashable, Sendable {
    public var product: String
    public var version: OSVersion?
    public var installed: Set<KB>
    /// Enrolled in hotpatching (manifest tag `hotpatch`): hotpatch updates apply.
    public var hotpatch: Bool

    public init(product: String, version: OSVersion?, installed: Set<KB>, hotpatch: Bool = false) {
        self.product = product
        self.version = version
        self.installed = installed
        self.hotpatch = hotpatch
    }
}
