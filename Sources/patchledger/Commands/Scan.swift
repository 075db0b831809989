import ArgumentParser
import Foundation
import PatchLedgerCore
import PatchLedgerReport

extension Severity: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute what each VM must install: missing critical and security updates, fleet-wide.",
        discussion: """
            Evaluates each VM's latest snapshot (as of --as-of) against the catalog: supersedence-, build- and \
            servicing-aware, folded into the updates to install. See README, "Scan".
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Only this VM.") var vm: String?
    @Option(help: "Only VMs of this group.") var group: String?
    @Option(help: "Only VMs of this product.") var product: String?

    @Option(help: "Classifications that count (repeatable; default: Critical Updates and Security Updates).")
    var classification: [String] = []

    @Option(help: "Only report missing updates at or above: low, moderate, important, critical.")
    var minSeverity: Severity?

    @Option(help: "Only report missing updates older than this many days.") var olderThan: Int?

    @Option(
        help: "Evaluate as of this day: the newest snapshot and the updates released on or before it (default: today).",
        transform: ArgumentValue.date)
    var asOf: CalendarDate?

    @Option(help: "Exit 1 when a VM misses an update at or above: critical, important, moderate, low, any.")
    var failOn: FailOn?

    func run() async throws {
        let scan = try await exitingOnError {
            let policy = ComplianceEngine.Policy(
                classifications: classification.isEmpty ? Classification.scannedByDefault : Set(classification),
                asOf: asOf ?? CalendarDate.today())
            return try await FleetScanner(policy: policy).run(
                on: try ledger.open(), vm: vm, group: group, product: product,
                filter: FleetScan.Filter(minimumSeverity: minSeverity, olderThanDays: olderThan))
        }
        switch output.format {
        case .table: print(ScanRenderer.table(scan), terminator: "")
        case .json: await ScanJSON.write(scan, to: StandardOutput.write)
        case .csv: print(ScanRenderer.csv(scan), terminator: "")
        }
        if let failOn, scan.hasFindings(atOrAbove: failOn.severity) { throw ExitCode(1) }
    }
}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case critical, important, moderate, low, any

    var severity: Severity? { Severity(parsing: rawValue) }
}
