import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerStore

@main
struct PatchLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patchledger",
        abstract: "Update-compliance ledger for fleets of Windows VMs.",
        subcommands: [
            Import.self, Fetch.self, Catalog.self, VMs.self, Scan.self, Lag.self, DriftCommand.self, Report.self,
            Demo.self,
        ]
    )

    static let toolVersion = "0.5.0"

    @Flag(help: "Print the tool's version, the ledger schema it writes, and the newest catalog document held.")
    var version = false

    @OptionGroup var ledger: LedgerOptions

    /// Options every subcommand takes, given before it (`patchledger --db X scan`), are passed on to it.
    static func main() async {
        await main(GlobalOptions.passedToSubcommand(Array(CommandLine.arguments.dropFirst())))
    }

    func run() async throws {
        guard version else { throw CleanExit.helpRequest(self) }
        let schema = Ledger.schemaVersion
        print("patchledger \(Self.toolVersion)")
        print("ledger schema \(schema.number) (\(schema.name))")
        let path = ledger.path
        guard FileManager.default.fileExists(atPath: path) else {
            print("catalog: no ledger at \(path)")
            return
        }
        let coverage = try exitingOnError { try ledger.openExisting().catalogCoverage() }
        if let newest = coverage.newestRelease {
            print("catalog: newest document \(coverage.newestDocument ?? "-"), released \(newest) (\(path))")
        } else {
            print("catalog: none in \(path)")
        }
    }
}
