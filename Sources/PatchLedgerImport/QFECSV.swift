import PatchLedgerCore

/// `wmic qfe list full /format:csv` and `Get-HotFix | Export-Csv`: CSV with columns named after
/// Win32_QuickFixEngineering properties, optionally after a `#TYPE` line.
enum QFECSV {
    static func parse(_ text: String, file: String) throws -> [InventorySnapshot] {
        var reader = Reader(file: file)
        let csv = CSV(text)
        for row in csv.rows { try reader.add(row) }
        try reader.finish(unclosedQuote: csv.unclosedQuote)
        return reader.snapshots
    }

    /// Takes the file's rows one at a time, in order.
    struct Reader {
        private var header: CSV.Row?
        private var names: [String]?
        private var first = true
        private var hosts: QFEHosts
        private let file: String

        init(file: String) {
            self.file = file
            hosts = QFEHosts(format: .qfeCSV, file: file)
        }

        /// After the last row: refuses a quote that never closed.
        func finish(unclosedQuote: CSV.OpenQuote?) throws {
            try CSV.check([], header: header, unclosedQuote: unclosedQuote, file: file)
        }

        var snapshots: [InventorySnapshot] { hosts.snapshots }

        mutating func add(_ row: CSV.Row) throws {
            defer { first = false }
            if first, row.fields.first?.hasPrefix("#TYPE") == true { return }
            guard let names, let header else {
                self.header = row
                self.names = row.fields.map { $0.trimmingWhitespace().lowercased() }
                return
            }
            try CSV.check([row], header: header, unclosedQuote: nil, file: file)
            var values: [String: String] = [:]
            for (name, value) in zip(names, row.fields) { values[name] = value.trimmingWhitespace() }
            try hosts.add(QFERow(line: row.line, values: values))
        }
    }
}
