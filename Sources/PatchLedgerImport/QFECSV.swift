import PatchLedgerCore

/// `wmic qfe list full /format:csv` and `Get-HotFix | Export-Csv`: CSV with columns named after
/// Win32_QuickFixEngineering properties, optionally after a `#TYPE` line.
enum QFECSV {
    static func parse(_ text: String, file: String) throws -> [InventorySnapshot] {
        var reader = Reader(file: file)
        for row in CSV(text).rows { try reader.add(row) }
        return reader.snapshots
    }

    /// Takes the file's rows one at a time, in order.
    struct Reader {
        private var names: [String]?
        private var first = true
        private var hosts: QFEHosts

        init(file: String) {
            hosts = QFEHosts(format: .qfeCSV, file: file)
        }

        var snapshots: [InventorySnapshot] { hosts.snapshots }

        mutating func add(_ row: CSV.Row) throws {
            defer { first = false }
            if first, row.fields.first?.hasPrefix("#TYPE") == true { return }
            guard let names else {
                self.names = row.fields.map { $0.trimmingWhitespace().lowercased() }
                return
            }
            var values: [String: String] = [:]
            for (name, value) in zip(names, row.fields) { values[name] = value.trimmingWhitespace() }
            try hosts.add(QFERow(line: row.line, values: values))
        }
    }
}
