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

/// Everything the catalog says about one product (a VM's OS): its updates and their servicing model.
public struct ProductCatalog: Sendable {
    public var product: String
    public var servicing: Servicing
    public var updates: [CatalogUpdate]

    public init(product: String, updates: [CatalogUpdate]) {
        self.product = product
        self.servicing = Servicing(product: product)
        self.updates = updates
    }
}

/// The catalog's replacement edges (newer KB → the KBs it supersedes), with transitive closures.
public final class Supersedence: @unchecked Sendable {
    // Mutated only through `closure(of:)`, which `CompiledCatalog` calls while it compiles, on one thread;
    // rendering threads call only `direct(_:)`, which reads the immutable edges. The class exists so that
    // closures computed once serve every catalog compiled from it (one per scan day in the findings).
    private let edges: [KB: [KB]]
    private var closures: [KB: Set<KB>] = [:]

    public init(edges: [KB: [KB]]) {
        self.edges = edges
    }

    public func direct(_ kb: KB) -> [KB] { edges[kb] ?? [] }

    /// Every KB that supersedes something, in KB order.
    var replacing: [KB] { edges.keys.sorted() }

    /// Every KB `kb` replaces, directly or through others (cycles in catalog data are tolerated).
    public func closure(of kb: KB) -> Set<KB> {
        if let known = closures[kb] { return known }
        var seen: Set<KB> = []
        var stack = edges[kb] ?? []
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            if let known = closures[next] {
                seen.formUnion(known)
            } else {
                stack += edges[next] ?? []
            }
        }
        closures[kb] = seen
        return seen
    }
}
