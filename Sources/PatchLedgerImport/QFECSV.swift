import PatchLedgerCore

/// `wmic qfe list full /format:csv` and `Get-HotFix | Export-Csv`: CSV with columns named after
/// Win32_QuickFixEngineering properties, optionally after a `#TYPE` line.
enum QFECSV {
    static func parse(_ text: String, file: String) throws -> [InventorySnapshot] {
        var rows = CSV(text).rows
        if let first = rows.first, first.fields.first?.hasPrefix("#TYPE") == true { rows.removeFirst() }
        guard let header = rows.first else { return [] }
        let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
        let records = rows.dropFirst().map { row in
            var values: [String: String] = [:]
            for (name, value) in zip(names, row.fields) { values[name] = value.trimmingWhitespace() }
            return QFERow(line: row.line, values: values)
        }
        return try QFERow.snapshots(records, format: .qfeCSV, file: file)
    }
}
