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
        var kbs: [Int64: String] = [:]
        for (id, files) in payloads {
            if let kb = files.lazy.compactMap({ self.fileKBs[$0] }).first(where: { !$0.isEmpty }) { kbs[id] = kb }
        }
        for (child, parents) in bundledBy {
            guard let kb = kbs[child] else { continue }
            for parent in parents {
                if let parentID = rowByRevision[parent], kbs[parentID] == nil { kbs[parentID] = kb }
            }
        }
        for (revision, fragment) in metadata {
            if let id = rowByRevision[revision], let kb = fragment.kb { kbs[id] = kb.description }
        }
        let setKB = try BulkStatement(db, sql: "UPDATE updates SET kb = ? WHERE id = ?")
        var kbChanged = 0
        // In id order: rows were inserted in that order, so the pages are visited once each.
        for (id, heldKB) in heldKBs.sorted(by: { $0.key < $1.key }) {
            let kb = kbs[id]
            guard kb != heldKB else { continue }
            try setKB.execute(.string(kb), .int64(id))
            kbChanged += 1
        }
        let edgesChanged = try resolveSupersedence(kbs, metadata: metadata)
        if indexesDropped {
            for index in Self.deferredIndexes { try db.execute(sql: index.sql) }
        }
        kbChanged += try applyDescriptions(metadata)
        // Rows whose own revision did not change can still gain a KB or an edge (a new metadata fragment, a
        // newly superseding update): count those updates as changed, never more than there are.
        if summary.added + summary.changed == 0 && kbChanged + edgesChanged > 0 {
            summary.changed = min(summary.unchanged, kbChanged + edgesChanged)
            summary.unchanged -= summary.changed
        }
        if summary.added + summary.changed == 0 {
            summary.outcome = .unchanged
            _ = try session.recordImport(summary, sha256: sha256)
            // The ledger holds exactly what this package and these fragments give: remember both.
            try db.execute(
                sql:
                    "UPDATE documents SET sha256 = ?, metadata_fingerprint = ? WHERE source = 'wsus' AND key = 'wsusscn2'",
                arguments: [sha256, metadataFingerprint])
            return summary
        }
        let importID = try session.recordImport(summary, sha256: sha256)
        try db.execute(
            sql: """
                INSERT INTO documents (source, key, title, revision, initial_release, current_release, sha256, import_id,
                    metadata_fingerprint)
                VALUES ('wsus', 'wsusscn2', 'WSUS offline catalog', ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, key) DO UPDATE SET revision = excluded.revision,
                    current_release = excluded.current_release, sha256 = excluded.sha256, import_id = excluded.import_id,
                    metadata_fingerprint = excluded.metadata_fingerprint
                """,
            arguments: [
                summary.revision, String(summary.revision?.prefix(10) ?? ""),
                String(summary.revision?.prefix(10) ?? ""),
                sha256, importID, metadataFingerprint,
            ])
        return summary
    }

    /// Replaces the WSUS supersedence edges by those of this package; returns how many changed.
    private func resolveSupersedence(_ kbs: [Int64: String], metadata: [Int: WSUSMetadata]) throws -> Int {
        var edges = Set<Edge>()
        for (revision, fragment) in metadata where !fragment.supersededUpdateIDs.isEmpty {
            guard let by = rowByRevision[revision] else { continue }
            for guid in fragment.supersededUpdateIDs {
                guard let superseded = rowID(updateID: guid), let kb = kbs[superseded], kbs[by] != kb else { continue }
                edges.insert(Edge(updateID: by, supersedes: kb))
            }
        }
        for (superseded, revisions) in supersededBy {
            guard let kb = kbs[superseded] else { continue }
            for revision in revisions {
                guard let by = rowByRevision[revision], kbs[by] != kb else { continue }
                edges.insert(Edge(updateID: by, supersedes: kb))
            }
        }
        // A cursor, not an array of rows: a re-import holds every edge of the catalog.
        var heldEdges = Set<Edge>()
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT s.update_id, s.supersedes FROM supersedence s JOIN updates u ON u.id = s.update_id
                WHERE u.source = 'wsus'
                """)
        while let row = try rows.next() { heldEdges.insert(Edge(updateID: row[0], supersedes: row[1])) }
        let insert = try BulkStatement(db, sql: "INSERT INTO supersedence (update_id, supersedes) VALUES (?, ?)")
        for edge in edges.subtracting(heldEdges).sorted(by: {
            ($0.updateID, $0.supersedes) < ($1.updateID, $1.supersedes)
        }) {
            try insert.execute(.int64(edge.updateID), .text(edge.supersedes))
        }
        let gone = heldEdges.subtracting(edges)
        for edge in gone {
            try db.execute(
                sql: "DELETE FROM supersedence WHERE update_id = ? AND supersedes = ?",
                arguments: [edge.updateID, edge.supersedes])
        }
        return edges.subtracting(heldEdges).count + gone.count
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
            guard let id = rowByRevision[revision] else { continue }
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

struct Edge: Hashable {
    var updateID: Int64
    var supersedes: String
}

extension WSUSPackageLoader {
    /// Records a package older than the one held: read up to its root element, nothing written.
    public func finishOlder() throws -> ImportSummary {
        summary.outcome = .older
        _ = try session.recordImport(summary, sha256: "")
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
        _ = try recordImport(summary, sha256: sha256)
        return summary
    }

    /// A sink for one package.xml of this import.
    public func wsusPackageLoader(file: String) throws -> WSUSPackageLoader {
        try WSUSPackageLoader(session: self, file: file)
    }
}
