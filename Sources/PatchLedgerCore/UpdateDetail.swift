/// `catalog show KB…`: one update as every source describes it, with its whole replacement chain.
public struct UpdateDetail: Sendable, Equatable, Codable {
    public struct FixedBuild: Sendable, Equatable, Codable {
        public var product: String
        public var build: String

        public init(product: String, build: String) {
            self.product = product
            self.build = build
        }
    }

    public var kb: String
    public var title: String?
    public var classification: String?
    public var subtype: String?
    public var severity: String?
    public var released: String?
    public var restartRequired: Bool?
    public var sources: [String]
    public var products: [String]
    /// Every KB (or bulletin) this update replaces, transitively.
    public var supersedes: [String]
    /// Every KB that replaces this update, transitively.
    public var supersededBy: [String]
    public var fixedBuilds: [FixedBuild]
    public var cves: [String]

    public init(kb: String) {
        self.kb = kb
        sources = []
        products = []
        supersedes = []
        supersededBy = []
        fixedBuilds = []
        cves = []
    }
}
