import Foundation
import PatchLedgerCore
import PatchLedgerReport
import Testing

/// The scan JSON writes most of an update from pieces encoded once: what it writes must still be what
/// `MissingUpdate` says, member for member, whatever members are absent.
@Suite struct ScanJSONTests {
    @Test func updatesWithAndWithoutDatesRenderEveryMemberOfTheirMissingUpdate() async throws {
        let undated = CatalogUpdate(
            kb: KB(4_535_680), classification: Classification.securityUpdates, kind: .other,
            cves: [CVEFix(cve: "CVE-2020-0689", severity: .important)])
        let dated = CatalogUpdate(
            kb: KB(5_028_168), title: "2023-07 Cumulative Update", classification: Classification.securityUpdates,
            subtype: "Security Update", kind: .cumulative, severity: .critical,
            released: CalendarDate(parsing: "2023-07-11"),
            restartRequired: true, cves: [CVEFix(cve: "CVE-2023-32046", severity: .critical)])
        let engine = ComplianceEngine(
            catalogs: [ProductCatalog(product: "Windows Server 2019", updates: [undated, dated])],
            supersedence: Supersedence(edges: [KB(5_028_168): [KB(5_027_222)]]),
            policy: .init(
                classifications: [Classification.securityUpdates],
                asOf: try #require(CalendarDate(parsing: "2023-08-01"))))
        let scan = await FleetScan.scan(
            targets: [
                ScanTarget(
                    vm: "web-01", product: "Windows Server 2019", version: OSVersion(parsing: "10.0.17763"),
                    scannedAt: "2023-08-01T00:00:00Z", installed: [])
            ], engine: engine)
        let text = await ScanJSON.render(scan)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let vm = try #require((document["vms"] as? [[String: Any]])?.first)
        let written = try #require(vm["missing"] as? [[String: Any]])
        let expected = try JSONSerialization.jsonObject(with: JSONEncoder().encode(scan.vms[0].missing))
        #expect(NSArray(array: written).isEqual(expected))
        #expect(written.map { $0["kb"] as? String } == ["KB5028168", "KB4535680"])
        #expect(written.last?["ageDays"] == nil)
        #expect(written.first?["supersedes"] as? [String] == ["KB5027222"])
    }
}
