/// One update as the engine sees it for one product: merged across sources (MSRC, WSUS) and across the
/// product's installation options (Server Core).
public struct CatalogUpdate: Sendable {
    public var kb: KB
    public var title: String?
    public var classification: String?
    public var subtype: String?
    public var kind: UpdateKind
    /// The catalog's own rating (WSUS MsrcSeverity, MSRC's highest), used when no CVE says more.
    public var severity: Severity?
    public var released: CalendarDate?
    public var restartRequired: Bool?
    /// FixedBuilds on any build line; only the VM's own line is ever compared.
    public var fixedBuilds: [WindowsBuild]
    /// `nil` for the OS itself; else the component it updates ("Microsoft .NET Framework 4.8").
    public var component: String?
    public var cves: [CVEFix]

    public init(
        kb: KB, title: String? = nil, classification: String? = nil, subtype: String? = nil, kind: UpdateKind = .other,
        severity: Severity? = nil, released: CalendarDate? = nil, restartRequired: Bool? = nil,
        fixedBuilds: [WindowsBuild] = [], component: String? = nil, cves: [CVEFix] = []
    ) {
        self.kb = kb
        self.title = title
        self.classification = classification
        self.subtype = subtype
        self.kind = kind
        self.severity = severity
        self.released = released
        self.restartRequired = restartRequired
        self.fixedBuilds = fixedBuilds
        self.component = component
        self.cves = cves
    }

    /// The FixedBuild on `line` (`10.0.17763`), if the update lists one there.
    public func fixedBuild(on line: String?) -> WindowsBuild? {
        guard let line else { return nil }
        return fixedBuilds.first { $0.line == line }
    }

}
