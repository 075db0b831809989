import Foundation
import GRDB
import PatchLedgerCore

/// The write side of one `import catalog` run: everything it applies lands in one transaction.
public final class CatalogImport {
    let db: Database
    private let startedAt: String

    init(db: Database) {
        self.db = db
        startedAt = Self.timestamp()
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// Records the import in `imports` and returns its id.
    func recordImport(_ summary: ImportSummary, sha256: String) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO imports (source_path, format, sha256, document_key, document_revision, started_at,
                    finished_at, outcome, added, changed, unchanged, removed, warnings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                summary.file, summary.format, sha256, summary.documentKey, summary.revision, startedAt,
                Self.timestamp(), summary.outcome.rawValue, summary.added, summary.changed, summary.unchanged,
                summary.removed, summary.warnings.isEmpty ? nil : summary.warnings.joined(separator: "\n"),
            ])
        return db.lastInsertedRowID
    }

    /// Logs that this run read the file of `summary`, whatever it changed: the line a nightly run of unchanged
    /// catalogs leaves, and the only one.
    public func log(_ summary: ImportSummary) throws {
        try db.execute(
            sql: """
                INSERT INTO import_log (logged_at, source_path, format, document_key, document_revision, outcome, import_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                    (SELECT max(id) FROM imports WHERE source_path = ?2 AND started_at = ?7 AND ?6 = 'imported'))
                """,
            arguments: [
                Self.timestamp(), summary.file, summary.format, summary.documentKey, summary.revision,
                summary.outcome.rawValue, startedAt,
            ])
    }

    func updateCounts(importID: Int64, _ summary: ImportSummary) throws {
        try db.execute(
            sql: "UPDATE imports SET added = ?, changed = ?, unchanged = ?, removed = ?, finished_at = ? WHERE id = ?",
            arguments: [summary.added, summary.changed, summary.unchanged, summary.removed, Self.timestamp(), importID])
    }

    /// The product's id, creating it and its aliases on first sight.
    func productID(name: String, family: String?) throws -> Int64 {
        let canonical = ProductName.canonical(name)
        let id = try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO products (name, family) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET family = coalesce(products.family, excluded.family)
                RETURNING id
                """, arguments: [canonical, family])
        guard let id else { throw StoreError.notFound("product \(canonical)") }
        for alias in ProductName.aliases(name) {
            try db.execute(
                sql: "INSERT OR IGNORE INTO product_aliases (alias, product_id) VALUES (?, ?)", arguments: [alias, id])
        }
        return id
    }
}

extension Ledger {
    /// Runs `body` in one write transaction: if it throws, the ledger is exactly as before.
    ///
    /// References are checked once, before the commit, rather than row by row: per-row checks doubled the
    /// cost of a WSUS catalog's hundreds of thousands of edges. With checks off nothing cascades, so import
    /// code deletes child rows itself; a dangling reference fails the import and rolls it back.
    /// The findings the import changes commit with it (`writing`).
    public func importing<T>(_ body: (CatalogImport) throws -> T) throws -> T {
        try Self.wrap {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var result: T?
                try db.inTransaction {
                    result = try body(CatalogImport(db: db))
                    for table in Self.catalogTablesWithReferences { try db.checkForeignKeys(in: table) }
                    try refreshFindingsOfImport(db)
                    return .commit
                }
                guard let result else { preconditionFailure("a committed import has a result") }
                return result
            }
        }
    }

    /// The tables a catalog import writes that reference others.
    static let catalogTablesWithReferences = [
        "documents", "product_aliases", "updates", "update_products", "supersedence", "cves", "cve_products",
        "remediations", "wsus_updates",
    ]
}
