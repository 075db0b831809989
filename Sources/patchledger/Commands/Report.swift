import ArgumentParser
import Foundation
import PatchLedgerCore
import PatchLedgerReport
import PatchLedgerStore

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report: trend, patch age, image lag, worst VMs, top missing updates.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The HTML file to write (else give --format json or csv for the report's figures on stdout).")
    var html: String?

    @Option(
        help: "Report as of this day (default: today).",
        transform: ArgumentValue.date)
    var asOf: CalendarDate?

    func validate() throws {
        guard html != nil || output.format != .table else {
            throw ValidationError("give --html FILE for the page, or --format json or csv for its figures")
        }
    }

    func run() async throws {
        try await exitingOnError {
            let ledger = try ledger.openExisting()
            let progress = Progress(quiet: false)
            let writer = ReportWriter(asOf: asOf ?? CalendarDate.today(), progress: progress)
            let parts = try await writer.gather(ledger)
            progress.finish()
            if let html {
                let page = HTMLReport.render(scan: parts.scan, drift: parts.drift, lag: parts.lag)
                guard FileManager.default.createFile(atPath: html, contents: Data(page.utf8)) else {
                    throw ValidationFailure(
                        "\(html): cannot write the report (does its folder exist, and is it writable?)")
                }
            }
            switch output.format {
            case .table: print(html ?? "")
            case .json:
                print(
                    try JSONOutput.render(
                        ReportFigures(
                            asOf: parts.scan.asOf, summary: parts.scan.summary, fleet: parts.drift.fleet, lag: parts.lag
                        )),
                    terminator: "")
            case .csv: print(ScanRenderer.csv(parts.scan), terminator: "")
            }
        }
    }
}

/// `report --format json`: the figures the page shows (README, "Commands").
struct ReportFigures: Encodable {
    var asOf: String
    var summary: FleetScan.Summary
    var fleet: Drift.Fleet
    var lag: ImageLag
}

/// Gathers a scan, the last 30 days of drift and the image lag into the HTML report.
struct ReportWriter {
    var asOf: CalendarDate
    var progress: Progress?

    func render(_ ledger: Ledger) async throws -> String {
        let parts = try await gather(ledger)
        return HTMLReport.render(scan: parts.scan, drift: parts.drift, lag: parts.lag)
    }

    /// The scan, the last 30 days of drift and the image lag, as of `asOf`.
    func gather(_ ledger: Ledger) async throws -> (scan: FleetScan, drift: Drift, lag: ImageLag) {
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
            coverage: try ledger.catalogCoverage(), asOf: asOf, products: scan.vms.compactMap(\.product),
            unknownProduct: scan.summary.unknownProduct, noScan: scan.summary.noScan
        ).forEach { printError("warning: \($0)") }
        return (scan, drift, lag)
    }
}
