/// What every MSRC document together says of one KB.
///
/// A KB is listed in documents of other months too (old documents are revised to add later fixes, new ones
/// re-list earlier ones), so the first document naming it is not its release: the month whose document
/// lists it against the most CVEs is (checked against Microsoft's release history for 203 cumulative
/// updates), and ties go to the earlier month.
public struct MSRCUpdate: Equatable, Sendable {
    public var kb: KB
    public var releaseDocumentKey: String
    public var released: CalendarDate?
    public var subtype: String?
    public var restartRequired: Bool?
    /// FixedBuild per product name, from the release document where it says, else from any.
    public var products: [String: String?]
    public var supersedes: [String]
    public var title: String

    /// Aggregates the facts of one KB; `nil` when there are none.
    public init?(kb: KB, facts: [RemediationFact]) {
        let mine = facts.filter { $0.kb == kb }
        guard !mine.isEmpty else { return nil }
        var cvesPerDocument: [String: Set<String>] = [:]
        var releasedPerDocument: [String: CalendarDate] = [:]
        for fact in mine {
            cvesPerDocument[fact.documentKey, default: []].insert(fact.cve)
            releasedPerDocument[fact.documentKey] = fact.documentReleased
        }
        // Most CVEs first, then the earlier month, then the smaller key, so the choice never depends on order.
        func rank(_ key: String) -> (Int, Int) {
            let cves: Int = cvesPerDocument[key]?.count ?? 0
            let earliness: Int = releasedPerDocument[key].map { -$0.daysSinceEpoch } ?? Int.min
            return (cves, earliness)
        }
        let keys: [String] = cvesPerDocument.keys.sorted()
        var releaseKey: String = keys[0]
        for key in keys.dropFirst() where rank(key) > rank(releaseKey) {
            releaseKey = key
        }
        self.kb = kb
        releaseDocumentKey = releaseKey
        released = releasedPerDocument[releaseKey]
        subtype = Self.mostCommon(mine.compactMap(\.subtype))
        let restart: [Bool] = mine.compactMap(\.restartRequired)
        restartRequired = restart.isEmpty ? nil : restart.contains(true)
        var products: [String: String?] = [:]
        let releaseFirst: [RemediationFact] =
            mine.filter { $0.documentKey == releaseKey } + mine.filter { $0.documentKey != releaseKey }
        for fact in releaseFirst {
            if let existing = products[fact.productName], existing != nil { continue }
            products[fact.productName] = fact.fixedBuild
        }
        self.products = products
        supersedes = Array(Set(mine.flatMap(\.supersedes))).sorted()
        title = Self.title(kb: kb, subtype: subtype, released: released, products: products.keys.sorted())
    }

    /// MSRC gives no update titles; this one reads like Microsoft's:
    /// "2018-02 Security Update for Windows Server 2016 (KB4074590)".
    static func title(kb: KB, subtype: String?, released: CalendarDate?, products: [String]) -> String {
        let month: String = released.map { String($0.description.prefix(7)) + " " } ?? ""
        let bases: Set<String> = Set(products.map(ProductName.base))
        let target: String = bases.count == 1 ? (bases.first ?? "") : "\(bases.count) products"
        return "\(month)\(subtype ?? "Security Update") for \(target) (\(kb))"
    }

    private static func mostCommon(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var best: (String, Int)?
        for (value, count) in counts.sorted(by: { $0.key < $1.key }) where count > (best?.1 ?? 0) {
            best = (value, count)
        }
        return best?.0
    }
}
