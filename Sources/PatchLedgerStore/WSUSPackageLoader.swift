import GRDB
import PatchLedgerCore

/// Writes a streamed package.xml into the ledger: updates upserted by UpdateId (a higher RevisionNumber
/// replaces the row, an equal or lower one leaves it), then KBs and KB supersedence resolved once every
/// update and file location has been seen.
public final class WSUSPackageLoader: WSUSPackageSink {

    let session: CatalogImport
    public internal(set) var summary: ImportSummary
    var db: Database { session.db }
    private var held: [String: (id: Int64, revision: Int, kb: String?)] = [:]
    private var nextRowID: Int64 = 1
    private var productIDs: [String: Int64] = [:]
    var graph = WSUSUpdateGraph()
    /// The digest of the cabinet the package is read from; `nil` for a package.xml.
    var cabinetSHA256: String?
    /// Per slot: the `updates` row to write once its KB is known (new or of a higher revision), or `nil`
    /// when the held row stands and only its KB may change.
    var pendingRows = PendingRows()
    /// Per slot: the KB the ledger held (as written), for rows that stand.
    var heldKBs: [String?] = []
    /// Per slot: the RevisionNumber the ledger held (0 for a new update).
    private var heldRevisions: [Int] = []
    /// Per slot, the revision this package listed first and its line: the same revision listed again is
    /// ambiguous (which one's lists are right?), not a newer revision.
    private var listed: [Int32: (revision: Int, line: Int)] = [:]
    /// What the package holds that the import passes over.
    var warnings = WarningTally()
    /// Indexes dropped for a first load, built again at its end.
    var droppedIndexes: [(name: String, sql: String)] = []
    static let deferredIndexes = [
        (name: "updates_source_key", sql: sourceKeyIndex),
        (name: "updates_kb", sql: "CREATE INDEX updates_kb ON updates(kb)"),
        (name: "updates_revision_id", sql: "CREATE INDEX updates_revision_id ON updates(revision_id)"),
        (name: "supersedence_supersedes", sql: "CREATE INDEX supersedence_supersedes ON supersedence(supersedes)"),
    ]
    static let sourceKeyIndex = "CREATE UNIQUE INDEX updates_source_key ON updates(source_key, source)"
    static let filesIndex = (
        name: "wsus_files_file_id", sql: "CREATE UNIQUE INDEX wsus_files_file_id ON wsus_files(file_id)"
    )
    private var expectedUpdates = 0
    private let insertProduct: BulkInsert
    private let insertDetail: BulkInsert
    private let insertFile: BulkInsert

    /// The `updates` rows waiting for their KBs, by slot; a slot whose held row stands has none. Kept apart
    /// from the slots so that a nightly re-import, where almost every row stands, holds almost nothing.
    struct PendingRows {
        private var rows: [PendingRow] = []
        private var indexBySlot: [Int32] = []

        mutating func reserveCapacity(slots: Int, rows: Int = 0) {
            indexBySlot.reserveCapacity(slots)
            self.rows.reserveCapacity(rows)
        }

        mutating func append(_ row: PendingRow?) {
            indexBySlot.append(row == nil ? -1 : Int32(rows.count))
            if let row { rows.append(row) }
        }

        subscript(slot: Int) -> PendingRow? {
            get { indexBySlot[slot] < 0 ? nil : rows[Int(indexBySlot[slot])] }
            set {
                guard let newValue else { preconditionFailure("a pending row is replaced, never dropped") }
                if indexBySlot[slot] < 0 {
                    indexBySlot[slot] = Int32(rows.count)
                    rows.append(newValue)
                } else {
                    rows[Int(indexBySlot[slot])] = newValue
                }
            }
        }
    }

    /// An `updates` row waiting for its KB, which package.xml gives only at its end.
    struct PendingRow {
        var id: Int64
        var isNew: Bool
        var updateID: String
        var classification: String?
        var released: String?
        var revisionID: Int
        var revisionNumber: Int
        var isBundle: Bool
        var isLeaf: Bool
        var deploymentAction: String?

        init(_ update: WSUSUpdate, id: Int64, isNew: Bool) {
            self.id = id
            self.isNew = isNew
            updateID = update.updateID
            classification = update.classification
            released = update.created?.description
            revisionID = update.revisionID
            revisionNumber = update.revisionNumber
            isBundle = update.isBundle
            isLeaf = update.isLeaf
            deploymentAction = update.deploymentAction
        }
    }

    init(session: CatalogImport, file: String, expectedUpdates: Int) throws {
        self.session = session
        graph.reserve(updates: expectedUpdates)
        pendingRows.reserveCapacity(slots: expectedUpdates)
        self.expectedUpdates = expectedUpdates
        heldKBs.reserveCapacity(expectedUpdates)
        summary = ImportSummary(file: file, format: "wsus-package", documentKey: nil, revision: nil, outcome: .imported)
        let db = session.db
        insertProduct = try BulkInsert(db, "INSERT OR IGNORE INTO update_products (update_id, product_id)", columns: 2)
        insertDetail = try BulkInsert(
            db,
            """
            INSERT OR REPLACE INTO wsus_updates (update_id, prerequisites, bundled_by, superseded_by, payload_files,
                product_families, companies)
            """, columns: 7)
        insertFile = try BulkInsert(db, "INSERT OR IGNORE INTO wsus_files (file_id, url, kb)", columns: 3)
    }

    /// `.skip` for a package older than the one held: nothing of it is read (`finishOlder`).
    public func begin(_ package: WSUSPackageInfo) throws -> WSUSPackageDecision {
        summary.documentKey = "wsusscn2"
        summary.revision = package.created
        let heldCreated = try String.fetchOne(
            db, sql: "SELECT revision FROM documents WHERE source = 'wsus' AND key = 'wsusscn2'")
        if let heldCreated, !package.created.isEmpty, package.created < heldCreated {
            return .skip
        }
        let rows = try Row.fetchCursor(
            // `+source`: one pass over the table, not an index walk that visits the table's pages at random.
            db, sql: "SELECT id, source_key, revision_number, kb FROM updates WHERE +source = 'wsus'")
        while let row = try rows.next() { held[row[1]] = (row[0], row[2] ?? 0, row[3]) }
        nextRowID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM updates") ?? 0) + 1
        if held.isEmpty {
            // Every update read is a row to write: room for them at once (growing, the rows were copied over
            // and over). A re-import, where most rows stand, keeps only the few that changed.
            pendingRows.reserveCapacity(slots: expectedUpdates, rows: expectedUpdates)
            // A first load builds indexes once at the end, sorted, rather than row by row at random places;
            // `graph` keeps update ids and located files unique meanwhile.
            droppedIndexes = Self.deferredIndexes
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM wsus_files)") == false {
                droppedIndexes.append(Self.filesIndex)
            }
            for index in droppedIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        }
        return .read
    }

    /// Writes what does not depend on the KB now (products, package.xml's lists) and keeps the `updates`
    /// row for `finish`: the rows referencing it come first, which the transaction allows because it checks
    /// references only before it commits.
    public func consume(_ update: consuming WSUSUpdate) throws {
        let slot = graph.slot(claiming: update.updateID)
        guard slot == graph.count else {
            if let first = listed[slot], first.revision == update.revisionNumber {
                warnings.add(
                    "UpdateIds listed twice with one revision (the first kept)",
                    example: "UpdateId \(update.updateID) revision \(update.revisionNumber) on lines \(first.line) and "
                        + "\(update.line)")
                return
            }
            try consumeAgain(update, slot: Int(slot))
            return
        }
        listed[slot] = (update.revisionNumber, update.line)
        // Taken out of `held` as it is met: a nightly re-import then keeps one copy of each UpdateId, not two.
        if !held.isEmpty, let known = held.removeValue(forKey: update.updateID) {
            heldKBs.append(known.kb)
            heldRevisions.append(known.revision)
            graph.add(update, slot: slot, rowID: known.id)
            if update.revisionNumber <= known.revision {
                pendingRows.append(nil)
                summary.unchanged += 1
            } else {
                try db.execute(sql: "DELETE FROM update_products WHERE update_id = ?", arguments: [known.id])
                try writeDetails(update, id: known.id)
                pendingRows.append(PendingRow(update, id: known.id, isNew: false))
                summary.changed += 1
            }
        } else {
            let id = nextRowID
            nextRowID += 1
            heldKBs.append(nil)
            heldRevisions.append(0)
            graph.add(update, slot: slot, rowID: id)
            try writeDetails(update, id: id)
            // Last: the row takes the update's strings.
            pendingRows.append(PendingRow(update, id: id, isNew: true))
            summary.added += 1
        }
    }

    /// The same UpdateId twice in one package: a higher revision replaces what was read, another is ignored.
    private func consumeAgain(_ update: WSUSUpdate, slot: Int) throws {
        let id = graph.rowIDs[slot]
        let read = pendingRows[slot]?.revisionNumber ?? heldRevisions[slot]
        guard update.revisionNumber > read else {
            summary.unchanged += 1
            return
        }
        pendingRows[slot] = PendingRow(update, id: id, isNew: pendingRows[slot]?.isNew ?? false)
        try insertProduct.flush()
        try db.execute(sql: "DELETE FROM update_products WHERE update_id = ?", arguments: [id])
        try writeDetails(update, id: id)
        graph.add(update, slot: Int32(slot), rowID: id)
        summary.changed += 1
    }

    /// Writes the rows still held back by the batched inserts.
    func flushInserts() throws {
        try insertProduct.flush()
        try insertDetail.flush()
        try insertFile.flush()
    }

    public func consume(_ location: WSUSFileLocation) throws {
        let kb = location.kb
        guard graph.locate(fileID: location.fileID, kb: kb) else { return }
        try insertFile.add(.text(location.fileID), .text(location.url), .string(kb?.description))
    }

    private func writeDetails(_ update: WSUSUpdate, id: Int64) throws {
        for product in update.productIDs {
            try insertProduct.add(.int64(id), .int64(try productID(product)))
        }
        func list(_ values: [String]) -> String? {
            // Most lists hold one id: that string itself, not a joined copy.
            values.count < 2 ? values.first : values.joined(separator: " ")
        }
        func list(_ values: [Int]) -> String? {
            values.isEmpty ? nil : values.spaceSeparatedDecimal
        }
        try insertDetail.add(
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

extension [Int] {
    /// The numbers in decimal, space-separated, written in one buffer (RevisionId lists run to dozens).
    var spaceSeparatedDecimal: String {
        String(unsafeUninitializedCapacity: count * 21) { buffer in
            var end = 0
            for value in self {
                if end > 0 {
                    buffer[end] = UInt8(ascii: " ")
                    end += 1
                }
                buffer.writeDecimal(value, at: &end)
            }
            return end
        }
    }
}
