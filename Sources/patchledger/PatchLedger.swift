import ArgumentParser

@main
struct PatchLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patchledger",
        abstract: "Update-compliance ledger for fleets of Windows VMs.",
        subcommands: [
            Import.self, Catalog.self, VMs.self, Scan.self, Lag.self, DriftCommand.self, Report.self, Demo.self,
            Bench.self,
        ]
    )
}
