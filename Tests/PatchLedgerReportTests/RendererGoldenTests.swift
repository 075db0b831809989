import Foundation
import PatchLedgerCore
import PatchLedgerKit
import PatchLedgerReport
import PatchLedgerStore
import PatchLedgerTestSupport
import Testing

/// Every table, CSV and JSON the renderers give for the demo ledger (`catalogs/`, built through the use cases the
/// commands call), and the HTML report, against the files under `Golden/`: a change of output is seen and made
/// on purpose (`PATCHLEDGER_UPDATE_GOLDEN=1 swift test`).
@Suite struct RendererGoldenTests {
    static let golden = GoldenFiles(
        folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"))
    static let catalogs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("catalogs").path
    static let first = CalendarDate(daysSinceEpoch: 19_597)  // 2023-08-28
    static let day = CalendarDate(daysSinceEpoch: 19_604)  // 2023-09-04

    /// The demo's ledger: catalogs, the manifest, the two dated scans, the release history.
    static func demoLedger() throws -> Ledger {
        let ledger = try Ledger.inMemory()
        _ = try CatalogImporter(format: nil, progress: NoProgress()).run(paths: ["\(catalogs)/msrc"], into: ledger)
        _ = try FleetImporter().run(path: "\(catalogs)/fleet/manifest.csv", into: ledger)
        for scanned in [first, day] {
            let importer = InventoryImporter(
                preparation: InventoryPreparation(scannedAt: Timestamp(scanned)), progress: NoProgress())
            _ = try importer.run(paths: ["\(catalogs)/fleet/scans/\(scanned)"], into: ledger)
        }
        _ = try ReleaseHistoryImporter().run(paths: ["\(catalogs)/builds"], into: ledger)
        return ledger
    }

    @Test func scanLagDriftFleetCatalogAndReportOutputsAreTheSavedOnes() async throws {
        let ledger = try Self.demoLedger()
        let policy = ComplianceEngine.Policy(classifications: Classification.scannedByDefault, asOf: Self.day)
        let scan = try await FleetScanner(policy: policy).run(on: ledger, filter: .init())
        try Self.golden.expect(ScanRenderer.table(scan), named: "scan.txt")
        try Self.golden.expect(ScanRenderer.csv(scan), named: "scan.csv")
        let scanJSON = await ScanJSON.render(scan)
        try Self.golden.expect(scanJSON, named: "scan.json")
        // The hand-written scan JSON says of the summary what its Codable form says (JSONOutput's promise).
        let document = try #require(try JSONSerialization.jsonObject(with: Data(scanJSON.utf8)) as? [String: Any])
        let summary = try JSONSerialization.jsonObject(with: JSONEncoder().encode(scan.summary))
        #expect(NSDictionary(dictionary: try #require(document["summary"] as? [String: Any])).isEqual(summary))

        let lag = try LagReporter(asOf: Self.day, maxDays: 30).run(on: ledger).lag
        try Self.golden.expect(LagRenderer.table(lag), named: "lag.txt")
        try Self.golden.expect(LagRenderer.csv(lag), named: "lag.csv")
        try Self.golden.expect(try JSONOutput.render(lag), named: "lag.json")

        let drift = try DriftReporter(since: Self.first, until: Self.day).run(on: ledger).drift
        try Self.golden.expect(DriftRenderer.table(drift), named: "drift.txt")
        try Self.golden.expect(DriftRenderer.csv(drift), named: "drift.csv")
        try Self.golden.expect(try JSONOutput.render(drift), named: "drift.json")

        try Self.golden.expect(FleetRenderer.table(try ledger.vms()).render(), named: "vms.txt")
        let stats = try ledger.catalogStats()
        try Self.golden.expect(CatalogRenderer.table(stats), named: "catalog-stats.txt")
        try Self.golden.expect(CatalogRenderer.csv(stats), named: "catalog-stats.csv")
        let kb = try #require(try ledger.newestCumulativeKB())
        try Self.golden.expect(CatalogRenderer.table(try ledger.update(kb)), named: "catalog-show.txt")
        try Self.golden.expect(CatalogRenderer.csv(try ledger.update(kb)), named: "catalog-show.csv")

        let parts = try await ReportWriter(asOf: Self.day).gather(ledger)
        try Self.golden.expect(try JSONOutput.render(parts.figures), named: "report.json")
        try Self.golden.expect(
            HTMLReport.render(
                scan: parts.scan, drift: parts.drift, lag: parts.lag, headline: parts.headline,
                problems: parts.problems, open: parts.open),
            named: "report.html")
    }
}
