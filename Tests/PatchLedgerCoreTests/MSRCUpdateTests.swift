import Testing

@testable import PatchLedgerCore

@Suite struct MSRCUpdateTests {
    func fact(
        _ document: String, _ date: String, _ cve: String, _ kb: Int, product: String = "Windows Server 2016",
        fixedBuild: String? = nil, supersedes: [String] = []
    ) -> RemediationFact {
        RemediationFact(
            documentKey: document, documentReleased: CalendarDate(parsing: date), cve: cve, kb: KB(kb),
            productName: product, subtype: "Security Update", restartRequired: true, fixedBuild: fixedBuild,
            supersedes: supersedes)
    }

    @Test func releaseIsTheMonthListingTheKBAgainstTheMostCVEs() throws {
        // The January document re-lists February's KB for one CVE; February lists it for three.
        let facts = [
            fact("2018-Jan", "2018-01-09", "CVE-1", 4_074_590),
            fact("2018-Feb", "2018-02-13", "CVE-2", 4_074_590),
            fact("2018-Feb", "2018-02-13", "CVE-3", 4_074_590),
            fact("2018-Feb", "2018-02-13", "CVE-4", 4_074_590, supersedes: ["KB4056890"]),
        ]
        let update = try #require(MSRCUpdate(kb: KB(4_074_590), facts: facts))
        #expect(update.releaseDocumentKey == "2018-Feb")
        #expect(update.released?.description == "2018-02-13")
        #expect(update.supersedes == ["KB4056890"])
        #expect(update.title == "2018-02 Security Update for Windows Server 2016 (KB4074590)")
    }

    @Test func tiesGoToTheEarlierMonthWhateverTheOrder() throws {
        let facts = [
            fact("2023-Aug", "2023-08-08", "CVE-2", 1_000_001), fact("2023-Jul", "2023-07-11", "CVE-1", 1_000_001),
        ]
        #expect(MSRCUpdate(kb: KB(1_000_001), facts: facts)?.releaseDocumentKey == "2023-Jul")
        #expect(MSRCUpdate(kb: KB(1_000_001), facts: facts.reversed())?.releaseDocumentKey == "2023-Jul")
    }

    @Test func fixedBuildComesFromTheReleaseDocumentFirst() throws {
        let facts = [
            fact(
                "2023-Jul", "2023-07-11", "CVE-1", 5_028_168, product: "Windows Server 2019",
                fixedBuild: "10.0.17763.4645"),
            fact(
                "2023-Jul", "2023-07-11", "CVE-2", 5_028_168, product: "Windows Server 2019",
                fixedBuild: "10.0.17763.4645"),
            fact(
                "2023-Aug", "2023-08-08", "CVE-3", 5_028_168, product: "Windows Server 2019",
                fixedBuild: "10.0.17763.9999"),
        ]
        let update = try #require(MSRCUpdate(kb: KB(5_028_168), facts: facts))
        #expect(update.products == ["Windows Server 2019": "10.0.17763.4645"])
    }

    @Test func serverCoreAliasesToItsBaseProduct() {
        #expect(ProductName.base("Windows Server 2016  (Server Core installation)") == "Windows Server 2016")
        #expect(
            ProductName.aliases("Windows Server 2016  (Server Core installation)") == [
                "Windows Server 2016 (Server Core installation)", "Windows Server 2016  (Server Core installation)",
                "Windows Server 2016",
            ])
    }
}
