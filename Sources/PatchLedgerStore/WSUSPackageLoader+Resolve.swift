import Foundation
import GRDB
import PatchLedgerCore

extension WSUSPackageLoader {
    /// Resolves KBs and supersedence over the whole graph, records the document and the import.
    ///
    /// A bundle has no payload of its own: its KB is that of the updates it bundles (their `BundledBy`).
    /// Supersedence arrives inverted (`SupersededBy` RevisionIds) and is stored as KB edges like MSRC's.
    ///
    /// - Parameter metadata: fragments by RevisionId; their KBArticleID outranks the payload's file name.
    /// - Parameter metadataFingerprint: `WSUSMetadataReader.fingerprint` of the fragments read, recorded so
    ///   that the same package and fragments can later be recognised without reading them
    ///   (`CatalogImport.unchangedWSUSPackage`).
    public func finish(sha256: String, metadata: [Int: WSUSMetadata] = [:], metadataFingerprint: String = "")
        throws -> ImportSummary
    {
        try finish(digest: { sha256 }, metadata: metadata, metadataFingerprint: metadataFingerprint)
    }

    /// As `finish(sha256:…)`, with the package's digest asked for only once the graph is written (it may
    /// still be computing meanwhile).
    public func finish(
        digest: () throws -> String, metadata: [Int: WSUSMetadata] = [:], metadataFingerprint: String = ""
    ) throws -> ImportSummary {
        try flushInserts()
        let kbs = graph.kbs(metadata: metadata)
        let kbChanged = try writeRows(kbs: kbs)
        let edgesChanged = try replaceSupersedence(graph.edges(kbs: kbs, metadata: metadata, warnings: &warnings))
        summary.warnings = warnings.lines
        for index in droppedIndexes { try db.execute(sql: index.sql) }
        let described = try applyDescriptions(metadata)
        retireGraph()
        // Rows whose own revision did not change can still gain a KB or an edge (a new metadata fragment, a
        // newly superseding update): count those updates as changed, never more than there are.
        let gained = kbChanged + described + edgesChanged
        if summary.added + summary.changed == 0 && gained > 0 {
            summary.changed = min(summary.unchanged, gained)
            summary.unchanged -= summary.changed
        }
        let sha256 = try digest()
        if summary.added + summary.changed == 0 {
            summary.outcome = .unchanged
            // Read again with nothing new (a cabinet, whose digest is known only once read): nothing is written,
            // as for a package.xml recognised by its digest before the read.
            let held =
                try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM documents WHERE source = 'wsus' AND key = 'wsusscn2' AND sha256 = ? "
                        + "AND metadata_fingerprint = ?", arguments: [sha256, metadataFingerprint]) ?? false
            if held {
                // The same content from another cabinet (or from package.xml): the next read of this one is skipped.
                try db.execute(
                    sql: """
                        UPDATE documents SET cabinet_sha256 = ?1
                        WHERE source = 'wsus' AND key = 'wsusscn2' AND cabinet_sha256 IS NOT ?1
                        """, arguments: [cabinetSHA256])
                return summary
            }
            _ = try session.recordImport(summary, sha256: sha256)
            // The ledger holds exactly what this package and these fragments give: remember both.
            try db.execute(
                sql: """
                    UPDATE documents SET sha256 = ?, metadata_fingerprint = ?, cabinet_sha256 = ?
                    WHERE source = 'wsus' AND key = 'wsusscn2'
                    """,
                arguments: [sha256, metadataFingerprint, cabinetSHA256])
            return summary
        }
        let importID = try session.recordImport(summary, sha256: sha256)
        try db.execute(
            sql: """
                INSERT INTO documents (source, key, title, revision, initial_release, current_release, sha256, import_id,
                    metadata_fingerprint, cabinet_sha256)
                VALUES ('wsus', 'wsusscn2', 'WSUS offline catalog', ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, key) DO UPDATE SET revision = excluded.revision,
                    current_release = excluded.current_release, sha256 = excluded.sha256, import_id = excluded.import_id,
                    metadata_fingerprint = excluded.metadata_fingerprint, cabinet_sha256 = excluded.cabinet_sha256
                """,
            arguments: [
                summary.revision, String(summary.revision?.prefix(10) ?? ""),
                String(summary.revision?.prefix(10) ?? ""),
                sha256, importID, metadataFingerprint, cabinetSHA256,
            ])
        return summary
    }

    /// Frees what was kept of the package on another thread: a catalog's worth of ids and rows took the ledger's
    /// thread ~0.1 s to free, while the other core is idle by now.
    private func retireGraph() {
        let retired = (graph, pendingRows, heldKBs)
        graph = WSUSUpdateGraph()
        pendingRows = PendingRows()
        heldKBs = []
        Thread.detachNewThread { withExtendedLifetime(retired) {} }
    }

    /// Writes the `updates` rows read, now with their KBs, and the KBs of held rows that changed; returns how
    /// many held rows only changed KB.
    private func writeRows(kbs: [Int32]) throws -> Int {
        let insert = try BulkInsert(
            db,
            """
            INSERT INTO updates (id, source, source_key, kb, classification, released, revision_id, revision_number,
                is_bundle, is_leaf, deployment_action)
            """, columns: 11)
        let update = try BulkStatement(
            db,
            sql: """
                UPDATE updates SET kb = ?, classification = ?, released = ?, revision_id = ?, revision_number = ?,
                    is_bundle = ?, is_leaf = ?, deployment_action = ? WHERE id = ?
                """)
        let setKB = try BulkStatement(db, sql: "UPDATE updates SET kb = ? WHERE id = ?")
        var kbChanged = 0
        // Slot order: new rows were numbered in it, so their pages fill once each, in order.
        for slot in 0..<graph.count {
            let kb = kbs[slot] == 0 ? nil : KB(Int(kbs[slot])).description
            guard let row = pendingRows[slot] else {
                guard kb != heldKBs[slot] else { continue }
                try setKB.execute(.string(kb), .int64(graph.rowIDs[slot]))
                kbChanged += 1
                continue
            }
            if row.isNew {
                try insert.add(
                    .int64(row.id), .text("wsus"), .text(row.updateID), .string(kb), .string(row.classification),
                    .string(row.released), .int(row.revisionID), .int(row.revisionNumber), .bool(row.isBundle),
                    .bool(row.isLeaf), .string(row.deploymentAction))
            } else {
                try update.execute(
                    .string(kb), .string(row.classification), .string(row.released), .int(row.revisionID),
                    .int(row.revisionNumber), .bool(row.isBundle), .bool(row.isLeaf), .string(row.deploymentAction),
                    .int64(row.id))
            }
        }
        try insert.flush()
        return kbChanged
    }

    /// Replaces the WSUS supersedence edges by `edges` (`WSUSEdge.packed`, sorted); returns how many changed.
    private func replaceSupersedence(_ edges: [UInt64]) throws -> Int {
        // A cursor, not an array of rows: a re-import holds every edge of the catalog. CROSS JOIN reads the
        // edges first and finds each update by id, instead of walking the source index into the table.
        var held: [UInt64] = []
        var heldOther: [(Int64, String)] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT s.update_id, s.supersedes FROM supersedence s CROSS JOIN updates u ON u.id = s.update_id
                WHERE +u.source = 'wsus'
                """)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let text: String = row[1]
            if let kb = KB(parsing: text), kb.description == text {
                held.append(WSUSEdge.packed(rowID: id, kb: Int32(clamping: kb.number)))
            } else {
                heldOther.append((id, text))
            }
        }
        held.sort()
        let insert = try BulkInsert(db, "INSERT INTO supersedence (update_id, supersedes)", columns: 2)
        let delete = try BulkStatement(db, sql: "DELETE FROM supersedence WHERE update_id = ? AND supersedes = ?")
        var changed = 0
        func remove(_ edge: UInt64) throws {
            try delete.execute(.int64(WSUSEdge.rowID(edge)), .text(WSUSEdge.kb(edge).description))
            changed += 1
        }
        var heldIndex = 0
        // Both lists are sorted: one merge finds what is new and what is gone.
        for edge in edges {
            while heldIndex < held.count, held[heldIndex] < edge {
                try remove(held[heldIndex])
                heldIndex += 1
            }
            if heldIndex < held.count, held[heldIndex] == edge {
                heldIndex += 1
                continue
            }
            try insert.add(.int64(WSUSEdge.rowID(edge)), .text(WSUSEdge.kb(edge).description))
            changed += 1
        }
        for edge in held[heldIndex...] { try remove(edge) }
        for (id, text) in heldOther {
            try delete.execute(.int64(id), .text(text))
            changed += 1
        }
        try insert.flush()
        return changed
    }
}

extension WSUSPackageLoader {
    /// Writes titles, severities and restart behaviour, and names WSUS products after their category
    /// updates' titles; returns how many rows changed.
    func applyDescriptions(_ metadata: [Int: WSUSMetadata]) throws -> Int {
        let describe = try db.makeStatement(
            sql: """
                UPDATE updates SET title = ?1, severity = ?2, restart_required = ?3, subtype = ?4
                WHERE id = ?5 AND (title IS NOT ?1 OR severity IS NOT ?2 OR restart_required IS NOT ?3
                    OR subtype IS NOT ?4)
                """)
        var changed = 0
        for (revision, fragment) in metadata.sorted(by: { $0.key < $1.key }) {
            guard let slot = graph.slot(revision: revision) else { continue }
            let id = graph.rowIDs[Int(slot)]
            let restart: Bool? =
                switch fragment.rebootBehavior {
                case "NeverReboots": false
                case "AlwaysRequiresReboot", "CanRequestReboot": true
                default: nil
                }
            describe.setUncheckedArguments([
                fragment.title, fragment.severity?.description, restart, UpdateSubtype.fromTitle(fragment.title), id,
            ])
            try describe.execute()
            changed += db.changesCount
            if fragment.updateType == "Category", let title = fragment.title,
                let guid = try String.fetchOne(db, sql: "SELECT source_key FROM updates WHERE id = ?", arguments: [id])
            {
                try nameProduct(guid: guid, title: title)
            }
        }
        return changed
    }
}

extension WSUSPackageLoader {
    /// A package older than the one held: read up to its root element, nothing written (not even history).
    public func finishOlder() throws -> ImportSummary {
        summary.outcome = .older
        return summary
    }
}

extension CatalogImport {
    /// The SHA-256 of the WSUS package the ledger holds, if any: a file with another digest must be read.
    public func heldWSUSPackageSHA256() throws -> String? {
        try String.fetchOne(db, sql: "SELECT sha256 FROM documents WHERE source = 'wsus' AND key = 'wsusscn2'")
    }

    /// When the package and its metadata fragments are exactly those the ledger holds, records an
    /// `unchanged` import without reading the file (a nightly re-import of the same catalog); else `nil`.
    public func unchangedWSUSPackage(sha256: String, metadataFingerprint: String, file: String) throws -> ImportSummary?
    {
        guard
            let held = try Row.fetchOne(
                db,
                sql: """
                    SELECT revision FROM documents
                    WHERE source = 'wsus' AND key = 'wsusscn2' AND sha256 = ? AND metadata_fingerprint = ?
                    """, arguments: [sha256, metadataFingerprint])
        else { return nil }
        var summary = ImportSummary(
            file: file, format: "wsus-package", documentKey: "wsusscn2", revision: held["revision"], outcome: .unchanged
        )
        summary.unchanged = try Int.fetchOne(db, sql: "SELECT count(*) FROM updates WHERE source = 'wsus'") ?? 0
        return summary
    }

    /// A sink for one package.xml of this import.
    ///
    /// - Parameters:
    ///   - bytes: the package's size, if known: tables are sized for the updates it likely holds (package.xml
    ///     spends some 800 bytes on each).
    ///   - cabinetSHA256: the digest of the cabinet the package is read from, if it is (`unchangedWSUSCabinet`).
    public func wsusPackageLoader(file: String, bytes: Int = 0, cabinetSHA256: String? = nil) throws
        -> WSUSPackageLoader
    {
        let loader = try WSUSPackageLoader(session: self, file: file, expectedUpdates: bytes / 800)
        loader.cabinetSHA256 = cabinetSHA256
        return loader
    }

    /// When the ledger's WSUS package was last read from a cabinet with this digest and nothing changed it
    /// since, records nothing and says `unchanged` without reading the cabinet (a nightly re-import); else `nil`.
    public func unchangedWSUSCabinet(sha256: String, file: String) throws -> ImportSummary? {
        guard
            let held = try Row.fetchOne(
                db,
                sql: "SELECT revision FROM documents WHERE source = 'wsus' AND key = 'wsusscn2' AND cabinet_sha256 = ?",
                arguments: [sha256])
        else { return nil }
        var summary = ImportSummary(
            file: file, format: "wsus-package", documentKey: "wsusscn2", revision: held["revision"], outcome: .unchanged
        )
        summary.unchanged = try Int.fetchOne(db, sql: "SELECT count(*) FROM updates WHERE source = 'wsus'") ?? 0
        return summary
    }
}
