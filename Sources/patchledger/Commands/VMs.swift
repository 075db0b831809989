import ArgumentParser
import PatchLedgerCLI
import PatchLedgerReport

struct VMs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vms",
        abstract: "List VMs with their latest scan, product, build, KB count, group and image."
    )

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try exitingOnError {
            let vms = try ledger.openExisting().vms()
            switch output.format {
            case .table: print(TextTable.fit(FleetRenderer.table(vms).render()), terminator: "")
            case .json: print(try JSONOutput.render(["vms": vms]), terminator: "")
            case .csv: print(FleetRenderer.table(vms, fullKBs: true).renderCSV(), terminator: "")
            }
        }
    }
}
