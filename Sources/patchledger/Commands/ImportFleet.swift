import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerKit

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
            let summary = try FleetImporter().run(path: path, into: try ledger.open())
            ImportOutput(quiet: quiet).print(lines: [], summary: summary, warnings: [])
        }
    }
}
