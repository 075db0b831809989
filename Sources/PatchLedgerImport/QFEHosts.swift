import PatchLedgerCore

/// Win32_QuickFixEngineering rows gathered into one snapshot per host, in the order hosts first appear; rows
/// are added as they are read (a fleet's CSV is read a chunk at a time).
struct QFEHosts {
    let format: InventoryFormat
    let file: String
    private var order: [String] = []
    private var byHost: [String: InventorySnapshot] = [:]
    private var checked = false

    init(format: InventoryFormat, file: String) {
        self.format = format
        self.file = file
    }

    var snapshots: [InventorySnapshot] { order.compactMap { byHost[$0] } }

    /// - Throws: when the first row has no HotFixID column.
    mutating func add(_ row: QFERow) throws {
        if !checked {
            guard row.values["hotfixid"] != nil else {
                throw ImportError.badRecord(
                    file: file, line: row.line, expected: "a HotFixID column",
                    found: row.values.keys.sorted().joined(separator: ", "))
            }
            checked = true
        }
        let host =
            InventoryFields.hostColumns.lazy.compactMap { row.values[$0.lowercased()] }
            .first { !$0.isEmpty } ?? ""
        let key = host.lowercased()
        if byHost[key] == nil {
            order.append(key)
            var snapshot = InventorySnapshot(format: format.rawValue)
            snapshot.vm = host.isEmpty ? nil : host
            byHost[key] = snapshot
        }
        let id = row.values["hotfixid"] ?? ""
        let description = row.values["description"].flatMap { $0.isEmpty ? nil : $0 }
        if let installed = InventoryFields.installed(
            id, installedOn: InventoryFields.installDate(row.values["installedon"] ?? ""), description: description)
        {
            byHost[key]?.add(installed)
        } else {
            byHost[key]?.otherEntries += 1
        }
    }
}
