import GRDB
import PatchLedgerCore

extension Ledger {
    /// The catalog as the compliance engine needs it, for the given VM products: one `ProductCatalog` per
    /// product the ledger knows (with its Server Core variant and the components that run on it).
    public func productCatalogs(for products: Set<String>) throws -> [ProductCatalog] {
        try Self.wrap { try writer.read { db in try Self.productCatalogs(db, for: products) } }
    }

    static func productCatalogs(_ db: Database, for products: Set<String>) throws -> [ProductCatalog] {
        var assembly = ProductCatalogAssembly(
            products: products,
            catalogProducts: try Row.fetchAll(db, sql: "SELECT id, name FROM products").map { ($0["id"], $0["name"]) })
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT up.product_id, up.fixed_build, u.kb, u.source, u.title, u.classification, u.subtype,
                    u.severity, u.released, u.restart_required
                FROM update_products up JOIN updates u ON u.id = up.update_id WHERE u.kb IS NOT NULL
                ORDER BY u.source = 'msrc' DESC
                """)
        while let row = try rows.next() {
            guard let kb = KB(parsing: row["kb"] as String) else { continue }
            assembly.add(
                ProductCatalogAssembly.UpdateRow(
                    productID: row["product_id"], fixedBuild: row["fixed_build"], kb: kb, title: row["title"],
                    classification: row["classification"], subtype: row["subtype"], severity: row["severity"],
                    released: row["released"], restartRequired: row["restart_required"]))
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
                """, arguments: ["[\(assembly.catalogProductIDs.map(String.init).joined(separator: ","))]"])
        while let row = try fixes.next() {
            guard let kb = KB(parsing: row["kb"] as String) else { continue }
            // MSRC's Exploit Status reads `Publicly Disclosed:No;Exploited:Yes;…`: matched in SQL, not split per row.
            assembly.add(
                ProductCatalogAssembly.FixRow(
                    productID: row["product_id"], kb: kb, cve: row["cve"], severity: row["severity"],
                    exploited: row["exploited"], cvss: row["cvss_base"]))
        }
        return assembly.catalogs()
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
