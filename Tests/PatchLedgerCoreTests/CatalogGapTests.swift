import Testing

@testable import PatchLedgerCore

/// Real archives lack months: the catalog says which, and which VMs' answers they may change.
@Suite struct CatalogGapTests {
    func month(_ id: String) throws -> CatalogMonth { try #require(CatalogMonth(documentID: id)) }
    func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(parsing: text)) }

    @Test func documentIDsNameMonthsInAnyLetterCase() throws {
        #expect(try month("2018-FEB") == CatalogMonth(year: 2018, month: 2))
        #expect(try month("2024-jul").description == "2024-Jul")
        #expect(CatalogMonth(documentID: "wsusscn2") == nil)
        #expect(CatalogMonth(documentID: "2024-Jul-B") == nil)
    }

    @Test func gapsAreTheMonthsBetweenTheFirstAndTheLastNotHeld() throws {
        let held = try ["2023-Nov", "2024-Feb", "2023-Dec", "2024-Jun"].map(month)
        #expect(CatalogMonth.gaps(in: held).map(\.description) == ["2024-Jan", "2024-Mar", "2024-Apr", "2024-May"])
        #expect(CatalogMonth.gaps(in: [] as [CatalogMonth]).isEmpty)
    }

    /// Windows 11 21H2 was serviced up to 2024-06 in the catalog when 2024-07 … 2024-12 are missing; Windows 7's
    /// updates ended long before; Server 2025 began after an older gap (2020-Mar).
    @Test func aRunOfMissingMonthsConcernsTheProductsServicedWhenItBegins() throws {
        let coverage = CatalogCoverage(
            classifications: [], hasUpdates: true, newestRelease: try day("2025-01-14"), newestDocument: "2025-Jan",
            missingMonths: try ["2020-Mar", "2024-Jul", "2024-Aug", "2024-Sep", "2024-Oct", "2024-Nov", "2024-Dec"]
                .map(month),
            releasesByProduct: [
                "Windows 11 version 21H2 for x64-based Systems": try day("2021-10-12")...day("2024-06-11"),
                "Windows 7 for x64-based Systems Service Pack 1": try day("2016-04-12")...day("2020-01-14"),
                "Windows Server 2025": try day("2024-11-12")...day("2025-01-14"),
                "Windows Server 2019": try day("2018-11-13")...day("2025-01-14"),
            ])
        let products = [
            "Windows 11 Version 21H2 for x64-based Systems", "Windows 7 for x64-based Systems Service Pack 1",
            "Windows Server 2025", "Windows Server 2019 (Server Core installation)", "Windows 95",
        ]
        let gaps = coverage.gaps(affecting: products, asOf: try day("2025-02-01"))
        #expect(
            gaps.products == [
                "Windows 11 Version 21H2 for x64-based Systems", "Windows Server 2019 (Server Core installation)",
                "Windows Server 2025",
            ])
        #expect(
            gaps.months.map(\.description) == ["2020-Mar"]
                + ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { "2024-\($0)" })
        // Windows 7: its last update came out two months before the 2020 gap. Alone, it is not concerned.
        #expect(coverage.gaps(affecting: [products[1]], asOf: try day("2025-02-01")).products.isEmpty)
        // A scan as of a day before a gap is not concerned by it.
        #expect(
            coverage.gaps(affecting: products, asOf: try day("2024-06-30")).months.map(\.description) == ["2020-Mar"])
    }
}
