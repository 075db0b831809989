import GRDB
import PatchLedgerCore

extension CatalogImport {
    /// Re-derives `updates`, `update_products` and `supersedence` of the KBs in `touched_kbs` from the
    /// remediations of every MSRC document held. Update ids stay stable across re-derivations.
    func rebuildMSRCUpdates() throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT d.key, d.initial_release, r.cve, r.kb, p.name, r.subtype, r.restart_required, r.fixed_build,
                    r.supersedes
                FROM remediations r
                JOIN documents d ON d.id = r.document_id
                JOIN products p ON p.id = r.product_id
                WHERE r.kb IN (SELECT kb FROM touched_kbs)
                """)
        var facts: [KB: [RemediationFact]] = [:]
        for row in rows {
            guard let kb = KB(parsing: row[3] as String) else { continue }
            facts[kb, default: []].append(
                RemediationFact(
                    documentKey: row[0], documentReleased: CalendarDate(parsing: row[1] as String? ?? ""),
                    cve: row[2], kb: kb, productName: row[4], subtype: row[5], restartRequired: row[6],
                    fixedBuild: row[7], supersedes: (row[8] as String?)?.split(separator: ";").map(String.init) ?? []))
        }
        // No cascades during imports (`Ledger.importing`): the rows' children go first.
        let dropped = """
            SELECT id FROM updates WHERE source = 'msrc' AND source_key IN (SELECT kb FROM touched_kbs)
            AND source_key NOT IN (SELECT kb FROM remediations)
            """
        for child in ["update_products", "supersedence", "wsus_updates"] {
            try db.execute(sql: "DELETE FROM \(child) WHERE update_id IN (\(dropped))")
        }
        try db.execute(sql: "DELETE FROM updates WHERE id IN (\(dropped))")
        let documentIDs = Dictionary(
            try Row.fetchAll(db, sql: "SELECT key, id FROM documents WHERE source = 'msrc'").map {
                (($0[0] as String).lowercased(), $0[1] as Int64)
            }, uniquingKeysWith: { first, _ in first })
        let productIDs = Dictionary(
            try Row.fetchAll(db, sql: "SELECT name, id FROM products").map { ($0[0] as String, $0[1] as Int64) },
            uniquingKeysWith: { first, _ in first })
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO updates (source, source_key, kb, title, classification, subtype, released, restart_required,
                    document_id)
                VALUES ('msrc', ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, source_key) DO UPDATE SET kb = excluded.kb, title = excluded.title,
                    classification = excluded.classification, subtype = excluded.subtype, released = excluded.released,
                    restart_required = excluded.restart_required, document_id = excluded.document_id
                RETURNING id
                """)
        let product = try db.cachedStatement(
            sql: "INSERT INTO update_products (update_id, product_id, fixed_build) VALUES (?, ?, ?)")
        let edge = try db.cachedStatement(sql: "INSERT INTO supersedence (update_id, supersedes) VALUES (?, ?)")
        for (kb, kbFacts) in facts.sorted(by: { $0.key < $1.key }) {
            guard let update = MSRCUpdate(kb: kb, facts: kbFacts) else { continue }
            let key = kb.description
            guard
                let id = try Int64.fetchOne(
                    upsert,
                    arguments: [
                        key, key, update.title, Classification.securityUpdates, update.subtype,
                        update.released?.description, update.restartRequired,
                        documentIDs[update.releaseDocumentKey.lowercased()],
                    ])
            else { continue }
            try db.execute(sql: "DELETE FROM update_products WHERE update_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM supersedence WHERE update_id = ?", arguments: [id])
            for (name, fixedBuild) in update.products.sorted(by: { $0.key < $1.key }) {
                guard let productID = productIDs[name] else { continue }
                try product.execute(arguments: [id, productID, fixedBuild ?? nil])
            }
            for superseded in update.supersedes {
                try edge.execute(arguments: [id, superseded])
            }
        }
        // Each update's severity: the highest MSRC gives any of its CVEs on any of its products, in Severity's order.
        var highest: [String: Severity] = [:]
        let ratings = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.kb, cp.severity
                FROM remediations r JOIN cve_products cp ON cp.cve = r.cve AND cp.product_id = r.product_id
                WHERE r.kb IN (SELECT kb FROM touched_kbs)
                """)
        while let row = try ratings.next() {
            guard let kb: String = row[0], let severity = Severity(parsing: row[1] as String? ?? "") else { continue }
            highest[kb] = max(highest[kb] ?? severity, severity)
        }
        let rate = try db.cachedStatement(
            sql: "UPDATE updates SET severity = ? WHERE source = 'msrc' AND source_key = ?")
        for kb in try String.fetchAll(db, sql: "SELECT kb FROM touched_kbs") {
            try rate.execute(arguments: [highest[kb]?.description, kb])
        }
    }
}
