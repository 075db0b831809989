import GRDB
import PatchLedgerCore

extension Ledger {
    /// Every import, oldest first.
    public func importHistory() throws -> [ImportRecord] {
        try Self.wrap {
            try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM imports ORDER BY id").map { row in
                    ImportRecord(
                        id: row["id"], sourcePath: row["source_path"], format: row["format"], sha256: row["sha256"],
                        documentKey: row["document_key"], revision: row["document_revision"],
                        startedAt: row["started_at"], finishedAt: row["finished_at"], outcome: row["outcome"],
                        added: row["added"], changed: row["changed"], unchanged: row["unchanged"],
                        removed: row["removed"],
                        warnings: (row["warnings"] as String?)?.split(separator: "\n").map(String.init) ?? [])
                }
            }
        }
    }

    public func catalogCoverage() throws -> CatalogCoverage {
        try Self.wrap {
            try writer.read { db in
                let newest = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT u.released, d.key FROM updates u LEFT JOIN documents d ON d.id = u.document_id
                        WHERE u.released IS NOT NULL ORDER BY u.released DESC LIMIT 1
                        """)
                return CatalogCoverage(
                    classifications: try String.fetchAll(
                        db,
                        sql: "SELECT DISTINCT classification FROM updates WHERE classification IS NOT NULL ORDER BY 1"),
                    hasUpdates: try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM update_products)") ?? false,
                    newestRelease: (newest?[0] as String?).flatMap { CalendarDate(parsing: $0) },
                    newestDocument: newest?[1],
                    missingMonths: try Self.missingMonths(db),
                    releasesByProduct: try Dictionary(
                        Row.fetchAll(
                            db,
                            sql: """
                                SELECT p.name, min(u.released), max(u.released) FROM update_products up
                                JOIN updates u ON u.id = up.update_id JOIN products p ON p.id = up.product_id
                                WHERE u.released IS NOT NULL GROUP BY p.id
                                """
                        ).compactMap { row in
                            guard let first = (row[1] as String?).flatMap(CalendarDate.init(parsing:)),
                                let newest = (row[2] as String?).flatMap(CalendarDate.init(parsing:)), first <= newest
                            else { return nil }
                            return (row[0] as String, first...newest)
                        }, uniquingKeysWith: { $1 }))
            }
        }
    }

    /// Months between the first and the newest MSRC document that have no document.
    private static func missingMonths(_ db: Database) throws -> [CatalogMonth] {
        CatalogMonth.gaps(
            in: try String.fetchAll(db, sql: "SELECT key FROM documents WHERE source = 'msrc'")
                .compactMap { CatalogMonth(documentID: $0) })
    }

    public func catalogStats() throws -> CatalogStats {
        try Self.wrap {
            try writer.read { db in
                func counts(_ sql: String) throws -> [CatalogStats.Count] {
                    try Row.fetchAll(db, sql: sql).map { CatalogStats.Count(key: $0[0] ?? "(none)", updates: $0[1]) }
                }
                return CatalogStats(
                    updates: try Int.fetchOne(db, sql: "SELECT count(*) FROM updates") ?? 0,
                    cves: try Int.fetchOne(db, sql: "SELECT count(*) FROM cves") ?? 0,
                    products: try Int.fetchOne(db, sql: "SELECT count(*) FROM products") ?? 0,
                    documents: try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0,
                    bySource: try counts("SELECT source, count(*) FROM updates GROUP BY 1 ORDER BY 2 DESC, 1"),
                    byProduct: try counts(
                        """
                        SELECT p.name, count(DISTINCT up.update_id) FROM update_products up
                        JOIN products p ON p.id = up.product_id GROUP BY 1 ORDER BY 2 DESC, 1
                        """),
                    byClassification: try counts(
                        "SELECT classification, count(*) FROM updates GROUP BY 1 ORDER BY 2 DESC, 1"),
                    byYear: try counts("SELECT substr(released, 1, 4), count(*) FROM updates GROUP BY 1 ORDER BY 1"),
                    missingMonths: try Self.missingMonths(db).map(\.description))
            }
        }
    }

    /// One update by KB, merged across sources; `StoreError.notFound` when no source knows it.
    public func update(_ kb: KB) throws -> UpdateDetail {
        try Self.wrap {
            try writer.read { db in
                let key = kb.description
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM updates WHERE kb = ? ORDER BY source = 'msrc' DESC, id", arguments: [key])
                guard !rows.isEmpty else { throw StoreError.notFound(key) }
                var detail = UpdateDetail(kb: key)
                detail.title = rows.lazy.compactMap { $0["title"] as String? }.first
                detail.classification = rows.lazy.compactMap { $0["classification"] as String? }.first
                detail.subtype = rows.lazy.compactMap { $0["subtype"] as String? }.first
                detail.severity = rows.lazy.compactMap { $0["severity"] as String? }.first
                detail.released = rows.compactMap { $0["released"] as String? }.min()
                detail.restartRequired = rows.lazy.compactMap { $0["restart_required"] as Bool? }.first
                detail.sources = Array(Set(rows.map { $0["source"] as String })).sorted()
                let ids = rows.map { $0["id"] as Int64 }
                let products = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT p.name, up.fixed_build FROM update_products up JOIN products p ON p.id = up.product_id
                        WHERE up.update_id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY 1
                        """, arguments: StatementArguments(ids))
                detail.products = Array(Set(products.map { $0[0] as String })).sorted()
                detail.fixedBuilds = products.compactMap { row in
                    (row[1] as String?).map { UpdateDetail.FixedBuild(product: row[0], build: $0) }
                }
                detail.supersedes = try String.fetchAll(
                    db,
                    sql: """
                        WITH RECURSIVE chain(kb) AS (
                            SELECT ? UNION
                            SELECT s.supersedes FROM chain JOIN updates u ON u.kb = chain.kb
                            JOIN supersedence s ON s.update_id = u.id)
                        SELECT kb FROM chain WHERE kb <> ? ORDER BY kb
                        """, arguments: [key, key])
                detail.supersededBy = try String.fetchAll(
                    db,
                    sql: """
                        WITH RECURSIVE chain(kb) AS (
                            SELECT ? UNION
                            SELECT u.kb FROM chain JOIN supersedence s ON s.supersedes = chain.kb
                            JOIN updates u ON u.id = s.update_id WHERE u.kb IS NOT NULL)
                        SELECT kb FROM chain WHERE kb <> ? ORDER BY kb
                        """, arguments: [key, key])
                detail.cves = try String.fetchAll(
                    db, sql: "SELECT DISTINCT cve FROM remediations WHERE kb = ? ORDER BY cve", arguments: [key])
                return detail
            }
        }
    }
}

extension Ledger {
    /// The newest update that replaces others and closes CVEs: a good example of a replacement chain.
    public func newestCumulativeKB() throws -> KB? {
        try Self.wrap {
            try writer.read { db in
                try String.fetchOne(
                    db,
                    sql: """
                        SELECT kb FROM updates u WHERE kb IS NOT NULL
                        AND EXISTS (SELECT 1 FROM supersedence s WHERE s.update_id = u.id)
                        ORDER BY EXISTS (SELECT 1 FROM remediations r WHERE r.kb = u.kb) DESC, released DESC, kb DESC
                        LIMIT 1
                        """)
            }
        }.flatMap { KB(parsing: $0) }
    }
}

extension Ledger {
    /// The catalog imports that finished in `[from, to]`, with the CVEs and KB releases of their documents.
    public func catalogChanges(from: CalendarDate, to: CalendarDate) throws -> [CatalogChange] {
        let imports = try importHistory().filter { record in
            CalendarDate(parsing: record.finishedAt).map { $0 >= from && $0 <= to } ?? false
        }
        return try Self.wrap {
            try writer.read { db in
                try imports.map { record in
                    let document = try Int64.fetchOne(
                        db, sql: "SELECT id FROM documents WHERE import_id = ?", arguments: [record.id])
                    guard let document else { return CatalogChange(importRecord: record, cves: nil, releases: []) }
                    let cves = try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM cves WHERE document_id = ?", arguments: [document])
                    let releases = try String.fetchAll(
                        db,
                        sql: """
                            SELECT DISTINCT kb FROM updates WHERE source = 'msrc' AND document_id = ? AND kb IS NOT NULL
                            ORDER BY kb
                            """, arguments: [document])
                    return CatalogChange(importRecord: record, cves: cves, releases: releases)
                }
            }
        }
    }
}
