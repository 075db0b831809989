/// `catalog stats`: how many updates per source, product, classification and release year.
public struct CatalogStats: Sendable, Equatable, Codable {
    public struct Count: Sendable, Equatable, Codable {
        public var key: String
        public var updates: Int

        public init(key: String, updates: Int) {
            self.key = key
            self.updates = updates
        }
    }

    public var updates: Int
    public var cves: Int
    public var products: Int
    public var documents: Int
    public var bySource: [Count]
    public var byProduct: [Count]
    public var byClassification: [Count]
    public var byYear: [Count]
    /// Months between the first and the newest MSRC document that have no document (`2024-Jul`).
    public var missingMonths: [String]

    public init(
        updates: Int, cves: Int, products: Int, documents: Int, bySource: [Count], byProduct: [Count],
        byClassification: [Count], byYear: [Count], missingMonths: [String] = []
    ) {
        self.missingMonths = missingMonths
        self.updates = updates
        self.cves = cves
        self.products = products
        self.documents = documents
        self.bySource = bySource
        self.byProduct = byProduct
        self.byClassification = byClassification
        self.byYear = byYear
    }
}
