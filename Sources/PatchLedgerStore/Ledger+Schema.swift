import GRDB

extension Ledger {
    /// Schema changes happen only here, as named migrations, so any older ledger upgrades in place.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("Create catalog tables") { db in
            try db.execute(sql: catalogSchema)
        }
        migrator.registerMigration("Create WSUS tables") { db in
            try db.execute(sql: wsusSchema)
        }
        migrator.registerMigration("Create inventory tables") { db in
            try db.execute(sql: inventorySchema)
        }
        migrator.registerMigration("Create release history") { db in
            try db.execute(sql: firstReleaseSchema)
        }
        migrator.registerMigration("Create findings") { db in
            try db.execute(sql: firstFindingsSchema)
        }
        migrator.registerMigration("Record WSUS metadata fingerprints") { db in
            try db.execute(sql: "ALTER TABLE documents ADD COLUMN metadata_fingerprint TEXT")
        }
        // The key first: 137,000 WSUS GUIDs sort faster when their comparison does not start with `source`,
        // the same for every row (a first catalog load builds this index from scratch).
        migrator.registerMigration("Index updates by source key first") { db in
            // Written out, not taken from the loader: a migration is history and must not change with the app.
            try db.execute(
                sql: """
                    DROP INDEX updates_source_key;
                    CREATE UNIQUE INDEX updates_source_key ON updates(source_key, source);
                    """)
        }
        // Scans read millions of installed KBs: as numbers they are read without parsing and stored smaller.
        migrator.registerMigration("Store installed KBs as numbers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE snapshot_kbs_by_number (
                        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
                        kb INTEGER NOT NULL,
                        installed_on TEXT,
                        description TEXT,
                        PRIMARY KEY (snapshot_id, kb)
                    ) WITHOUT ROWID;
                    INSERT INTO snapshot_kbs_by_number (snapshot_id, kb, installed_on, description)
                        SELECT snapshot_id, CAST(substr(kb, 3) AS INTEGER), installed_on, description FROM snapshot_kbs;
                    DROP TABLE snapshot_kbs;
                    ALTER TABLE snapshot_kbs_by_number RENAME TO snapshot_kbs;
                    """)
        }
        // Findings are written as they change: an open finding's last sighting is its VM's latest evaluation
        // (`evaluations`), so a scan that changes nothing writes no finding. Findings are derived from the
        // snapshots: emptying `findings_state` replays them on the next refresh.
        migrator.registerMigration("Write findings as they change") { db in
            try db.execute(
                sql: """
                    DROP TABLE findings;
                    DELETE FROM findings_state;
                    CREATE TABLE findings (
                        vm_id INTEGER NOT NULL REFERENCES vms(id),
                        kind TEXT NOT NULL,
                        key TEXT NOT NULL,
                        episode INTEGER NOT NULL,
                        severity TEXT,
                        first_seen TEXT NOT NULL,
                        last_seen TEXT,
                        fixed_at TEXT,
                        PRIMARY KEY (vm_id, kind, key, episode)
                    ) WITHOUT ROWID;
                    CREATE TABLE evaluations (
                        snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id),
                        vm_id INTEGER NOT NULL REFERENCES vms(id),
                        scanned_at TEXT NOT NULL,
                        not_compliant_from TEXT
                    );
                    CREATE INDEX evaluations_vm_scanned_at ON evaluations(vm_id, scanned_at);
                    CREATE VIEW finding_episodes AS
                        SELECT v.name AS vm, f.vm_id, f.kind, f.key, f.episode, f.severity, f.first_seen,
                            coalesce(f.last_seen,
                                (SELECT max(e.scanned_at) FROM evaluations e WHERE e.vm_id = f.vm_id)) AS last_seen,
                            f.fixed_at
                        FROM findings f JOIN vms v ON v.id = f.vm_id;
                    """)
        }
        // A VM missing everything lacks thousands of CVEs: one finding per VM × CVE made an import of 10,000 VMs
        // write 28 million rows. Findings are updates; each evaluation counts its open CVEs, and the view
        // `cve_exposures` lists the CVEs each missing update fixes. Emptied, to be replayed.
        migrator.registerMigration("Count open CVEs per evaluation") { db in
            try db.execute(
                sql: """
                    DROP VIEW finding_episodes;
                    DROP TABLE findings;
                    DROP TABLE evaluations;
                    DELETE FROM findings_state;
                    CREATE TABLE findings (
                        vm_id INTEGER NOT NULL REFERENCES vms(id),
                        kb TEXT NOT NULL,
                        episode INTEGER NOT NULL,
                        severity TEXT,
                        first_seen TEXT NOT NULL,
                        last_seen TEXT,
                        fixed_at TEXT,
                        PRIMARY KEY (vm_id, kb, episode)
                    ) WITHOUT ROWID;
                    CREATE TABLE evaluations (
                        snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id),
                        vm_id INTEGER NOT NULL REFERENCES vms(id),
                        scanned_at TEXT NOT NULL,
                        not_compliant_from TEXT,
                        open_cves INTEGER NOT NULL,
                        open_critical INTEGER NOT NULL,
                        open_important INTEGER NOT NULL
                    );
                    CREATE INDEX evaluations_vm_scanned_at ON evaluations(vm_id, scanned_at);
                    CREATE VIEW finding_episodes AS
                        SELECT v.name AS vm, f.vm_id, f.kb, f.episode, f.severity, f.first_seen,
                            coalesce(f.last_seen,
                                (SELECT max(e.scanned_at) FROM evaluations e WHERE e.vm_id = f.vm_id)) AS last_seen,
                            f.fixed_at
                        FROM findings f JOIN vms v ON v.id = f.vm_id;
                    CREATE VIEW cve_exposures AS
                        SELECT e.vm, e.vm_id, r.cve, e.kb, e.episode, e.first_seen, e.last_seen, e.fixed_at
                        FROM finding_episodes e JOIN (SELECT DISTINCT kb, cve FROM remediations) r ON r.kb = e.kb;
                    """)
        }
        // An import's warnings stay with it (`catalog history`); every file an import run reads is logged, even
        // one that changed nothing (which writes no `imports` row, so the findings stamp ignores it).
        migrator.registerMigration("Keep import warnings and log every run") { db in
            try db.execute(
                sql: """
                    ALTER TABLE imports ADD COLUMN warnings TEXT;
                    CREATE TABLE import_log (
                        id INTEGER PRIMARY KEY,
                        logged_at TEXT NOT NULL,
                        source_path TEXT NOT NULL,
                        format TEXT NOT NULL,
                        document_key TEXT,
                        document_revision TEXT,
                        outcome TEXT NOT NULL,
                        import_id INTEGER REFERENCES imports(id)
                    );
                    """)
        }
        // Windows Server 2025 and Windows 11 24H2 share build 26100 but not every release: rows keep their product
        // line. Rows recorded before keep an unknown line (''). A KB re-released at the same build.UBR (KB3189866,
        // then KB3193494, both 14393.187) is a row of its own: the KB is in the key, '' for a general availability.
        migrator.registerMigration("Key releases by product line") { db in
            try db.execute(
                sql: """
                    CREATE TABLE releases_by_line (
                        line TEXT NOT NULL,
                        build INTEGER NOT NULL,
                        ubr INTEGER NOT NULL,
                        kb TEXT NOT NULL,
                        released TEXT NOT NULL,
                        type TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        month TEXT NOT NULL,
                        source_path TEXT NOT NULL,
                        PRIMARY KEY (line, build, ubr, kb)
                    ) WITHOUT ROWID;
                    INSERT INTO releases_by_line
                        SELECT '', build, ubr, coalesce(kb, ''), released, type, channel, month, source_path
                        FROM releases;
                    DROP TABLE releases;
                    ALTER TABLE releases_by_line RENAME TO releases;
                    """)
        }
        // A legacy id read as its KB (KB893803v2, KB2510531-IE8, Q147222) keeps the spelling the capture wrote.
        migrator.registerMigration("Keep installed ids as written") { db in
            try db.execute(sql: "ALTER TABLE snapshot_kbs ADD COLUMN written TEXT")
        }
        // What `fetch` downloaded, so that the next run asks only for what changed (ETag, Last-Modified) and
        // skips a document whose revision the list says is the one held.
        migrator.registerMigration("Remember what fetch downloaded") { db in
            try db.execute(
                sql: """
                    CREATE TABLE fetched (
                        url TEXT PRIMARY KEY,
                        revision TEXT,
                        etag TEXT,
                        last_modified TEXT,
                        path TEXT NOT NULL,
                        bytes INTEGER NOT NULL,
                        fetched_at TEXT NOT NULL
                    );
                    """)
        }
        // The digest of the cabinet a WSUS package was last read from (NULL: read from package.xml), so that a
        // nightly re-import of the same wsusscn2.cab is recognised before a read of hundreds of MB.
        migrator.registerMigration("Remember the cabinet a WSUS package came in") { db in
            try db.execute(sql: "ALTER TABLE documents ADD COLUMN cabinet_sha256 TEXT")
        }
        return migrator
    }

    /// The first findings schema, as its migration created it (later migrations replace it; migrations are history
    /// and never change).
    private static let firstFindingsSchema = """
        CREATE TABLE findings (
            vm_id INTEGER NOT NULL REFERENCES vms(id),
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            episode INTEGER NOT NULL,
            severity TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            fixed_at TEXT,
            PRIMARY KEY (vm_id, kind, key, episode)
        ) WITHOUT ROWID;
        CREATE TABLE findings_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            catalog_stamp TEXT NOT NULL,
            manifest_stamp TEXT NOT NULL,
            last_snapshot_id INTEGER NOT NULL
        );
        """

    /// What package.xml says beyond the generic `updates` columns, with RevisionId lists kept as written.
    private static let wsusSchema = """
        CREATE TABLE wsus_updates (
            update_id INTEGER PRIMARY KEY REFERENCES updates(id) ON DELETE CASCADE,
            prerequisites TEXT,
            bundled_by TEXT,
            superseded_by TEXT,
            payload_files TEXT,
            product_families TEXT,
            companies TEXT
        );
        CREATE TABLE wsus_files (
            file_id TEXT NOT NULL,
            url TEXT NOT NULL,
            kb TEXT
        );
        CREATE UNIQUE INDEX wsus_files_file_id ON wsus_files(file_id);
        CREATE INDEX updates_revision_id ON updates(revision_id);
        """

    private static let catalogSchema = """
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            source_path TEXT NOT NULL,
            format TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            document_key TEXT,
            document_revision TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            added INTEGER NOT NULL DEFAULT 0,
            changed INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            removed INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            key TEXT NOT NULL COLLATE NOCASE,
            title TEXT,
            revision TEXT,
            initial_release TEXT,
            current_release TEXT,
            sha256 TEXT NOT NULL,
            import_id INTEGER NOT NULL REFERENCES imports(id),
            UNIQUE (source, key)
        );
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            family TEXT
        );
        CREATE TABLE product_aliases (
            alias TEXT NOT NULL COLLATE NOCASE,
            product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
            PRIMARY KEY (alias, product_id)
        ) WITHOUT ROWID;
        CREATE TABLE updates (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            kb TEXT,
            title TEXT,
            classification TEXT,
            subtype TEXT,
            severity TEXT,
            released TEXT,
            restart_required INTEGER,
            revision_id INTEGER,
            revision_number INTEGER,
            is_bundle INTEGER,
            is_leaf INTEGER,
            deployment_action TEXT,
            document_id INTEGER REFERENCES documents(id)
        );
        CREATE UNIQUE INDEX updates_source_key ON updates(source, source_key);
        CREATE INDEX updates_kb ON updates(kb);
        CREATE TABLE update_products (
            update_id INTEGER NOT NULL REFERENCES updates(id) ON DELETE CASCADE,
            product_id INTEGER NOT NULL REFERENCES products(id),
            fixed_build TEXT,
            PRIMARY KEY (update_id, product_id)
        ) WITHOUT ROWID;
        CREATE TABLE supersedence (
            update_id INTEGER NOT NULL REFERENCES updates(id) ON DELETE CASCADE,
            supersedes TEXT NOT NULL,
            PRIMARY KEY (update_id, supersedes)
        ) WITHOUT ROWID;
        CREATE INDEX supersedence_supersedes ON supersedence(supersedes);
        CREATE TABLE cves (
            cve TEXT PRIMARY KEY,
            title TEXT,
            document_id INTEGER NOT NULL REFERENCES documents(id)
        );
        CREATE TABLE cve_products (
            cve TEXT NOT NULL REFERENCES cves(cve) ON DELETE CASCADE,
            product_id INTEGER NOT NULL REFERENCES products(id),
            severity TEXT,
            impact TEXT,
            exploit_status TEXT,
            cvss_base REAL,
            PRIMARY KEY (cve, product_id)
        ) WITHOUT ROWID;
        CREATE TABLE remediations (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            cve TEXT NOT NULL,
            kb TEXT NOT NULL,
            product_id INTEGER NOT NULL REFERENCES products(id),
            subtype TEXT,
            restart_required INTEGER,
            fixed_build TEXT,
            supersedes TEXT,
            url TEXT,
            PRIMARY KEY (document_id, cve, kb, product_id)
        ) WITHOUT ROWID;
        CREATE INDEX remediations_kb ON remediations(kb);
        """
}
