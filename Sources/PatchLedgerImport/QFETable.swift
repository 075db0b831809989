import PatchLedgerCore

/// `wmic qfe` output: a header of property names (never translated), values aligned under them.
enum QFETable {
    static func parse(_ text: String, file: String) throws -> [InventorySnapshot] {
        let lines = TextDecoding.lines(text)
        guard let headerIndex = lines.firstIndex(where: { !$0.trimmingWhitespace().isEmpty }) else { return [] }
        let header = Array(lines[headerIndex])
        // A column starts where a name starts after spaces; its values run to the next column's start.
        var starts: [Int] = []
        for index in header.indices where header[index] != " " && (index == 0 || header[index - 1] == " ") {
            starts.append(index)
        }
        let names = starts.indices.map { column in
            String(header[starts[column]..<(column + 1 < starts.count ? starts[column + 1] : header.count)])
                .trimmingWhitespace()
        }
        var rows: [QFERow] = []
        for (offset, line) in lines.enumerated().dropFirst(headerIndex + 1) where !line.trimmingWhitespace().isEmpty {
            let characters = Array(line)
            var values: [String: String] = [:]
            for (column, name) in names.enumerated() {
                let start = min(starts[column], characters.count)
                let end = column + 1 < starts.count ? min(starts[column + 1], characters.count) : characters.count
                values[name.lowercased()] = String(characters[start..<end]).trimmingWhitespace()
            }
            rows.append(QFERow(line: offset + 1, values: values))
        }
        return try QFERow.snapshots(rows, format: .wmicQFE, file: file)
    }
}

/// One Win32_QuickFixEngineering record, whatever table it came in, keyed by lower-cased property name.
struct QFERow {
    var line: Int
    var values: [String: String]

    /// One snapshot per host named in the rows (`Get-HotFix -ComputerName a,b` lists several), in order.
    static func snapshots(_ rows: [QFERow], format: InventoryFormat, file: String) throws -> [InventorySnapshot] {
        var hosts = QFEHosts(format: format, file: file)
        for row in rows { try hosts.add(row) }
        return hosts.snapshots
    }
}

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
