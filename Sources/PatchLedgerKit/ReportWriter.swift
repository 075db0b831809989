import PatchLedgerCore
import PatchLedgerStore

/// Gathers a scan, the last 30 days of drift and the image lag into the HTML report.
public struct ReportWriter {
    public var asOf: CalendarDate
    public var maxScanAge = Self.defaultMaxScanAge
    public var progress: ProgressSink?

    public init(asOf: CalendarDate, maxScanAge: Int = Self.defaultMaxScanAge, progress: ProgressSink? = nil) {
        self.asOf = asOf
        self.maxScanAge = maxScanAge
        self.progress = progress
    }

    public static let defaultMaxScanAge = 7

    /// What the page and `report --format json` show.
    public struct Parts {
        public init(
            scan: FleetScan, drift: Drift, lag: ImageLag, headline: ReportHeadline, problems: [String],
            open: OpenFindings
        ) {
            self.scan = scan
            self.drift = drift
            self.lag = lag
            self.headline = headline
            self.problems = problems
            self.open = open
        }

        public var scan: FleetScan
        public var drift: Drift
        public var lag: ImageLag
        public var headline: ReportHeadline
        /// What cannot be judged, as `Unjudged.problems` says it (the caller warns of each).
        public var problems: [String]
        public var open: OpenFindings

        /// `report --format json`.
        public var figures: ReportFigures {
            ReportFigures(
                asOf: scan.asOf, headline: headline, summary: scan.summary, fleet: drift.fleet, lag: lag,
                problems: problems)
        }
    }

    public func gather(_ ledger: Ledger) async throws -> Parts {
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
        let problems = Unjudged.problems(
            coverage: coverage, asOf: asOf, products: scan.vms.compactMap(\.product),
            unknownProduct: scan.summary.unknownProduct, noScan: scan.summary.noScan, vms: scan.vms.count)
        let headline = ReportHeadline(
            scan: scan, lag: lag, coverage: coverage, asOf: asOf, maxScanAgeDays: maxScanAge)
        return Parts(
            scan: scan, drift: drift, lag: lag, headline: headline, problems: problems,
            open: OpenFindings(histories, asOf: asOf))
    }
}
