import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerGenerators
import PatchLedgerImport
import PatchLedgerStore

@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patchledger-bench",
        abstract: """
            Measure the patchledger beside this binary (same build folder: use -c release) beside a baseline run on \
            the same data in the same run.
            """,
        subcommands: [
            BenchCatalog.self, BenchInventory.self, BenchScan.self, BenchLag.self, BenchHistory.self, BenchDigest.self,
            BenchCabinet.self,
        ],
        defaultSubcommand: BenchCatalog.self)
}
