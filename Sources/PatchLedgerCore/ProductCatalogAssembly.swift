/// Assembles what the compliance engine needs from the catalog's rows, for a set of VM products: which catalog
/// product names stand for each (its Server Core variant, and "component on product" names for the components that
/// run on it), then one update per KB per VM product, merging its sources (MSRC first) and installation options,
/// with the CVEs it fixes there.
public struct ProductCatalogAssembly {
    /// An update listed for a catalog product.
    public struct UpdateRow {
        public var productID: Int64
        public var fixedBuild: String?
        public var kb: KB
        public var title: String?
        public var classification: String?
        public var subtype: String?
        public var severity: String?
        public var released: String?
        public var restartRequired: Bool?

        public init(
            productID: Int64, fixedBuild: String?, kb: KB, title: String?, classification: String?, subtype: String?,
            severity: String?, released: String?, restartRequired: Bool?
        ) {
            self.productID = productID
            self.fixedBuild = fixedBuild
            self.kb = kb
            self.title = title
            self.classification = classification
            self.subtype = subtype
            self.severity = severity
            self.released = released
            self.restartRequired = restartRequired
        }
    }

    /// A CVE an update fixes on a catalog product, as MSRC rates it there.
    public struct FixRow {
        public var productID: Int64
        public var kb: KB
        public var cve: String
        public var severity: String?
        public var exploited: Bool
        public var cvss: Double?

        public init(productID: Int64, kb: KB, cve: String, severity: String?, exploited: Bool, cvss: Double?) {
            self.productID = productID
            self.kb = kb
            self.cve = cve
            self.severity = severity
            self.exploited = exploited
            self.cvss = cvss
        }
    }

    /// Catalog product id → the VM product it is for, and the component (nil for the OS itself).
    private var roles: [Int64: (product: String, component: String?)] = [:]
    private var merges: [String: [KB: UpdateMerge]] = [:]

    /// - Parameters:
    ///   - products: the VM products wanted.
    ///   - catalogProducts: every product name the catalog holds, with its id.
    public init(products: Set<String>, catalogProducts: [(id: Int64, name: String)]) {
        let wanted = Dictionary(products.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for (id, name) in catalogProducts {
            if let product = wanted[ProductName.base(name).lowercased()] {
                roles[id] = (product, nil)
            } else if let range = name.ranges(of: " on ").last,
                let product = wanted[ProductName.base(String(name[range.upperBound...])).lowercased()]
            {
                roles[id] = (product, String(name[..<range.lowerBound]))
            }
        }
    }

    /// The catalog products that stand for the VM products: only their rows matter.
    public var catalogProductIDs: [Int64] { roles.keys.sorted() }

    /// Takes an update row; rows of MSRC come first, so that their facts win.
    public mutating func add(_ row: UpdateRow) {
        guard let role = roles[row.productID] else { return }
        merges[role.product, default: [:]][row.kb, default: UpdateMerge(kb: row.kb)].add(row, component: role.component)
    }

    public mutating func add(_ fix: FixRow) {
        guard let role = roles[fix.productID] else { return }
        merges[role.product]?[fix.kb]?.addCVE(fix.cve, severity: fix.severity, exploited: fix.exploited, cvss: fix.cvss)
    }

    /// One catalog per VM product the rows named, by product name.
    public func catalogs() -> [ProductCatalog] {
        merges.map { product, updates in
            let servicing = Servicing(product: product)
            return ProductCatalog(product: product, updates: updates.values.map { $0.build(servicing: servicing) })
        }
        .sorted { $0.product < $1.product }
    }
}
