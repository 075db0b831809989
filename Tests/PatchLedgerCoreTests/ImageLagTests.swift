import Testing

@testable import PatchLedgerCore

@Suite struct ImageVersionTests {
    @Test func aMarketplaceVersionGivesBuildUBRAndBuildDate() throws {
        let parsed = try ImageVersion.parse(
            image: "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.4645.230707", tags: [:]
        ).get()
        #expect(parsed.version.description == "10.0.17763.4645")
        #expect(parsed.buildDate?.description == "2023-07-07")
        #expect(parsed.osHint == "Windows Server")
    }

    @Test func theOlderTenDigitDateCarriesATime() throws {
        let parsed = try ImageVersion.parse(
            image: "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.1879.2104091832", tags: [:]
        ).get()
        #expect(parsed.version.description == "10.0.17763.1879")
        #expect(parsed.buildDate?.description == "2021-04-09")
    }

    @Test func customImagesTakeTheManifestsBuildAndDate() throws {
        let parsed = try ImageVersion.parse(
            image: "/subscriptions/x/galleries/ci/images/win2022-agent/versions/1.4.0",
            tags: ["image_build": "20348.1850", "image_date": "2023-07-14"]
        ).get()
        #expect(parsed.version.description == "10.0.20348.1850")
        #expect(parsed.buildDate?.description == "2023-07-14")
    }

    @Test(arguments: [
        ("MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest", "version 'latest' is not resolved"),
        ("MicrosoftWindowsServer:WindowsServer:2019-Datacenter:2019.0.20190410", "is not build.UBR.date"),
        ("my-golden-image-v3", "not a Marketplace URN"),
    ])
    func unknownShapesAreReportedNotGuessed(_ image: String, _ reason: String) {
        guard case .failure(let problem) = ImageVersion.parse(image: image, tags: [:]) else {
            Issue.record("\(image) parsed")
            return
        }
        #expect(problem.reason.contains(reason))
    }
}

/// Lag from real facts: Windows Server 2019 and 2016 cumulative updates, their FixedBuilds and release history.
@Suite struct ImageLagTests {
    static func date(_ text: String) -> CalendarDate? { CalendarDate(parsing: text) }

    static func cumulative(_ kb: Int, _ released: String, fixed: String? = nil, cves: [String] = []) -> CatalogUpdate {
        CatalogUpdate(
            kb: KB(kb), classification: Classification.securityUpdates, subtype: "Security Update", kind: .cumulative,
            released: date(released), fixedBuilds: fixed.flatMap { WindowsBuild(parsing: $0) }.map { [$0] } ?? [],
            cves: cves.map { CVEFix(cve: $0, severity: .critical) })
    }

    static let catalogs = [
        ProductCatalog(
            product: "Windows Server 2019",
            updates: [
                cumulative(5_027_222, "2023-06-13", fixed: "10.0.17763.4499", cves: ["CVE-2023-29363"]),
                cumulative(5_028_168, "2023-07-11", fixed: "10.0.17763.4645", cves: ["CVE-2023-32046"]),
                cumulative(5_029_247, "2023-08-08", fixed: "10.0.17763.4737", cves: ["CVE-2023-35385"]),
                cumulative(5_030_214, "2023-09-12", fixed: "10.0.17763.4851", cves: ["CVE-2023-36802"]),
            ]),
        ProductCatalog(
            product: "Windows Server 2016",
            updates: [
                cumulative(4_056_890, "2018-01-03", cves: ["CVE-2018-0741"]),
                cumulative(4_074_590, "2018-02-13", cves: ["CVE-2018-0742"]),
                cumulative(4_088_787, "2018-03-13", cves: ["CVE-2018-0811"]),
            ]),
    ]

    static func release(_ month: String, _ type: String, _ day: String, _ build: Int, _ ubr: Int, _ kb: Int) -> Release?
    {
        date(day).map {
            // The server line of the build (14393 is Windows Server 2016's and Windows 10 1607's).
            Release(
                line: ReleaseLine.lines(build: build)[0], channel: "LTSC", month: month, type: type, date: $0,
                build: build, ubr: ubr, kb: KB(kb))
        }
    }

    static let history = ReleaseHistory(
        [
            release("2018-01", "B", "2018-01-09", 14393, 2007, 4_056_890),
            release("2018-02", "B", "2018-02-13", 14393, 2068, 4_074_590),
            release("2018-02", "D", "2018-02-22", 14393, 2097, 4_077_525),
            release("2018-03", "B", "2018-03-13", 14393, 2125, 4_088_787),
        ].compactMap { $0 })

    static let image2019 = "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.4645.230707"

    static func lag(_ targets: [ScanTarget], asOf: String) -> ImageLag {
        let engine = ComplianceEngine(
            catalogs: catalogs, supersedence: Supersedence(edges: [:]),
            policy: .init(
                classifications: [Classification.securityUpdates], asOf: date(asOf) ?? CalendarDate(daysSinceEpoch: 0)))
        return ImageLag(targets: targets, engine: engine, history: history, maxDays: 30)
    }

    static func vm(
        _ name: String, image: String?, deployed: String?, installed: [Int] = [], scanned: Bool = true,
        tags: [String: String] = [:]
    )
        -> ScanTarget
    {
        var target = ScanTarget(
            vm: name, image: image, product: nil, version: nil, scannedAt: scanned ? "2023-09-20T00:00:00Z" : nil,
            installed: installed.map(KB.init))
        target.deployedAt = deployed.flatMap(date)
        target.tags = tags
        return target
    }

    @Test func thePatchDateIsTheUpdatesReleaseNotTheImageBuildDate() throws {
        let lag = Self.lag([Self.vm("web-01", image: Self.image2019, deployed: "2023-08-20")], asOf: "2023-09-30")
        let image = try #require(lag.images.first)
        #expect(image.patchLevel == .init(kb: "KB5028168", build: "10.0.17763.4645", date: "2023-07-11"))
        #expect(image.buildDate == "2023-07-07")
        #expect(image.product == "Windows Server 2019")
        // The catalog's newest is 2023-09-12: 63 days and two Patch Tuesdays (August, September) later.
        #expect(image.lagDays == 63)
        #expect(image.releasesBehind == 2)
        #expect(image.stale)
        #expect(image.missing == ["KB5030214"])
        #expect(image.openCves == ["critical": 2])
    }

    @Test func lagAtDeployCountsWhatWasOutOnTheDeployDay() throws {
        let lag = Self.lag([Self.vm("web-01", image: Self.image2019, deployed: "2023-08-20")], asOf: "2023-09-30")
        let vm = try #require(lag.vms.first)
        #expect(vm.lagAtDeployDays == 28)
        #expect(vm.releasesBehindAtDeploy == 1)
    }

    @Test func aScanBeyondTheImageLevelIsUpdatedAndOneWithoutIsStillAtImageLevel() throws {
        let lag = Self.lag(
            [
                Self.vm("updated", image: Self.image2019, deployed: "2023-08-20", installed: [5_029_247]),
                Self.vm("stuck", image: Self.image2019, deployed: "2023-08-21", installed: [5_028_168]),
                Self.vm("unscanned", image: Self.image2019, deployed: "2023-08-21", scanned: false),
            ], asOf: "2023-09-30")
        #expect(lag.vms.map(\.updatedSinceDeploy) == [true, false, nil])
        #expect(lag.images.first?.vms == ["updated", "stuck", "unscanned"])
    }

    @Test func beforeFixedBuildsTheReleaseHistoryGivesThePatchLevel() throws {
        let lag = Self.lag(
            [
                Self.vm(
                    "old", image: "MicrosoftWindowsServer:WindowsServer:2016-Datacenter:14393.2068.180207",
                    deployed: "2018-03-01")
            ],
            asOf: "2018-03-31")
        let image = try #require(lag.images.first)
        #expect(image.patchLevel == .init(kb: "KB4074590", build: "10.0.14393.2068", date: "2018-02-13"))
        #expect(image.lagDays == 28)
        #expect(image.releasesBehind == 1)
        #expect(lag.vms.first?.lagAtDeployDays == 0)
    }

    @Test func imagesThatCannotBeReadAreProblemsAndTheRestIsReported() {
        let lag = Self.lag(
            [
                Self.vm(
                    "bad-version", image: "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:2019.0.20190410",
                    deployed: nil),
                Self.vm(
                    "unknown-product", image: "MicrosoftWindowsServer:WindowsServer:2025-Datacenter:26100.1742.240906",
                    deployed: nil),
                Self.vm(
                    "no-line", image: "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.107.181029",
                    deployed: nil),
                Self.vm("fine", image: Self.image2019, deployed: "2023-08-20"),
            ], asOf: "2023-09-30")
        #expect(lag.problems.map(\.vm) == ["bad-version", "unknown-product", "no-line"])
        #expect(lag.problems[1].reason == "product Windows Server 2025 is not in the catalog")
        #expect(lag.problems[2].reason.hasPrefix("no release at or below 10.0.17763.107"))
        #expect(lag.vms.map(\.vm) == ["fine"])
    }
}

@Suite struct ReleaseHistoryTests {
    @Test func theLevelIsTheNewestReleaseAtOrBelowTheBuild() throws {
        let history = ImageLagTests.history
        let server = "Windows Server 2016"
        #expect(history.level(at: try #require(OSVersion(parsing: "14393.2100")), product: server)?.kb == KB(4_077_525))
        #expect(history.level(at: try #require(OSVersion(parsing: "14393.2068")), product: server)?.kb == KB(4_074_590))
        #expect(history.level(at: try #require(OSVersion(parsing: "14393.1000")), product: server) == nil)
        #expect(history.level(at: try #require(OSVersion(parsing: "17763.2068")), product: server) == nil)
        #expect(
            history.level(at: try #require(OSVersion(parsing: "14393.2100")), product: "Windows 10 Version 1607")?.kb
                == KB(4_077_525), "Windows 10 1607, with no rows of its own, borrows its build's: the same packages")
    }

    /// Windows Server 2025 went GA on 2024-11-01 at 26100.1742, Windows 11 24H2 on 2024-10-01 at the same build;
    /// KB5059087 (26100.3781, 2025-04-22) is Server 2025's alone.
    @Test func twoLinesOfOneBuildKeepTheirOwnRowsAndAreAskedByProduct() throws {
        func release(_ line: String, _ day: String, _ ubr: Int, _ kb: Int?) throws -> Release {
            Release(
                line: line, channel: "LTSC", month: String(day.prefix(7)), type: kb == nil ? "A" : "OOB",
                date: try #require(CalendarDate(parsing: day)), build: 26100, ubr: ubr, kb: kb.map(KB.init))
        }
        let history = ReleaseHistory([
            try release("Windows Server 2025", "2024-11-01", 1742, nil),
            try release("Windows 11 Version 24H2", "2024-10-01", 1742, nil),
            try release("Windows Server 2025", "2025-04-22", 3781, 5_059_087),
        ])
        let version = try #require(OSVersion(parsing: "10.0.26100.3800"))
        #expect(history.level(at: version, product: "Windows Server 2025")?.kb == KB(5_059_087))
        let client = "Windows 11 Version 24H2 for x64-based Systems"
        #expect(history.level(at: version, product: client)?.date.description == "2024-10-01")
        #expect(history.level(at: version, product: "Windows Server 2025 (Server Core installation)")?.ubr == 3781)
        let line = history.lineID(product: client)
        #expect(history.release(of: KB(5_059_087), line: line, build: 26100) == nil)

        // Rows of no known line (recorded before lines were) answer for any product of their build.
        let unknown = ReleaseHistory([try release(ReleaseLine.unknown, "2024-10-01", 1742, nil)])
        #expect(unknown.level(at: version, product: "Windows Server 2025")?.ubr == 1742)
        #expect(unknown.level(at: version, product: client)?.ubr == 1742)
    }
}
