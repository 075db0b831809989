import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerStore

/// Wires the inventory readers to the ledger: all files of one run go into one transaction.
struct InventoryImporter {
    struct Report {
        /// One line per snapshot read, for stdout.
        var lines: [String] = []
        var warnings: [String] = []
        /// Files skipped under `--keep-going`, with the reason.
        var failures: [String] = []
        var files = 0
        var added = 0
        var unchanged = 0

        var summary: String {
            "\(files) files: \(added) snapshots added, \(unchanged) unchanged, \(failures.count) files failed"
        }
    }

    var format: InventoryFormat?
    var vm: String?
    var scannedAt: Timestamp?
    var osName: String?
    var version: OSVersion?
    var architecture: Architecture?
    var keepGoing = false
    var progress: Progress

    /// - Throws: the first bad file's error unless `keepGoing`; then nothing of the run is written.
    func run(paths: [String], into ledger: Ledger) throws -> Report {
        let files = try InventoryReader.files(in: paths)
        var report = Report()
        if files.isEmpty { report.warnings.append("no files in \(paths.joined(separator: ", "))") }
        try ledger.importingInventory { session in
            for (index, url) in files.enumerated() {
                let name = url.relativePath
                progress.update(files: index, of: files.count, snapshots: report.added + report.unchanged)
                let result: InventoryReader.Result
                do {
                    result = try InventoryReader.read(url, displayName: name, format: format)
                } catch let error as ImportError where keepGoing {
                    report.failures.append(error.description)
                    continue
                }
                report.files += 1
                report.warnings += result.diagnostics.map(\.description)
                let defaults = try self.defaults(for: url)
                for snapshot in result.snapshots {
                    let (completed, note) = snapshot.completed(with: defaults)
                    if let note { report.warnings.append("\(name): \(note)") }
                    let outcome = try session.add(completed, sourcePath: name, sha256: result.sha256)
                    if outcome == .added { report.added += 1 } else { report.unchanged += 1 }
                    report.lines.append(Self.line(completed, file: name, outcome: outcome))
                }
            }
        }
        progress.finish()
        return report
    }

    /// The command line's facts, else the file's name (without extension) and modification time.
    private func defaults(for url: URL) throws -> SnapshotDefaults {
        var time = scannedAt
        if time == nil,
            let modified = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
        {
            time = Timestamp(secondsSinceEpoch: Int64(modified.timeIntervalSince1970.rounded(.down)))
        }
        return SnapshotDefaults(
            vm: vm ?? url.deletingPathExtension().lastPathComponent,
            scannedAt: time ?? Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), osName: osName,
            version: version, architecture: architecture)
    }

    private static func line(_ snapshot: InventorySnapshot, file: String, outcome: InventoryImport.Outcome) -> String {
        let os = snapshot.product ?? snapshot.osName ?? "no OS stated"
        let build = snapshot.version.map { " \($0)" } ?? ""
        return "\(file): \(snapshot.vm ?? "?") \(snapshot.scannedAt?.description ?? "?") \(snapshot.format), "
            + "\(os)\(build), \(snapshot.kbs.count) KBs: \(outcome.rawValue)"
    }
}
