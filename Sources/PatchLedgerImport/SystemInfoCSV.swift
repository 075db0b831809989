import PatchLedgerCore

/// `systeminfo /fo csv`: a header row of (translated) labels, then one row per host, in the same order
/// as the list layout; multi-valued fields are comma-joined inside one quoted field
/// (`"5 Hotfix(s) Installed.,[01]: KB4049065,[02]: …"`).
enum SystemInfoCSV {
    static func matches(_ text: String) -> Bool {
        CSV(text).rows.dropFirst().contains { row in
            row.fields.contains { hotfixItems($0) != nil }
                || (row.fields.contains { InventoryFields.osVersion($0) != nil } && listsNoHotfix(row.fields))
        }
    }

    static func parse(_ text: String, file: String) throws -> [InventorySnapshot] {
        let csv = CSV(text)
        if let header = csv.rows.first {
            try CSV.check(csv.rows.dropFirst(), header: header, unclosedQuote: csv.unclosedQuote, file: file)
        }
        let rows = csv.rows.dropFirst()
        let snapshots = rows.map(snapshot)
        guard !snapshots.isEmpty else {
            throw ImportError.badRecord(file: file, line: 2, expected: "a row of systeminfo values", found: "none")
        }
        return snapshots
    }

    static func snapshot(_ row: CSV.Row) -> InventorySnapshot {
        var snapshot = InventorySnapshot(format: InventoryFormat.systeminfoCSV.rawValue)
        let fields = row.fields.map { $0.trimmingWhitespace() }
        snapshot.vm = fields.first.flatMap { $0.isEmpty ? nil : $0 }
        snapshot.osName = fields.count > 1 && !fields[1].isEmpty ? fields[1] : nil
        snapshot.installedAt = InventoryFields.firstDateTime(fields.dropFirst(3))
        snapshot.version = fields.lazy.compactMap { InventoryFields.osVersion($0) }.first
        snapshot.architecture =
            fields.lazy.filter { $0.utf8.contains(UInt8(ascii: "-")) }
            .compactMap { Architecture(systemType: $0) }.first
        if let field = fields.first(where: { hotfixItems($0) != nil }), let items = hotfixItems(field) {
            snapshot.declaredCount = InventoryFields.firstInteger(field.prefix { $0 != "," })
            for item in items {
                if let installed = InventoryFields.installed(item) {
                    snapshot.add(installed)
                } else {
                    snapshot.otherEntries += 1
                }
            }
        } else if listsNoHotfix(fields) {
            snapshot.declaredCount = 0
            snapshot.listsInstalledUpdates = true
        }
        return snapshot
    }

    /// Whether a row's Hotfix(s) field says the host has none (`InventoryFields.listsNoHotfix`).
    private static func listsNoHotfix(_ fields: [String]) -> Bool {
        fields.indices.dropFirst(3).contains { index in
            index + 1 < fields.count
                && InventoryFields.listsNoHotfix(
                    fields[index].prefix { $0 != "," },
                    nextFieldHasItems: fields[index + 1].split(separator: ",").contains {
                        InventoryFields.listItem($0) != nil
                    })
        }
    }

    /// The `[nn]: …` items of a field when at least one of them is a KB.
    private static func hotfixItems(_ field: String) -> [Substring]? {
        let items = field.split(separator: ",").compactMap { InventoryFields.listItem($0) }
        return items.contains { InventoryFields.installedKB($0) != nil } ? items : nil
    }
}
