import GRDB
import PatchLedgerCore

extension Ledger {
    /// The catalog as the compliance engine needs it, for the given VM products: one `ProductCatalog` per
    /// product the ledger knows (with its Server Core variant and the components that run on it).
    public func productCatalogs(for products: Set<String>) throws -> [ProductCatalog] {
        try Self.wrap { try writer.read { db in try Self.productCatalogs(db, for: products) } }
    }

    static func productCatalogs(_ db: Database, for products: Set<String>) throws -> [ProductCatalog] {
        let wanted = Dictionary(products.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        // Product id → (VM product, component or nil for the OS itself).
        var roles: [Int64: (product: String, component: String?)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM products") {
            let name: String = row["name"]
            if let product = wanted[ProductName.base(name).lowercased()] {
                roles[row["id"]] = (product, nil)
            } else if let range = name.range(of: " on ", options: .backwards),
                let product = wanted[ProductName.base(String(name[range.upperBound...])).lowercased()]
            {
                roles[row["id"]] = (product, String(name[..<range.lowerBound]))
            }
        }
        var builders: [String: [KB: UpdateBuilder]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT up.product_id, up.fixed_build, u.kb, u.source, u.title, u.classification, u.subtype,
                    u.severity, u.released, u.restart_required
                FROM update_products up JOIN updates u ON u.id = up.update_id WHERE u.kb IS NOT NULL
                ORDER BY u.source = 'msrc' DESC
                """)
        while let row = try rows.next() {
            guard let role = roles[row["product_id"]], let kb = KB(parsing: row["kb"] as String) else {
                continue
            }
            builders[role.product, default: [:]][kb, default: UpdateBuilder(kb: kb)].add(
                row, component: role.component)
        }
        // Only the fixes of the products asked for: a ten-year catalog holds 180,000 remediations.
        let fixes = try Row.fetchCursor(
            db,
            sql: """
                SELECT DISTINCT r.product_id, r.kb, r.cve, cp.severity,
                    coalesce(cp.exploit_status LIKE '%Exploited:Yes%', 0) AS exploited, cp.cvss_base
                FROM remediations r
                LEFT JOIN cve_products cp ON cp.cve = r.cve AND cp.product_id = r.product_id
                WHERE r.product_id IN (SELECT value FROM json_each(?))
                """, arguments: ["[\(roles.keys.sorted().map(String.init).joined(separator: ","))]"])
        while let row = try fixes.next() {
            guard let role = roles[row["product_id"]], let kb = KB(parsing: row["kb"] as String) else {
                continue
            }
            // MSRC's Exploit Status reads `Publicly Disclosed:No;Exploited:Yes;…`: matched in SQL, not split per row.
            builders[role.product]?[kb]?.addCVE(
                row["cve"], severity: row["severity"], exploited: row["exploited"], cvss: row["cvss_base"])
        }
        return builders.map { product, updates in
            let servicing = Servicing(product: product)
            return ProductCatalog(
                product: product, updates: updates.values.map { $0.build(servicing: servicing) })
        }
        .sorted { $0.product < $1.product }
    }

    /// Every supersedence edge between KBs (bulletin ids such as MS16-110 are not KBs and are left out).
    public func supersedence() throws -> Supersedence {
        try Self.wrap { try writer.read { db in try Self.supersedence(db) } }
    }

    static func supersedence(_ db: Database) throws -> Supersedence {
        var edges: [KB: [KB]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT DISTINCT u.kb, s.supersedes FROM supersedence s JOIN updates u ON u.id = s.update_id
                WHERE u.kb IS NOT NULL
                """)
        while let row = try rows.next() {
            guard let newer = KB(parsing: row[0] as String), let older = KB(parsing: row[1] as String),
                newer != older
            else { continue }
            edges[newer, default: []].append(older)
        }
        return Supersedence(edges: edges)
    }
}

/// Merges the rows of one KB for one VM product: sources (MSRC first) and Server Core/component variants.
private struct UpdateBuilder {
    var update: CatalogUpdate
    var isOS = false
    var cves: [String: CVEFix] = [:]

    init(kb: KB) { update = CatalogUpdate(kb: kb) }

    mutating func add(_ row: Row, component: String?) {
        if component == nil { isOS = true } else if update.component == nil { update.component = component }
        update.title = update.title ?? row["title"]
        update.classification = update.classification ?? row["classification"]
        update.subtype = update.subtype ?? row["subtype"]
        if let severity = (row["severity"] as String?).flatMap(Severity.init(parsing:)) {
            update.severity = max(update.severity ?? severity, severity)
        }
        update.released = update.released ?? (row["released"] as String?).flatMap { CalendarDate(parsing: $0) }
        if let restart: Bool = row["restart_required"] {
            update.restartRequired = (update.restartRequired ?? false) || restart
        }
        if let build = (row["fixed_build"] as String?).flatMap({ WindowsBuild(parsing: $0) }),
            !update.fixedBuilds.contains(build)
        {
            update.fixedBuilds.append(build)
        }
    }

    /// A CVE listed again (another installation option of the product) keeps the highest severity and score,
    /// and is exploited if any listing says so.
    mutating func addCVE(_ cve: String, severity: String?, exploited: Bool, cvss: Double?) {
        let parsed = severity.flatMap(Severity.init(parsing:))
        guard var known = cves[cve] else {
            cves[cve] = CVEFix(cve: cve, severity: parsed, exploited: exploited, cvss: cvss)
            return
        }
        if let parsed, known.severity.map({ parsed > $0 }) ?? true { known.severity = parsed }
        known.exploited = known.exploited || exploited
        if let cvss { known.cvss = max(known.cvss ?? cvss, cvss) }
        cves[cve] = known
    }

    func build(servicing: Servicing) -> CatalogUpdate {
        var result = update
        // A fix listed for the OS itself is the OS's, even where components list the same KB.
        if isOS { result.component = nil }
        result.kind = isOS ? UpdateKind(subtype: update.subtype, title: update.title, servicing: servicing) : .other
        result.cves = cves.values.sorted { $0.cve < $1.cve }
        return result
    }
}
