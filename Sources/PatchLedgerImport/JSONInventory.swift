import Foundation
import PatchLedgerCore

/// The JSON inventories: PowerShell's Win32_QuickFixEngineering objects and PatchLedger's own format.
enum JSONInventory {
    /// The format, from the keys of the first object alone: a fleet's inventory is one file of tens of
    /// megabytes, parsed once, by `parse` (or streamed).
    static func detect(_ text: String) -> InventoryFormat? {
        // The first record alone (in the first megabytes), of a file that may be truncated after it.
        let head = Array(text.utf8.prefix(4 << 20))
        guard let first = (try? JSONRecords(bytes: head, displayName: "").next())??.value.members
        else { return nil }
        if first.contains(where: { $0.key == "kbs" }) { return .patchLedgerJSON }
        if first.contains(where: { $0.key.caseInsensitiveCompare("HotFixID") == .orderedSame }) { return .hotfixJSON }
        return nil
    }

    /// `Get-HotFix | ConvertTo-Json`: one object or an array; `InstalledOn` is `"\/Date(ms)\/"` (PowerShell
    /// 5.1), an ISO string (7+), or an object whose `value` is one of those.
    static func parseHotFix(_ text: String, file: String) throws -> [InventorySnapshot] {
        let records = JSONRecords(bytes: Array(text.utf8), displayName: file)
        var rows: [QFERow] = []
        while let (record, value) = try records.next() {
            guard let members = value.members else {
                throw ImportError.badRecord(
                    file: file, line: record, expected: "an object in the top-level array", found: value.summary)
            }
            var values: [String: String] = [:]
            for (key, member) in members { values[key.lowercased()] = (member["value"] ?? member).text }
            rows.append(QFERow(line: record, values: values))
        }
        return try QFERow.snapshots(rows, format: .hotfixJSON, file: file)
    }

    /// PatchLedger JSON: `{"vm", "scannedAt", "os", "build", "architecture", "kbs": […]}` or an array of them;
    /// a `kbs` item is `"KB4012212"` or `{"kb": "KB4012212", "installedOn": "2017-03-14"}`.
    static func parsePatchLedger(_ text: String, file: String) throws -> [InventorySnapshot] {
        let records = JSONRecords(bytes: Array(text.utf8), displayName: file)
        var snapshots: [InventorySnapshot] = []
        while let (record, value) = try records.next() {
            snapshots.append(try snapshot(value, record: record, file: file))
        }
        return snapshots
    }

    /// One PatchLedger JSON record.
    static func snapshot(_ object: JSONValue, record: Int, file: String) throws -> InventorySnapshot {
        func fail(_ expected: String, _ found: JSONValue?) -> ImportError {
            .badRecord(file: file, line: record, expected: expected, found: found?.summary ?? "nothing")
        }
        guard object.members != nil else { throw fail("an object in the top-level array", object) }
        var snapshot = InventorySnapshot(format: InventoryFormat.patchLedgerJSON.rawValue)
        // An empty name is kept (and refused by the check), not taken for an absent one.
        if case .string(let name) = object["vm"] { snapshot.vm = name } else { snapshot.vm = object["vm"]?.text }
        if let value = object["scannedAt"] {
            guard let text = value.text, let time = Timestamp(parsing: text) else {
                throw fail("scannedAt as an ISO 8601 time (record \(record))", value)
            }
            snapshot.scannedAt = time
        }
        snapshot.osName = object["os"]?.text
        if let value = object["build"] {
            guard let text = value.text, let version = OSVersion(parsing: text) else {
                throw fail("build like 10.0.17763.4645 or 17763.4645 (record \(record))", value)
            }
            snapshot.version = version
        }
        snapshot.architecture = object["architecture"]?.text.flatMap { Architecture(systemType: $0) }
        guard case .array(let kbs) = object["kbs"] else { throw fail("a kbs array (record \(record))", object["kbs"]) }
        snapshot.listsInstalledUpdates = true
        for item in kbs {
            guard let text = (item["kb"] ?? item).text, let kb = KB(parsing: text) else {
                throw fail("a KB such as \"KB4012212\" in kbs (record \(record))", item)
            }
            let installed = item["installedOn"]?.text.flatMap { InventoryFields.installDate($0) }
            snapshot.add(InstalledKB(kb: kb, installedOn: installed))
        }
        return snapshot
    }
}
