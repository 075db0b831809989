import Foundation
import GRDB
import PatchLedgerCore

extension Ledger {
    /// Records a fleet manifest in one transaction: each VM's manifest facts are replaced by the file's,
    /// its scans are kept, and VMs absent from the file are left as they are.
    ///
    /// - Returns: how many VMs were new and how many were known already.
    public func importFleet(_ entries: [FleetEntry], path: String) throws -> (added: Int, updated: Int) {
        try writing { db in
            let now = CatalogImport.timestamp()
            var added = 0
            for entry in entries {
                let known = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM vms WHERE name = ?1 OR name = ?2 OR computer_name = ?1
                        ORDER BY name = ?1 DESC LIMIT 1
                        """, arguments: [entry.vm, entry.computerName ?? entry.vm])
                let arguments: StatementArguments = [
                    entry.vm, entry.computerName, entry.group, entry.image, entry.deployedAt?.description,
                    entry.build?.description, entry.osType, try Self.json(entry.tags), path, now,
                ]
                if let known {
                    try db.execute(
                        sql: """
                            UPDATE vms SET name = ?, computer_name = ?, group_name = ?, image = ?, deployed_at = ?,
                                build = ?, os_type = ?, tags = ?, manifest_path = ?, manifest_imported_at = ?
                            WHERE id = ?
                            """, arguments: arguments + [known])
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO vms (name, computer_name, group_name, image, deployed_at, build, os_type,
                                tags, manifest_path, manifest_imported_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: arguments)
                    added += 1
                }
            }
            return (added, entries.count - added)
        }
    }

    /// Tags as a JSON object with sorted keys, so users can query them with SQLite's `json_extract`.
    private static func json(_ tags: [String: String]) throws -> String? {
        guard !tags.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(tags), as: UTF8.self)
    }
}
