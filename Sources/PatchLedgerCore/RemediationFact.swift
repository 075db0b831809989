/// One row of MSRC evidence about a KB: document `documentKey` lists `kb` as the vendor fix of `cve` on a product.
public struct RemediationFact: Hashable, Sendable {
    public var documentKey: String
    public var documentReleased: CalendarDate?
    public var cve: String
    public var kb: KB
    public var productName: String
    public var subtype: String?
    public var restartRequired: Bool?
    public var fixedBuild: String?
    public var supersedes: [String]

    public init(
        documentKey: String, documentReleased: CalendarDate?, cve: String, kb: KB, productName: String,
        subtype: String?, restartRequired: Bool?, fixedBuild: String?, supersedes: [String]
    ) {
        self.documentKey = documentKey
        self.documentReleased = documentReleased
        self.cve = cve
        self.kb = kb
        self.productName = productName
        self.subtype = subtype
        self.restartRequired = restartRequired
        self.fixedBuild = fixedBuild
        self.supersedes = supersedes
    }
}
