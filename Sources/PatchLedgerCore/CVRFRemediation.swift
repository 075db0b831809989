/// A `Remediation Type="Vendor Fix"` that names a KB.
public struct CVRFRemediation: Sendable, Equatable {
    public var kb: KB
    public var url: String?
    public var supersedes: [Supersedes] = []
    public var subtype: String?
    public var restartRequired: Bool?
    /// Kept as written: MSRC also puts browser and Linux package versions here.
    public var fixedBuild: String?
    public var productIDs: [String] = []
    public var line: Int = 0

    public init(kb: KB) {
        self.kb = kb
    }
}
