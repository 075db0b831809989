import ArgumentParser
import Foundation
import PatchLedgerCLI
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

    @Option(help: "A VM whose latest scan is older than this many days before the report day is a problem.")
    var maxScanAge = ReportWriter.defaultMaxScanAge

    func validate() throws {
        guard html != nil || output.format != .table else {
            throw ValidationError("give --html FILE for the page, or --format json or csv for its figures")
        }
    }

    func run() async throws {
        try await exitingOnError {
            let ledger = try ledger.openExisting()
            let progress = Progress(quiet: false)
            let writer = ReportWriter(asOf: asOf ?? CalendarDate.today(), maxScanAge: maxScanAge, progress: progress)
            let parts = try await writer.gather(ledger)
            progress.finish()
            if let html {
                let page = parts.page
                guard FileManager.default.createFile(atPath: html, contents: Data(page.utf8)) else {
                    throw ValidationFailure(
                        "\(html): cannot write the report (does its folder exist, and is it writable?)")
                }
            }
            switch output.format {
            case .table: print(html ?? "")
            case .json:
                print(try JSONOutput.render(parts.figures), terminator: "")
            case .csv: print(ScanRenderer.csv(parts.scan), terminator: "")
            }
        }
    }
}

/// `report --format json`: the figures the page shows (README, "Commands").
struct ReportFigures: Encodable {
    var asOf: String
    var headline: ReportHeadline
    var summary: FleetScan.Summary
    var fleet: Drift.Fleet
    var lag: ImageLag
    var problems: [String]
}

/// Gathers a scan, the last 30 days of drift and the image lag into the HTML report.
struct ReportWriter {
    var asOf: CalendarDate
    var maxScanAge = Self.defaultMaxScanAge
    var progress: Progress?

    static let defaultMaxScanAge = 7

    /// What the page and `report --format json` show.
    struct Parts {
        var scan: FleetScan
        var drift: Drift
        var lag: ImageLag
        var headline: ReportHeadline
        /// What cannot be judged, as `GateOptions.problems` says it (also warned on stderr).
        var problems: [String]
        var open: OpenFindings

        var page: String {
            HTMLReport.render(scan: scan, drift: drift, lag: lag, headline: headline, problems: problems, open: open)
        }

        /// `report --format json`.
        var figures: ReportFigures {
            ReportFigures(
                asOf: scan.asOf, headline: headline, summary: scan.summary, fleet: drift.fleet, lag: lag,
                problems: problems)
        }
    }

    func render(_ ledger: Ledger) async throws -> String {
        try await gather(ledger).page
    }

    func gather(_ ledger: Ledger) async throws -> Parts {
        progress?.step("report: reading the fleet and the catalog, evaluating")
        // One load of the fleet and the catalog serves the scan and the image lag.
        let inputs = try ScanInputs.load(
            ledger, policy: .init(classifications: Classification.scannedByDefault, asOf: asOf))
        let scan = await FleetScan.scan(targets: inputs.targets, engine: inputs.engine)
        let lag = ImageLag(targets: inputs.targets, engine: inputs.engine, history: inputs.history, maxDays: 30)
        progress?.step("report: findings and drift of the last 30 days")
        try ledger.refreshFindings()
        let since = CalendarDate(daysSinceEpoch: asOf.daysSinceEpoch - 30)
        let histories = try ledger.driftHistories(since: since, until: asOf)
        let drift = Drift(histories: histories, since: since, until: asOf)
        let coverage = try ledger.catalogCoverage()
        let problems = GateOptions.problems(
            coverage: coverage, asOf: asOf, products: scan.vms.compactMap(\.product),
            unknownProduct: scan.summary.unknownProduct, noScan: scan.summary.noScan)
        problems.forEach { printError("warning: \($0)") }
        let headline = ReportHeadline(
            scan: scan, lag: lag, coverage: coverage, asOf: asOf, maxScanAgeDays: maxScanAge)
        return Parts(
            scan: scan, drift: drift, lag: lag, headline: headline, problems: problems,
            open: OpenFindings(histories, asOf: asOf))
    }
}
