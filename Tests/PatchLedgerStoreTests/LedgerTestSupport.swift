import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import PatchLedgerStore

enum TestData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let catalogs = root.appendingPathComponent("catalogs/msrc")
    static let fixtures = root.appendingPathComponent("Tests/PatchLedgerImportTests/Resources")
    static let sharedMSRC: URL? = {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/data/msrc")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static func xmlFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }
}

extension Ledger {
    /// Reads and applies CVRF files through `import catalog`'s entry point: all in one transaction, every run
    /// logged in `import_log`.
    @discardableResult
    func importCVRF(_ urls: [URL]) throws -> [ImportSummary] {
        try CatalogImporter(format: .msrcCVRF, progress: NoProgress()).run(paths: urls.map(\.path), into: self)
            .summaries
    }
}

extension InventoryImport {
    /// `add` with the snapshot's fingerprint computed here, as the importer computes it off the writer's thread.
    func add(_ snapshot: InventorySnapshot, sourcePath: String, sha256: String) throws -> Outcome {
        try add(snapshot, fingerprint: snapshot.fingerprint, sourcePath: sourcePath, sha256: sha256)
    }
}
