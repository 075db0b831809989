import ArgumentParser
import Foundation
import PatchLedgerCore
import PatchLedgerReport
import PatchLedgerStore

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report: trend, patch age, image lag, worst VMs, top missing updates.")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The HTML file to write.") var html: String

    @Option(
        help: "Report as of this day (default: today).",
        transform: ArgumentValue.date)
    var asOf: CalendarDate?

    func run() async throws {
        try await exitingOnError {
            let ledger = try ledger.openExisting()
            let progress = Progress(quiet: false)
            defer { progress.finish() }
            let page = try await ReportWriter(asOf: asOf ?? CalendarDate.today(), progress: progress).render(ledger)
            guard FileManager.default.createFile(atPath: html, contents: Data(page.utf8)) else {
                throw ValidationFailure("\(html): cannot write the report (does its folder exist, and is it writable?)")
            }
            print(html)
        }
    }
}

/// Gathers a scan, the last 30 days of drift and the image lag into the HTML report.
struct ReportWriter {
    var asOf: CalendarDate
    var progress: Progress?

    func render(_ ledger: Ledger) async throws -> String {
        progress?.step("report: reading the fleet and the catalog, evaluating")
        // One load of the fleet and the catalog serves the scan and the image lag.
        let inputs = try ScanInputs.load(
            ledger, policy: .init(classifications: Classification.scannedByDefault, asOf: asOf))
        let scan = await FleetScan.scan(targets: inputs.targets, engine: inputs.engine)
        let lag = ImageLag(targets: inputs.targets, engine: inputs.engine, history: inputs.history, maxDays: 30)
        progress?.step("report: findings and drift of the last 30 days")
        try ledger.refreshFindings()
        let drift = try Drift(
            ledger: ledger, since: CalendarDate(daysSinceEpoch: asOf.daysSinceEpoch - 30), until: asOf)
        GateOptions.problems(
            coverage: try ledger.catalogCoverage(), asOf: asOf, unknownProduct: scan.summary.unknownProduct,
            noScan: scan.summary.noScan
        ).forEach { printError("warning: \($0)") }
        return HTMLReport.render(scan: scan, drift: drift, lag: lag)
    }
}
