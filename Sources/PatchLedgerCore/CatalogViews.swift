/// One row of `catalog history`.
public struct ImportRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var sourcePath: String
    public var format: String
    public var sha256: String
    public var documentKey: String?
    public var revision: String?
    public var startedAt: String
    public var finishedAt: String
    public var outcome: String
    public var added: Int
    public var changed: Int
    public var unchanged: Int
    public var removed: Int
    /// What the import passed over, one line per kind with its count.
    public var warnings: [String]

    public init(
        id: Int64, sourcePath: String, format: String, sha256: String, documentKey: String?, revision: String?,
        startedAt: String, finishedAt: String, outcome: String, added: Int, changed: Int, unchanged: Int, removed: Int,
        warnings: [String] = []
    ) {
        self.warnings = warnings
        self.id = id
        self.sourcePath = sourcePath
        self.format = format
        self.sha256 = sha256
        self.documentKey = documentKey
        self.revision = revision
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.added = added
        self.changed = changed
        self.unchanged = unchanged
        self.removed = removed
    }
}

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
