/// The figures at the top of the report (its tiles), computed once so that the page and `report --format json`
/// say the same: how much of the fleet passes, what is most urgent, and whether the answer can be trusted.
public struct ReportHeadline: Sendable, Codable, Equatable {
    public var compliant: Int
    public var scanned: Int
    /// Of the scanned VMs, rounded to a whole percent.
    public var compliantPercent: Int
    public var exposedToExploited: Int
    /// Non-compliant VMs whose worst missing update is critical.
    public var missingCritical: Int
    /// Over the non-compliant VMs: the age of each one's oldest missing update.
    public var medianPatchAgeDays: Int?
    public var worstPatchAgeDays: Int?
    public var staleImages: Int
    /// VMs never scanned by the day, or whose latest scan is older than `maxScanAgeDays`.
    public var noRecentScan: [String]
    public var maxScanAgeDays: Int
    /// The catalog's newest document (`2026-Mar`) and update release, its age on the day, and the months it lacks.
    public var catalogNewestDocument: String?
    public var catalogNewestRelease: String?
    public var catalogAgeDays: Int?
    public var catalogMissingMonths: [String]

    public init(
        scan: FleetScan, lag: ImageLag, coverage: CatalogCoverage, asOf: CalendarDate, maxScanAgeDays: Int
    ) {
        let summary = scan.summary
        compliant = summary.compliant
        scanned = summary.scanned
        compliantPercent =
            summary.scanned == 0 ? 0 : Int((Double(summary.compliant * 100) / Double(summary.scanned)).rounded())
        exposedToExploited = summary.exposedToExploited
        missingCritical = summary.nonCompliant[Severity.critical.description.lowercased()] ?? 0
        let ages = scan.vms.compactMap(\.oldestMissingDays)
        medianPatchAgeDays = ages.map(Double.init).median.map { Int($0.rounded()) }
        worstPatchAgeDays = ages.max()
        staleImages = lag.images.filter(\.stale).count
        let oldest = asOf.daysSinceEpoch - maxScanAgeDays
        let stale = scan.vms.filter { vm in
            guard let scannedAt = vm.scannedAt, let day = CalendarDate(parsing: scannedAt.prefix(10)) else {
                return false
            }
            return day.daysSinceEpoch < oldest
        }
        noRecentScan = (summary.noScan + stale.map(\.vm)).sorted()
        self.maxScanAgeDays = maxScanAgeDays
        catalogNewestDocument = coverage.newestDocument
        catalogNewestRelease = coverage.newestRelease?.description
        catalogAgeDays = coverage.age(on: asOf)
        catalogMissingMonths = coverage.missingMonths.map(\.description)
    }
}
