import GRDB
import PatchLedgerCore

extension CatalogImport {
    /// Applies one CVRF document: a document already held with the same content is "unchanged", an older
    /// revision is refused, and a new or newer one replaces what its previous revision contributed.
    ///
    /// Counts are per KB, over every KB the document (or its previous revision) names.
    public func apply(_ document: CVRFDocument, sha256: String, file: String) throws -> ImportSummary {
        var summary = ImportSummary(
            file: file, format: "msrc-cvrf", documentKey: document.id, revision: document.revision, outcome: .imported)
        let kbs = Set(document.vulnerabilities.flatMap { $0.remediations.map(\.kb.description) })
        let held = try Row.fetchOne(
            db, sql: "SELECT id, sha256, revision, current_release FROM documents WHERE source = 'msrc' AND key = ?",
            arguments: [document.id])
        if let held {
            if held["sha256"] as String == sha256 {
                summary.outcome = .unchanged
            } else if Self.isOlder(document, than: held) {
                summary.outcome = .older
            }
            // A file the ledger holds already, or an older revision of it, changes nothing: not even the import
            // history (a nightly re-import of unchanged files leaves the ledger as it was).
            if summary.outcome != .imported {
                summary.unchanged = kbs.count
                return summary
            }
        }
        let importID = try recordImport(summary, sha256: sha256)
        let documentID = try upsertDocument(document, sha256: sha256, importID: importID, heldID: held?["id"])
        var touched = kbs
        touched.formUnion(
            try String.fetchAll(
                db, sql: "SELECT DISTINCT kb FROM remediations WHERE document_id = ?", arguments: [documentID]))
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS touched_kbs (kb TEXT PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM touched_kbs")
        for kb in touched { try db.execute(sql: "INSERT INTO touched_kbs VALUES (?)", arguments: [kb]) }
        let before = try fingerprints()

        try db.execute(sql: "DELETE FROM remediations WHERE document_id = ?", arguments: [documentID])
        try db.execute(
            sql: "DELETE FROM cve_products WHERE cve IN (SELECT cve FROM cves WHERE document_id = ?)",
            arguments: [documentID])
        try db.execute(sql: "DELETE FROM cves WHERE document_id = ?", arguments: [documentID])
        var productIDs: [String: Int64] = [:]
        for product in document.products {
            productIDs[product.productID] = try productID(name: product.name, family: product.family)
        }
        try insertVulnerabilities(document, documentID: documentID, productIDs: productIDs)
        try rebuildMSRCUpdates()
        let after = try fingerprints()

        for kb in touched {
            switch (before[kb], after[kb]) {
            case (nil, .some): summary.added += 1
            case (.some, nil): summary.removed += 1
            case (.some(let old), .some(let new)):
                if old == new { summary.unchanged += 1 } else { summary.changed += 1 }
            case (nil, nil): break
            }
        }
        try updateCounts(importID: importID, summary)
        return summary
    }

    private static func isOlder(_ document: CVRFDocument, than held: Row) -> Bool {
        let heldRelease = CalendarDate(parsing: held["current_release"] as String? ?? "")
        if let heldRelease, let release = document.currentRelease, release != heldRelease {
            return release < heldRelease
        }
        let heldRevision = Double(held["revision"] as String? ?? "") ?? 0
        return (Double(document.revision) ?? 0) < heldRevision
    }

    private func upsertDocument(_ document: CVRFDocument, sha256: String, importID: Int64, heldID: Int64?) throws
        -> Int64
    {
        let arguments: StatementArguments = [
            document.title, document.revision, document.initialRelease?.description,
            document.currentRelease?.description, sha256, importID,
        ]
        if let heldID {
            try db.execute(
                sql: """
                    UPDATE documents SET title = ?, revision = ?, initial_release = ?, current_release = ?, sha256 = ?,
                        import_id = ? WHERE id = ?
                    """, arguments: arguments + [heldID])
            return heldID
        }
        try db.execute(
            sql: """
                INSERT INTO documents (title, revision, initial_release, current_release, sha256, import_id, source, key)
                VALUES (?, ?, ?, ?, ?, ?, 'msrc', ?)
                """, arguments: arguments + [document.id])
        return db.lastInsertedRowID
    }

    private func insertVulnerabilities(_ document: CVRFDocument, documentID: Int64, productIDs: [String: Int64]) throws
    {
        let cve = try db.cachedStatement(sql: "INSERT OR REPLACE INTO cves (cve, title, document_id) VALUES (?, ?, ?)")
        let threat = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO cve_products (cve, product_id, severity, impact, exploit_status, cvss_base)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        let remediation = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO remediations (document_id, cve, kb, product_id, subtype, restart_required,
                    fixed_build, supersedes, url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // Replacing a CVE replaces what any document said of it per product (a cascade when references are on).
        let forget = try db.cachedStatement(sql: "DELETE FROM cve_products WHERE cve = ?")
        for vulnerability in document.vulnerabilities where !vulnerability.cve.isEmpty {
            try forget.execute(arguments: [vulnerability.cve])
            try cve.execute(arguments: [vulnerability.cve, vulnerability.title, documentID])
            for (productKey, entry) in vulnerability.threats.sorted(by: { $0.key < $1.key }) {
                guard let productID = productIDs[productKey] else { continue }
                try threat.execute(arguments: [
                    vulnerability.cve, productID, entry.severity?.description, entry.impact, entry.exploitStatus,
                    entry.cvssBase,
                ])
            }
            for fix in vulnerability.remediations {
                let supersedes = fix.supersedes.map(\.description).joined(separator: ";")
                for productKey in fix.productIDs {
                    guard let productID = productIDs[productKey] else { continue }
                    try remediation.execute(arguments: [
                        documentID, vulnerability.cve, fix.kb.description, productID, fix.subtype,
                        fix.restartRequired, fix.fixedBuild, supersedes.isEmpty ? nil : supersedes, fix.url,
                    ])
                }
            }
        }
    }

    /// A text per touched KB that changes whenever anything the ledger says of the KB changes.
    private func fingerprints() throws -> [String: String] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT u.source_key AS kb,
                    ifnull(u.title, '') || '|' || ifnull(u.subtype, '') || '|' || ifnull(u.severity, '') || '|'
                    || ifnull(u.released, '') || '|' || ifnull(u.restart_required, '') || '|'
                    || ifnull((SELECT group_concat(x, ',') FROM (SELECT p.name || '=' || ifnull(up.fixed_build, '') AS x
                        FROM update_products up JOIN products p ON p.id = up.product_id
                        WHERE up.update_id = u.id ORDER BY 1)), '') || '|'
                    || ifnull((SELECT group_concat(supersedes, ',') FROM (SELECT supersedes FROM supersedence
                        WHERE update_id = u.id ORDER BY 1)), '') || '|'
                    || ifnull((SELECT group_concat(cve, ',') FROM (SELECT DISTINCT cve FROM remediations
                        WHERE kb = u.source_key ORDER BY 1)), '') AS fingerprint
                FROM updates u
                WHERE u.source = 'msrc' AND u.source_key IN (SELECT kb FROM touched_kbs)
                """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["kb"] as String, $0["fingerprint"] as String? ?? "") })
    }
}
