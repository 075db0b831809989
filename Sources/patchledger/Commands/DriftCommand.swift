import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerKit
import PatchLedgerReport
import PatchLedgerStore

struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "What changed between scans, time-to-fix, the fleet's compliance trend and odd ones out.",
        discussion: "See README, \"Drift\". --catalog shows what each catalog import of the window brought instead.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Only this VM.") var vm: String?
    @Option(help: "Only VMs of this group.") var group: String?
    @Option(
        help: "Start of the window (default: each VM's last two scans, 30 days for the fleet).",
        transform: ArgumentValue.date)
    var since: CalendarDate?
    @Option(help: "End of the window (default: today).", transform: ArgumentValue.date) var until: CalendarDate?
    @Flag(help: "Show catalog drift: the imports of the window and what they added or changed.") var catalog = false

    func run() async throws {
        try exitingOnError {
            let ledger = try ledger.openExisting()
            let end = until ?? CalendarDate.today()
            if catalog {
                let start = since ?? CalendarDate(daysSinceEpoch: end.daysSinceEpoch - 30)
                let changes = try ledger.catalogChanges(from: start, to: end)
                switch output.format {
                case .table: print(TextTable.fit(CatalogRenderer.table(changes).render()), terminator: "")
                case .json: print(try JSONOutput.render(["imports": changes]), terminator: "")
                case .csv: print(CatalogRenderer.table(changes).renderCSV(), terminator: "")
                }
                return
            }
            let (drift, unknown) = try DriftReporter(vm: vm, group: group, since: since, until: end).run(on: ledger)
            GateOptions.problems(coverage: try ledger.catalogCoverage(), asOf: end, unknownProduct: unknown).forEach {
                printError("warning: \($0)")
            }
            switch output.format {
            case .table: print(Style.severities(TextTable.fit(DriftRenderer.table(drift))), terminator: "")
            case .json: print(try JSONOutput.render(drift), terminator: "")
            case .csv: print(DriftRenderer.csv(drift), terminator: "")
            }
        }
    }
}
