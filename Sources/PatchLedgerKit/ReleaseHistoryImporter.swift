import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerStore

/// `import builds`: release-history files into the ledger, each file one transaction.
public struct ReleaseHistoryImporter {
    /// The product line of every release (`--product`), else each file says or implies its own.
    public var product: String?

    public init(product: String? = nil) {
        self.product = product
    }

    public struct Report {
        /// One line per file: its releases, their lines, how many were added, changed (corrected) and unchanged.
        public var lines: [String] = []
        public var files = 0
        public var added = 0
        public var changed = 0
        public var unchanged = 0

        public var summary: String {
            "\(files) files: \(added) releases added, \(changed) changed, \(unchanged) unchanged"
        }
    }

    public func run(paths: [String], into ledger: Ledger) throws -> Report {
        var report = Report()
        for url in try InventoryReader.files(in: paths) {
            let name = url.relativePath
            let releases = try ReleaseHistoryReader.read(url, displayName: name, product: product)
            let counts = try ledger.importReleases(releases, path: name)
            var productLines: [String] = []
            for release in releases where !productLines.contains(release.line) { productLines.append(release.line) }
            report.lines.append(
                "\(name): \(releases.count) releases of \(productLines.joined(separator: ", ")): "
                    + "\(counts.added) added, \(counts.changed) changed, \(counts.unchanged) unchanged")
            report.files += 1
            report.added += counts.added
            report.changed += counts.changed
            report.unchanged += counts.unchanged
        }
        return report
    }
}
