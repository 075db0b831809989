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
