extension Ledger {
    /// VMs (from manifests and scans), their scan snapshots and the KBs each snapshot lists. Snapshots are
    /// history: rows are only ever added, one per distinct scan.
    static let inventorySchema = """
        CREATE TABLE vms (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            computer_name TEXT COLLATE NOCASE,
            group_name TEXT,
            image TEXT,
            deployed_at TEXT,
            build TEXT,
            os_type TEXT,
            tags TEXT,
            manifest_path TEXT,
            manifest_imported_at TEXT
        );
        CREATE INDEX vms_computer_name ON vms(computer_name);
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            vm_id INTEGER NOT NULL REFERENCES vms(id),
            scanned_at TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            source_path TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            format TEXT NOT NULL,
            os_name TEXT,
            product TEXT,
            os_version TEXT,
            ubr INTEGER,
            architecture TEXT,
            kb_count INTEGER NOT NULL,
            declared_count INTEGER,
            imported_at TEXT NOT NULL,
            UNIQUE (vm_id, fingerprint)
        );
        CREATE INDEX snapshots_vm_scanned_at ON snapshots(vm_id, scanned_at);
        CREATE TABLE snapshot_kbs (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            kb TEXT NOT NULL,
            installed_on TEXT,
            description TEXT,
            PRIMARY KEY (snapshot_id, kb)
        ) WITHOUT ROWID;
        CREATE VIEW vm_latest_scan AS
            SELECT vms.id AS vm_id, vms.name AS vm, vms.group_name, vms.image, vms.deployed_at,
                vms.build AS manifest_build, s.id AS snapshot_id, s.scanned_at, s.os_name, s.product, s.os_version,
                s.ubr, s.architecture, s.kb_count
            FROM vms LEFT JOIN snapshots s ON s.id = (
                SELECT id FROM snapshots WHERE vm_id = vms.id ORDER BY scanned_at DESC, id DESC LIMIT 1);
        """
}
