import Foundation
import PatchLedgerCore
import PatchLedgerImport

/// Everything done to an inventory file before the ledger sees it: read, complete from the command line
/// and the file's context, fingerprint. Independent per file, so it runs off the writer's thread.
struct InventoryPreparation: Sendable {
    /// One file, ready to store.
    struct Prepared: Sendable {
        var file: String
        var sha256: String
        var snapshots: [(snapshot: InventorySnapshot, fingerprint: String)]
        var warnings: [String]
    }

    var format: InventoryFormat?
    var vm: String?
    var scannedAt: Timestamp?
    var osName: String?
    var version: OSVersion?
    var architecture: Architecture?

    func prepare(_ url: URL) -> Result<Prepared, Error> {
        Result {
            let name = url.relativePath
            let read = try InventoryReader.read(url, displayName: name, format: format)
            let defaults = defaults(for: url)
            var prepared = Prepared(
                file: name, sha256: read.sha256, snapshots: [], warnings: read.diagnostics.map(\.description))
            for snapshot in read.snapshots {
                let (completed, note) = snapshot.completed(with: defaults)
                if let note { prepared.warnings.append("\(name): \(note)") }
                prepared.snapshots.append((completed, completed.fingerprint))
            }
            return prepared
        }
    }

    /// The command line's facts, else the file's name (without extension) and modification time.
    private func defaults(for url: URL) -> SnapshotDefaults {
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
}
