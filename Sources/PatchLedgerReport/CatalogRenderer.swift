import PatchLedgerCore

/// Tables for the `catalog` commands.
public enum CatalogRenderer {
    public static func table(_ history: [ImportRecord]) -> TextTable {
        var table = TextTable(
            ["ID", "FINISHED", "FORMAT", "DOCUMENT", "OUTCOME", "ADDED", "CHANGED", "SAME", "REMOVED", "FILE"],
            rightAligned: [0, 5, 6, 7, 8])
        for record in history {
            let document = [record.documentKey, record.revision.map { "rev \($0)" }].compactMap { $0 }.joined(
                separator: " ")
            table.append([
                String(record.id), String(record.finishedAt.prefix(19)), record.format, document, record.outcome,
                String(record.added), String(record.changed), String(record.unchanged), String(record.removed),
                record.sourcePath,
            ])
        }
        return table
    }

    public static func table(_ stats: CatalogStats, top: Int = 15) -> String {
        var out =
            "\(stats.updates) updates, \(stats.cves) CVEs, \(stats.products) products, \(stats.documents) documents\n"
        if !stats.missingMonths.isEmpty {
            out +=
                "no MSRC document for \(stats.missingMonths.count) months between the first and the newest: "
                + stats.missingMonths.joined(separator: ", ") + "\n"
        }
        for (title, counts) in [
            ("SOURCE", stats.bySource), ("CLASSIFICATION", stats.byClassification), ("YEAR", stats.byYear),
            ("PRODUCT", Array(stats.byProduct.prefix(top))),
        ] {
            var table = TextTable([title, "UPDATES"], rightAligned: [1])
            for count in counts { table.append([count.key, String(count.updates)]) }
            out += "\n" + table.render()
        }
        if stats.byProduct.count > top { out += "(\(stats.byProduct.count - top) more products: use --format json)\n" }
        return out
    }

    /// `drift --catalog`: each import of the window and what it brought.
    public static func table(_ changes: [CatalogChange]) -> TextTable {
        var table = TextTable(
            ["FINISHED", "FILE", "DOCUMENT", "OUTCOME", "ADDED", "CHANGED", "REMOVED", "CVES", "RELEASES"],
            rightAligned: [4, 5, 6, 7])
        for change in changes {
            let record = change.importRecord
            table.append([
                String(record.finishedAt.prefix(19)), record.sourcePath,
                [record.documentKey, record.revision.map { "rev \($0)" }].compactMap { $0 }.joined(separator: " "),
                record.outcome, String(record.added), String(record.changed), String(record.removed),
                change.cves.map(String.init) ?? "", change.releases.joined(separator: " "),
            ])
        }
        return table
    }

    /// Every count of `stats` as one CSV table: dimension, key, updates.
    public static func csv(_ stats: CatalogStats) -> String {
        var table = TextTable(["DIMENSION", "KEY", "UPDATES"])
        for (dimension, counts) in [
            ("source", stats.bySource), ("classification", stats.byClassification), ("year", stats.byYear),
            ("product", stats.byProduct),
        ] {
            for count in counts { table.append([dimension, count.key, String(count.updates)]) }
        }
        return table.renderCSV()
    }

    public static func table(_ update: UpdateDetail) -> String {
        let lines = fields(update)
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(
            separator: "\n")
            + "\n"
    }

    public static func csv(_ update: UpdateDetail) -> String {
        var table = TextTable(["FIELD", "VALUE"])
        fields(update).forEach { table.append([$0.0, $0.1]) }
        return table.renderCSV()
    }

    private static func fields(_ update: UpdateDetail) -> [(String, String)] {
        var lines: [(String, String)] = [
            ("KB", update.kb), ("Title", update.title ?? ""), ("Classification", update.classification ?? ""),
            ("Subtype", update.subtype ?? ""), ("Severity", update.severity ?? ""), ("Released", update.released ?? ""),
            ("Restart", update.restartRequired.map { $0 ? "required" : "not required" } ?? "unknown"),
            ("Sources", update.sources.joined(separator: ", ")),
            ("Supersedes", update.supersedes.isEmpty ? "(none known)" : update.supersedes.joined(separator: " ")),
            (
                "Superseded by",
                update.supersededBy.isEmpty ? "(none known)" : update.supersededBy.joined(separator: " ")
            ),
            ("CVEs", "\(update.cves.count)" + (update.cves.isEmpty ? "" : ": " + update.cves.joined(separator: " "))),
        ]
        for product in update.products {
            let build = update.fixedBuilds.first { $0.product == product }?.build
            lines.append(("Product", product + (build.map { " (fixed build \($0))" } ?? "")))
        }
        return lines
    }
}
