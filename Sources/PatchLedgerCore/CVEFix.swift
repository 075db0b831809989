/// A CVE an update fixes on one product, with MSRC's severity, exploitation and CVSS base score for that product.
public struct CVEFix: Hashable, Sendable {
    public var cve: String
    public var severity: Severity?
    /// MSRC marks it exploited (`Exploited:Yes` in its Exploit Status).
    public var exploited: Bool
    public var cvss: Double?

    public init(cve: String, severity: Severity?, exploited: Bool = false, cvss: Double? = nil) {
        self.cve = cve
        self.severity = severity
        self.exploited = exploited
        self.cvss = cvss
    }
}
