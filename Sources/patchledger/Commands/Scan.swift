import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import PatchLedgerReport

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

    @Flag(help: "Only report updates that close a CVE MSRC marks exploited.") var exploited = false

    @Option(
        help: """
            Accepted risks: KBs or CVEs with a reason, per VM, group or everywhere, optionally until a day \
            (default: ./.patchledgerignore when present). Ignored updates are listed apart, not failed on.
            """)
    var ignore: String?

    @Option(
        help: "Evaluate as of this day: the newest snapshot and the updates released on or before it (default: today).",
        transform: ArgumentValue.date)
    var asOf: CalendarDate?

    @Option(
        help: """
            Exit 1 when a VM misses an update at or above: critical, important, moderate, low, any; or when \
            something cannot be judged (no catalog, unknown product, no scan, stale catalog) without \
            --allow-unknown.
            """)
    var failOn: FailOn?

    @OptionGroup var gate: GateOptions

    @Option(
        help: """
            Say, per VM, why this KB is or is not in the answer (installed, replaced by, covered by, to install,             not applicable), instead of the scan.
            """,
        transform: ArgumentValue.kb)
    var explain: KB?

    func run() async throws {
        let day = asOf ?? CalendarDate.today()
        if let explain {
            try exitingOnError {
                let answers = try FleetScanner(policy: policy(asOf: day)).explain(
                    explain, on: ledger.openExisting(),
                    selection: FleetSelection(vm: vm, group: group, product: product))
                for (vm, why) in answers { print("\(vm): \(explain): \(why)") }
            }
            return
        }
        let (scan, coverage) = try await exitingOnError {
            let ledger = try ledger.openExisting()
            let progress = Progress(quiet: false)
            defer { progress.finish() }
            progress.step("scan: reading the fleet and the catalog, evaluating")
            let coverage = try ledger.catalogCoverage()
            if !coverage.classifications.isEmpty {
                for value in classification {
                    try FleetSelection.check("--classification", value, known: coverage.classifications)
                }
            }
            let policy = policy(asOf: day)
            let accepted = try ignoreList()
            for entry in accepted.expired(on: day) {
                printError(
                    "warning: \(entry.position): \(entry.key) expired on \(entry.until.map { "\($0)" } ?? "?"): "
                        + "no longer ignored")
            }
            let scan = try await FleetScanner(policy: policy).run(
                on: ledger, selection: FleetSelection(vm: vm, group: group, product: product),
                filter: FleetScan.Filter(
                    minimumSeverity: minSeverity, olderThanDays: olderThan, exploitedOnly: exploited),
                ignore: accepted.active(on: day))
            return (scan, coverage)
        }
        switch output.format {
        case .table: print(Style.severities(TextTable.fit(ScanRenderer.table(scan))), terminator: "")
        case .json: await ScanJSON.write(scan, to: StandardOutput.write)
        case .csv: ScanRenderer.writeCSV(scan, to: StandardOutput.write)
        }
        let problems = gate.problems(
            coverage: coverage, asOf: day, products: scan.vms.compactMap(\.product),
            unknownProduct: scan.summary.unknownProduct, noScan: scan.summary.noScan, vms: scan.vms.count)
        try gate.report(problems, gating: failOn != nil)
        if let failOn, scan.hasFindings(atOrAbove: failOn.severity) { throw ExitCode(1) }
    }
}

extension Scan {
    func policy(asOf day: CalendarDate) -> ComplianceEngine.Policy {
        ComplianceEngine.Policy(
            classifications: classification.isEmpty ? Classification.scannedByDefault : Set(classification), asOf: day)
    }

    /// `--ignore FILE` (which must exist), else `.patchledgerignore` in the current folder when there is one.
    func ignoreList() throws -> IgnoreList {
        let path =
            ignore ?? (FileManager.default.fileExists(atPath: Self.defaultIgnoreFile) ? Self.defaultIgnoreFile : nil)
        guard let path else { return IgnoreList() }
        return try IgnoreFileReader.read(URL(fileURLWithPath: path), displayName: path)
    }

    static let defaultIgnoreFile = ".patchledgerignore"
}
