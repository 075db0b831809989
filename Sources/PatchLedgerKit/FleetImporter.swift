import Foundation
import PatchLedgerImport
import PatchLedgerStore

/// `import fleet`: a manifest (CSV or `az vm list` JSON) into the ledger, in one transaction.
public struct FleetImporter {
    public init() {}

    /// - Returns: the summary line (`manifest.csv: 5 VMs: 5 added, 0 updated`).
    public func run(path: String, into ledger: Ledger) throws -> String {
        let entries = try FleetManifestReader.read(URL(fileURLWithPath: path), displayName: path)
        let counts = try ledger.importFleet(entries, path: path)
        return "\(path): \(entries.count) VMs: \(counts.added) added, \(counts.updated) updated"
    }
}
