import PatchLedgerCore

/// `report --format json`: the figures the page shows (README, "Commands").
public struct ReportFigures: Encodable {
    public init(
        asOf: String, headline: ReportHeadline, summary: FleetScan.Summary, fleet: Drift.Fleet, lag: ImageLag,
        problems: [String]
    ) {
        self.asOf = asOf
        self.headline = headline
        self.summary = summary
        self.fleet = fleet
        self.lag = lag
        self.problems = problems
    }

    public var asOf: String
    public var headline: ReportHeadline
    public var summary: FleetScan.Summary
    public var fleet: Drift.Fleet
    public var lag: ImageLag
    public var problems: [String]
}
