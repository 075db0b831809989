import GRDB
import PatchLedgerCore

/// Writes a streamed package.xml into the ledger: updates upserted by UpdateId (a higher RevisionNumber
/// replaces the row, an equal or lower one leaves it), then KBs and KB supersedence resolved once every
/// update and file location has been seen.
public final class WSUSPackageLoader: WSUSPackageSink {
    /// Thrown from `begin` to stop reading a package older than the one held.
    public enum Stop: Error { case older }

    let session: CatalogImport
    public internal(set) var summary: ImportSummary
    var db: Database { session.db }
    private var held: [String: (id: Int64, revision: Int, kb: String?)] = [:]
    /// Each update of this package with the KB the ledger held for it before.
    var heldKBs: [Int64: String?] = [:]
    private var productIDs: [String: Int64] = [:]
    // The update graph, kept compact: package.xml names payload KBs and supersedence only by id.
    var rowByRevision: [Int: Int64] = [:]
    var payloads: [Int64: [String]] = [:]
    var bundledBy: [Int64: [Int]] = [:]
    var supersededBy: [Int64: [Int]] = [:]
    /// Every file location seen, with the KB its URL names (empty when none): also keeps file ids unique.
    var fileKBs: [String: String] = [:]
    var indexesDropped = false

    static let deferredIndexes = [
        (name: "updates_source_key", sql: "CREATE UNIQUE INDEX updates_source_key ON updates(source, source_key)"),
        (name: "wsus_files_file_id", sql: "CREATE UNIQUE INDEX wsus_files_file_id ON wsus_files(file_id)"),
        (name: "updates_kb", sql: "CREATE INDEX updates_kb ON updates(kb)"),
        (name: "updates_revision_id", sql: "CREATE INDEX updates_revision_id ON updates(revision_id)"),
        (name: "supersedence_supersedes", sql: "CREATE INDEX supersedence_supersedes ON supersedence(supersedes)"),
    ]
    private let insertUpdate: BulkStatement
    private let updateUpdate: BulkStatement
    private let insertProduct: BulkStatement
    private let insertDetail: BulkStatement
    private let insertFile: BulkStatement

    init(session: CatalogImport, file: String) throws {
        self.session = session
        summary = ImportSummary(file: file, format: "wsus-package", documentKey: nil, revision: nil, outcome: .imported)
        let db = session.db
        insertUpdate = try BulkStatement(
            db,
            sql: """
                INSERT INTO updates (source, source_key, classification, released, revision_id, revision_number,
                    is_bundle, is_leaf, deployment_action)
                VALUES ('wsus', ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        updateUpdate = try BulkStatement(
            db,
            sql: """
                UPDATE updates SET classification = ?, released = ?, revision_id = ?, revision_number = ?,
                    is_bundle = ?, is_leaf = ?, deployment_action = ? WHERE id = ?
                """)
        insertProduct = try BulkStatement(
            db,
            sql: "INSERT OR IGNORE INTO update_products (update_id, product_id) VALUES (?, ?)")
        insertDetail = try BulkStatement(
            db,
            sql: """
                INSERT OR REPLACE INTO wsus_updates (update_id, prerequisites, bundled_by, superseded_by, payload_files,
                    product_families, companies)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        insertFile = try BulkStatement(db, sql: "INSERT OR IGNORE INTO wsus_files (file_id, url, kb) VALUES (?, ?, ?)")
    }

    public func begin(_ package: WSUSPackageInfo) throws {
        summary.documentKey = "wsusscn2"
        summary.revision = package.created
        let heldCreated = try String.fetchOne(
            db, sql: "SELECT revision FROM documents WHERE source = 'wsus' AND key = 'wsusscn2'")
        if let heldCreated, !package.created.isEmpty, package.created < heldCreated {
            throw Stop.older
        }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, source_key, revision_number, kb FROM updates WHERE source = 'wsus'")
        while let row = try rows.next() { held[row[1]] = (row[0], row[2] ?? 0, row[3]) }
        if held.isEmpty {
            // A first load builds indexes once at the end, sorted, rather than row by row at random places;
            // `held` and `fileKBs` keep keys unique meanwhile.
            for index in Self.deferredIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
            indexesDropped = true
        }
    }

    public func consume(_ update: WSUSUpdate) throws {
        let classification = BulkValue.string(update.classification)
        let created = BulkValue.string(update.created?.description)
        let revisionID = BulkValue.int(update.revisionID)
        let revisionNumber = BulkValue.int(update.revisionNumber)
        let isBundle = BulkValue.bool(update.isBundle)
        let isLeaf = BulkValue.bool(update.isLeaf)
        let action = BulkValue.string(update.deploymentAction)
        let id: Int64
        if let known = held[update.updateID] {
            id = known.id
            if update.revisionNumber <= known.revision {
                summary.unchanged += 1
            } else {
                try updateUpdate.execute(
                    classification, created, revisionID, revisionNumber, isBundle, isLeaf, action, .int64(id))
                try db.execute(sql: "DELETE FROM update_products WHERE update_id = ?", arguments: [id])
                try writeDetails(update, id: id)
                summary.changed += 1
            }
        } else {
            try insertUpdate.execute(
                .text(update.updateID), classification, created, revisionID, revisionNumber, isBundle, isLeaf, action)
            id = db.lastInsertedRowID
            held[update.updateID] = (id, update.revisionNumber, nil)
            try writeDetails(update, id: id)
            summary.added += 1
        }
        rowByRevision[update.revisionID] = id
        heldKBs[id] = heldKBs[id] ?? held[update.updateID]?.kb
        if !update.payloadFileIDs.isEmpty { payloads[id] = update.payloadFileIDs }
        if !update.bundledBy.isEmpty { bundledBy[id] = update.bundledBy }
        if !update.supersededBy.isEmpty { supersededBy[id] = update.supersededBy }
    }

    public func consume(_ location: WSUSFileLocation) throws {
        let kb = location.kb?.description
        // Without its unique index (first load) the map is what keeps file ids unique; with it, OR IGNORE does.
        let seen = fileKBs.updateValue(kb ?? "", forKey: location.fileID) != nil
        guard !(seen && indexesDropped) else { return }
        try insertFile.execute(.text(location.fileID), .text(location.url), .string(kb))
    }

    private func writeDetails(_ update: WSUSUpdate, id: Int64) throws {
        for product in update.productIDs {
            try insertProduct.execute(.int64(id), .int64(try productID(product)))
        }
        func list(_ values: [some CustomStringConvertible]) -> String? {
            values.isEmpty ? nil : values.map(\.description).joined(separator: " ")
        }
        try insertDetail.execute(
            .int64(id), .string(list(update.prerequisites)), .string(list(update.bundledBy)),
            .string(list(update.supersededBy)), .string(list(update.payloadFileIDs)),
            .string(list(update.productFamilyIDs)), .string(list(update.companyIDs)))
    }

    /// WSUS names products by category GUID; the GUID is the product's name until metadata titles it,
    /// and stays its alias afterwards.
    private func productID(_ guid: String) throws -> Int64 {
        if let id = productIDs[guid] { return id }
        let aliased = try Int64.fetchOne(
            db, sql: "SELECT product_id FROM product_aliases WHERE alias = ?", arguments: [guid])
        let id = try aliased ?? session.productID(name: guid, family: "WSUS product")
        productIDs[guid] = id
        return id
    }

    func rowID(updateID guid: String) -> Int64? {
        held[guid]?.id
    }

    /// Gives the product named by `guid` the category's title (merging into a product of that name, if any).
    func nameProduct(guid: String, title: String) throws {
        let id = try productID(guid)
        let name = ProductName.canonical(title)
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM products WHERE name = ?", arguments: [name]),
            existing != id
        {
            try db.execute(
                sql: "UPDATE OR IGNORE update_products SET product_id = ? WHERE product_id = ?",
                arguments: [existing, id])
            try db.execute(sql: "DELETE FROM update_products WHERE product_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM product_aliases WHERE product_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM products WHERE id = ?", arguments: [id])
            try db.execute(sql: "INSERT OR IGNORE INTO product_aliases VALUES (?, ?)", arguments: [guid, existing])
            productIDs[guid] = existing
        } else {
            try db.execute(sql: "UPDATE products SET name = ? WHERE id = ? AND name <> ?", arguments: [name, id, name])
            for alias in ProductName.aliases(title) {
                try db.execute(sql: "INSERT OR IGNORE INTO product_aliases VALUES (?, ?)", arguments: [alias, id])
            }
        }
    }
}
