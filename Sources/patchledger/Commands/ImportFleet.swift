import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerImport

struct ImportFleet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Import a fleet manifest: a CSV (vm,group,image,deployed_at,build) or `az vm list` JSON."
    )

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: ArgumentHelp(stringLiteral: ImportOutput.quietHelp))
    var quiet = false

    @Argument(help: "The manifest file.")
    var path: String

    func run() async throws {
        try exitingOnError {
            let entries = try FleetManifestReader.read(URL(fileURLWithPath: path), displayName: path)
            let counts = try ledger.open().importFleet(entries, path: path)
            ImportOutput(quiet: quiet).print(
                lines: [], summary: "\(path): \(entries.count) VMs: \(counts.added) added, \(counts.updated) updated",
                warnings: [])
        }
    }
}
