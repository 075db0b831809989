/// What the operator must install: one update, with the missing updates it covers folded in.
public struct MissingUpdate: Hashable, Sendable, Codable {
    public var kb: String
    public var title: String?
    public var classification: String?
    public var subtype: String?
    public var severity: String?
    public var released: String?
    /// Days from the oldest fix it covers to the evaluation date.
    public var ageDays: Int?
    public var restartRequired: Bool?
    /// The open CVEs it closes, its own and those of the updates it covers.
    public var cves: [String]
    /// `true` when one of those CVEs is marked exploited by MSRC; absent otherwise.
    public var exploited: Bool?
    /// The highest CVSS base score among those CVEs.
    public var cvss: Double?
    /// The catalog's supersedence list of the update.
    public var supersedes: [String]
    /// Missing updates folded into this one: installing it covers them.
    public var covers: [String]
    /// For component updates: the component ("Microsoft .NET Framework 4.8").
    public var component: String?
}
