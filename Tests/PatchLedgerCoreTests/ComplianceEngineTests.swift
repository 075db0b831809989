import Testing

@testable import PatchLedgerCore

/// The servicing rules on small catalogs written from real updates (KBs, dates, FixedBuilds, supersedence).
@Suite struct ComplianceEngineTests {
    static func date(_ text: String) -> CalendarDate? { CalendarDate(parsing: text) }

    static func update(
        _ kb: Int, _ released: String, _ kind: UpdateKind, subtype: String = "Security Update", fixed: String? = nil,
        cves: [String] = [], severity: Severity = .critical, component: String? = nil
    ) -> CatalogUpdate {
        CatalogUpdate(
            kb: KB(kb), title: nil, classification: Classification.securityUpdates, subtype: subtype, kind: kind,
            released: date(released), fixedBuilds: fixed.flatMap { WindowsBuild(parsing: $0) }.map { [$0] } ?? [],
            component: component, cves: cves.map { CVEFix(cve: $0, severity: severity) })
    }

    static func engine(
        _ product: String, _ updates: [CatalogUpdate], edges: [Int: [Int]] = [:], asOf: String = "2023-09-30"
    ) -> ComplianceEngine {
        var kbEdges: [KB: [KB]] = [:]
        for (newer, older) in edges { kbEdges[KB(newer)] = older.map(KB.init) }
        return ComplianceEngine(
            catalogs: [ProductCatalog(product: product, updates: updates)], supersedence: Supersedence(edges: kbEdges),
            policy: .init(
                classifications: [Classification.securityUpdates], asOf: date(asOf) ?? CalendarDate(daysSinceEpoch: 0)))
    }

    static func state(_ product: String, _ build: String?, _ installed: [Int], hotpatch: Bool = false) -> VMState {
        VMState(
            product: product, version: build.flatMap { OSVersion(parsing: $0) }, installed: Set(installed.map(KB.init)),
            hotpatch: hotpatch)
    }

    // Windows Server 2016, early 2018: December, January (and its later re-release) and February cumulative updates.
    static let server2016 = [
        Self.update(4_053_579, "2017-12-12", .cumulative, cves: ["CVE-2017-11885"]),
        Self.update(4_056_890, "2018-01-03", .cumulative, cves: ["CVE-2018-0741", "CVE-2018-0743"]),
        Self.update(4_074_590, "2018-02-13", .cumulative, cves: ["CVE-2018-0742", "CVE-2018-0820"]),
    ]

    @Test func aServer2016VMWithTheFebruary2018UpdateMissesNoEarlierCumulativeUpdate() throws {
        let engine = Self.engine(
            "Windows Server 2016", Self.server2016, edges: [4_074_590: [4_056_890]], asOf: "2018-02-28")
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2016", "10.0.14393", [4_074_590])))
        #expect(evaluation.missing.isEmpty)
        #expect(evaluation.openCVEs.isEmpty)
    }

    @Test func aVMBehindSeesOnlyTheNewestCumulativeUpdateWithEveryCVEAndTheOldestAge() throws {
        let engine = Self.engine("Windows Server 2016", Self.server2016, asOf: "2018-02-28")
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2016", "10.0.14393", [])))
        #expect(evaluation.missing.map(\.kb) == ["KB4074590"])
        let missing = try #require(evaluation.missing.first)
        #expect(missing.covers == ["KB4053579", "KB4056890"])
        #expect(missing.cves == ["CVE-2017-11885", "CVE-2018-0741", "CVE-2018-0742", "CVE-2018-0743", "CVE-2018-0820"])
        #expect(missing.ageDays == 78)  // from 2017-12-12
        #expect(missing.severity == "Critical")
    }

    @Test func theEvaluationDateHidesLaterUpdates() throws {
        let engine = Self.engine("Windows Server 2016", Self.server2016, asOf: "2018-01-31")
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2016", "10.0.14393", [4_053_579])))
        #expect(evaluation.missing.map(\.kb) == ["KB4056890"])
        #expect(evaluation.missing.first?.ageDays == 28)
    }

    // Windows Server 2019, summer 2023: FixedBuilds order the cumulative updates.
    static let server2019 = [
        Self.update(5_026_362, "2023-05-09", .cumulative, cves: ["CVE-2023-24932"]),
        Self.update(5_027_222, "2023-06-13", .cumulative, fixed: "10.0.17763.4499", cves: ["CVE-2023-29363"]),
        Self.update(5_028_168, "2023-07-11", .cumulative, fixed: "10.0.17763.4645", cves: ["CVE-2023-32046"]),
        Self.update(5_029_247, "2023-08-08", .cumulative, fixed: "10.0.17763.4737", cves: ["CVE-2023-35385"]),
    ]

    @Test func aVMAtBuild4645WithNoKBsIsMissingOnlyTheAugustUpdate() throws {
        let engine = Self.engine("Windows Server 2019", Self.server2019)
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2019", "10.0.17763.4645", [])))
        #expect(evaluation.missing.map(\.kb) == ["KB5029247"])
        #expect(evaluation.missing.first?.covers == [])
        #expect(evaluation.openCVEs == ["CVE-2023-35385"])
    }

    @Test func anInstalledCumulativeUpdatePutsTheVMAtItsFixedBuildWithoutAUBR() throws {
        let engine = Self.engine("Windows Server 2019", Self.server2019)
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2019", "10.0.17763", [5_029_247])))
        #expect(evaluation.missing.isEmpty)
    }

    @Test func fixedBuildsOfAnotherBuildLineAreNotCompared() throws {
        let engine = Self.engine("Windows Server 2019", Self.server2019)
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2019", "10.0.20348.9999", [])))
        #expect(evaluation.missing.map(\.kb) == ["KB5029247"])
        #expect(evaluation.missing.first?.covers.count == 3)
    }

    // Windows Server 2012 R2, March and May 2017: Monthly Rollup and Security-Only for the same CVEs.
    static let server2012R2 = [
        Self.update(
            4_012_213, "2017-03-14", .securityOnly, subtype: "Security Only", cves: ["CVE-2017-0143", "CVE-2017-0144"]),
        Self.update(
            4_012_216, "2017-03-14", .monthlyRollup, subtype: "Monthly Rollup",
            cves: ["CVE-2017-0143", "CVE-2017-0144"]),
        Self.update(4_019_213, "2017-05-09", .securityOnly, subtype: "Security Only", cves: ["CVE-2017-0290"]),
        Self.update(4_019_215, "2017-05-09", .monthlyRollup, subtype: "Monthly Rollup", cves: ["CVE-2017-0290"]),
    ]

    @Test func theMarch2017MonthlyRollupCoversTheMarchSecurityOnlyUpdate() throws {
        let engine = Self.engine("Windows Server 2012 R2", Self.server2012R2, asOf: "2017-03-31")
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2012 R2", "6.3.9600", [4_012_216])))
        #expect(evaluation.missing.isEmpty)
    }

    @Test func securityOnlyAndMonthlyRollupAreAlternativesNotTwoGaps() throws {
        let engine = Self.engine("Windows Server 2012 R2", Self.server2012R2, asOf: "2017-05-31")
        let onSecurityOnly = try #require(
            engine.evaluate(Self.state("Windows Server 2012 R2", "6.3.9600", [4_012_213])))
        #expect(onSecurityOnly.missing.map(\.kb) == ["KB4019215"])
        #expect(onSecurityOnly.missing.first?.covers == ["KB4019213"])
        #expect(onSecurityOnly.openCVEs == ["CVE-2017-0290"])
        let bare = try #require(engine.evaluate(Self.state("Windows Server 2012 R2", "6.3.9600", [])))
        #expect(bare.missing.map(\.kb) == ["KB4019215"])
        #expect(bare.missing.first?.covers == ["KB4012213", "KB4012216", "KB4019213"])
    }

    @Test func hotpatchesApplyOnlyToEnrolledVMs() throws {
        let updates = [
            Self.update(5_068_787, "2025-11-11", .cumulative, fixed: "10.0.20348.4405", cves: ["CVE-2025-60724"]),
            Self.update(
                5_068_840, "2025-11-11", .hotpatch, subtype: "Security Hotpatch Update", fixed: "10.0.20348.4346",
                cves: ["CVE-2025-60724"]),
        ]
        let engine = Self.engine("Windows Server 2022", updates, asOf: "2025-11-30")
        let plain = try #require(engine.evaluate(Self.state("Windows Server 2022", "10.0.20348.4294", [])))
        #expect(plain.missing.map(\.kb) == ["KB5068787"])
        let enrolled = try #require(
            engine.evaluate(Self.state("Windows Server 2022", "10.0.20348.4294", [], hotpatch: true)))
        #expect(Set(enrolled.missing.map(\.kb) + enrolled.missing.flatMap(\.covers)) == ["KB5068787", "KB5068840"])
        let patched = try #require(
            engine.evaluate(Self.state("Windows Server 2022", "10.0.20348.4405", [], hotpatch: true)))
        #expect(patched.missing.isEmpty)
    }

    /// KB4519337 (2019-10) is a Setup Dynamic Update of Windows 10 1903: for installation media and feature
    /// upgrades, never installed on a running OS. It is never to install, even when it names a CVE.
    @Test func setupDynamicUpdatesNeverAppear() throws {
        let updates = [
            Self.update(4_517_389, "2019-10-08", .cumulative, fixed: "10.0.18362.418", cves: ["CVE-2019-1318"]),
            Self.update(4_519_337, "2019-10-08", .setupDynamicUpdate, subtype: "Setup DU", cves: ["CVE-2019-1318"]),
            Self.update(4_519_338, "2019-10-08", .setupDynamicUpdate, subtype: "Setup DU", cves: ["CVE-2019-1339"]),
        ]
        let engine = Self.engine("Windows 10 Version 1903 for x64-based Systems", updates, asOf: "2019-10-31")
        let result = try #require(
            engine.evaluate(Self.state("Windows 10 Version 1903 for x64-based Systems", "10.0.18362.30", [])))
        #expect(result.missing.map(\.kb) == ["KB4517389"])
        #expect(result.openCVEs == ["CVE-2019-1318"], "a CVE only a Setup DU names is not the running OS's")
        #expect(UpdateKind(subtype: "Setup DU", title: nil, servicing: .cumulative) == .setupDynamicUpdate)
        #expect(
            UpdateKind(
                subtype: nil, title: "2019-10 Setup Dynamic Update for Windows 10 Version 1903 (KB4519337)",
                servicing: .cumulative) == .setupDynamicUpdate)
    }

    /// A component (Flash, each .NET Framework) and the servicing stack are servicing lines: the newest update of
    /// a line covers its older ones whether the catalog's supersedence names them or not.
    static let server2019Lines = [
        Self.update(5_029_247, "2023-08-08", .cumulative, fixed: "10.0.17763.4737", cves: ["CVE-2023-35385"]),
        Self.update(4_477_029, "2018-11-13", .other, cves: ["CVE-2018-15978"], component: "Adobe Flash Player"),
        Self.update(4_487_038, "2019-02-12", .other, cves: ["CVE-2019-7090"], component: "Adobe Flash Player"),
        Self.update(4_516_115, "2019-09-10", .other, cves: ["CVE-2019-8069"], component: "Adobe Flash Player"),
        Self.update(4_580_325, "2020-10-13", .other, cves: ["CVE-2020-9746"], component: "Adobe Flash Player"),
        Self.update(4_465_664, "2018-11-13", .other, subtype: "Servicing Stack Update"),
        Self.update(4_558_997, "2020-07-14", .other, subtype: "Servicing Stack Update"),
        Self.update(
            4_483_452, "2019-02-12", .other, subtype: "Monthly Rollup", cves: ["CVE-2019-0613"],
            component: "Microsoft .NET Framework 4.7.2"),
        Self.update(
            5_020_685, "2022-11-08", .other, cves: ["CVE-2022-41064"], component: "Microsoft .NET Framework 4.7.2"),
    ]

    @Test func theNewestUpdateOfAComponentOrTheServicingStackCoversTheOlderOnes() throws {
        let engine = Self.engine("Windows Server 2019", Self.server2019Lines, asOf: "2023-08-31")
        let oldFlash = try #require(
            engine.evaluate(Self.state("Windows Server 2019", "10.0.17763.4737", [4_477_029, 4_483_452])))
        #expect(oldFlash.missing.map(\.kb).sorted() == ["KB4558997", "KB4580325", "KB5020685"])
        #expect(oldFlash.missing.first { $0.kb == "KB4580325" }?.covers == ["KB4487038", "KB4516115"])
        #expect(oldFlash.missing.first { $0.kb == "KB4558997" }?.covers == ["KB4465664"])
        // The newest Flash installed: the older ones are not missing, and their CVEs are closed.
        let newFlash = try #require(
            engine.evaluate(Self.state("Windows Server 2019", "10.0.17763.4737", [4_580_325, 4_558_997, 5_020_685])))
        #expect(newFlash.missing.isEmpty)
        #expect(newFlash.openCVEs.isEmpty)
    }

    /// On Server 2012 R2 a .NET Monthly Rollup covers the older rollups and Security-Only updates of its line and
    /// the Security-Only update of its own month; a Security-Only update covers nothing.
    @Test func aRollupCoversItsLineAndItsMonthsSecurityOnlyASecurityOnlyNothing() throws {
        let net = "Microsoft .NET Framework 4.5.2"
        let updates = [
            Self.update(
                4_054_170, "2018-01-09", .other, subtype: "Security Only", cves: ["CVE-2018-0764"], component: net),
            Self.update(
                4_457_028, "2018-09-11", .other, subtype: "Security Only", cves: ["CVE-2018-8421"], component: net),
            Self.update(
                4_457_036, "2018-09-11", .other, subtype: "Monthly Rollup", cves: ["CVE-2018-8421"], component: net),
            Self.update(
                4_470_491, "2018-12-11", .other, subtype: "Security Only", cves: ["CVE-2018-8540"], component: net),
        ]
        let engine = Self.engine("Windows Server 2012 R2", updates, asOf: "2018-12-31")
        let result = try #require(engine.evaluate(Self.state("Windows Server 2012 R2", "6.3.9600", [4_054_170])))
        // December's Security-Only is newer than the rollup, which does not cover it; it covers nothing itself.
        #expect(result.missing.map(\.kb).sorted() == ["KB4457036", "KB4470491"])
        #expect(result.missing.first { $0.kb == "KB4457036" }?.covers == ["KB4457028"])
        // The rollup installed: September's Security-Only is not missing; December's still is.
        let rolled = try #require(
            engine.evaluate(Self.state("Windows Server 2012 R2", "6.3.9600", [4_054_170, 4_457_036])))
        #expect(rolled.missing.map(\.kb) == ["KB4470491"])
    }

    /// Server 2012 R2: the Monthly Rollups (from October 2016) took in the earlier standalone security updates,
    /// except those whose CVEs a later standalone update still fixes.
    @Test func aRollupCoversTheStandaloneUpdatesBeforeOctober2016ItTookIn() throws {
        let updates = [
            Self.update(3_156_016, "2016-05-10", .other, cves: ["CVE-2016-0197"]),
            Self.update(3_164_035, "2016-06-14", .other, cves: ["CVE-2016-3218"]),
            Self.update(4_012_598, "2017-03-14", .other, cves: ["CVE-2016-3218", "CVE-2017-0143"]),
            Self.update(3_185_331, "2016-10-11", .monthlyRollup, subtype: "Monthly Rollup", cves: ["CVE-2016-3331"]),
            Self.update(5_078_774, "2026-03-10", .monthlyRollup, subtype: "Monthly Rollup", cves: ["CVE-2026-21510"]),
        ]
        let engine = Self.engine("Windows Server 2012 R2", updates, asOf: "2026-03-31")
        let bare = try #require(engine.evaluate(Self.state("Windows Server 2012 R2", "6.3.9600", [])))
        #expect(bare.missing.map(\.kb).sorted() == ["KB3164035", "KB4012598", "KB5078774"])
        #expect(bare.missing.first { $0.kb == "KB5078774" }?.covers == ["KB3156016", "KB3185331"])
        // Any rollup since October 2016 installed: May 2016's standalone update is not missing, June's is.
        let rolled = try #require(engine.evaluate(Self.state("Windows Server 2012 R2", "6.3.9600", [3_185_331])))
        #expect(rolled.missing.map(\.kb).sorted() == ["KB3164035", "KB4012598", "KB5078774"])
        #expect(rolled.missing.first { $0.kb == "KB5078774" }?.covers == [])
        #expect(!rolled.openCVEs.contains("CVE-2016-0197"))
    }

    /// MSRC lists some Security-Only packages for Server 2022 and Windows 11 (KB5074353, 2025-12): the
    /// cumulative update of that day or later contains them.
    @Test func aSecurityOnlyPackageBesideCumulativeUpdatesIsInTheNewerCumulative() throws {
        let updates = [
            Self.update(
                5_074_353, "2025-12-09", .securityOnly, subtype: "Security Only",
                cves: ["CVE-2025-59230", "CVE-2025-62221"]),
            Self.update(
                5_078_766, "2026-03-10", .cumulative, fixed: "10.0.20348.4893",
                cves: ["CVE-2025-62221", "CVE-2026-21510"]),
        ]
        let engine = Self.engine("Windows Server 2022", updates, asOf: "2026-03-31")
        let bare = try #require(engine.evaluate(Self.state("Windows Server 2022", "10.0.20348.4405", [])))
        #expect(bare.missing.map(\.kb) == ["KB5078766"])
        #expect(bare.missing.first?.covers == ["KB5074353"])
        // At the cumulative update's build, the package is in: a CVE only it names is closed too.
        let current = try #require(engine.evaluate(Self.state("Windows Server 2022", "10.0.20348.4893", [])))
        #expect(current.missing.isEmpty)
        #expect(current.openCVEs.isEmpty)
    }

    /// Since 2019 one .NET cumulative update serves 3.5 and 4.7.2 together on Server 2019 (KB5037034, "3.5 AND
    /// 4.7.2"): a VM with 4.7.2 updates shows it, and it covers the older 4.7.2-only updates; the 3.5 AND 4.8
    /// line is another one (4.8 replaces 4.7.2 in place).
    @Test func aCombinedDotNetLineCoversThePlainOneItIncludes() throws {
        let updates =
            Self.server2019 + [
                Self.update(
                    4_483_452, "2019-02-12", .other, subtype: "Monthly Rollup", cves: ["CVE-2019-0613"],
                    component: "Microsoft .NET Framework 4.7.2"),
                Self.update(
                    5_020_685, "2022-11-08", .other, cves: ["CVE-2022-41064"],
                    component: "Microsoft .NET Framework 4.7.2"),
                Self.update(
                    5_037_034, "2024-04-09", .other, cves: ["CVE-2024-21409"],
                    component: "Microsoft .NET Framework 3.5 AND 4.7.2"),
                Self.update(
                    5_037_036, "2024-04-09", .other, cves: ["CVE-2024-21409"],
                    component: "Microsoft .NET Framework 3.5 AND 4.8"),
            ]
        let engine = Self.engine("Windows Server 2019", updates, asOf: "2024-04-30")
        let old = try #require(engine.evaluate(Self.state("Windows Server 2019", "10.0.17763.4737", [4_483_452])))
        #expect(old.missing.map(\.kb) == ["KB5037034"])
        #expect(old.missing.first?.covers == ["KB5020685"])
        #expect(old.componentUpdates.map(\.kb) == ["KB5037036"])
        // The combined update installed: the 4.7.2-only ones are in it.
        let current = try #require(
            engine.evaluate(Self.state("Windows Server 2019", "10.0.17763.4737", [4_483_452, 5_037_034])))
        #expect(current.missing.isEmpty)
        #expect(
            DotNetLine.versions("Microsoft .NET Framework 4.6/4.6.1/4.6.2/4.7") == ["4.6", "4.6.1", "4.6.2", "4.7"])
        #expect(!DotNetLine.includes("Microsoft .NET Framework 3.5 AND 4.8", "Microsoft .NET Framework 4.7.2"))
        #expect(!DotNetLine.includes("Microsoft .NET Framework 3.5 AND 4.7.2", "Microsoft .NET Framework 3.5"))
        #expect(
            DotNetLine.includes(
                "Microsoft .NET Framework 4.6/4.6.1/4.6.2/4.7/4.7.1/4.7.2", "Microsoft .NET Framework 4.6/4.6.1"))
    }

    @Test func explainSaysWhichRuleDecides() throws {
        let updates =
            Self.server2019 + [
                Self.update(4_519_337, "2023-08-08", .setupDynamicUpdate, subtype: "Setup DU"),
                Self.update(
                    5_029_000, "2023-08-08", .other, cves: ["CVE-2023-36899"], component: "Microsoft .NET Framework 4.8"
                ),
            ]
        let engine = Self.engine("Windows Server 2019", updates)
        let state = Self.state("Windows Server 2019", "10.0.17763.4499", [5_027_222])
        func explain(_ kb: Int) -> String { engine.compiled.explain(KB(kb), for: state) }
        #expect(explain(5_027_222) == "installed")
        #expect(explain(5_029_247) == "to install, covering 1 older update the VM lacks")
        #expect(explain(5_028_168) == "covered by KB5029247, to install, which makes it unnecessary")
        #expect(explain(5_026_362).hasPrefix("not needed: the VM's build is at or above"))
        #expect(explain(4_519_337).hasPrefix("never in the answer: a Setup Dynamic Update"))
        #expect(
            explain(5_029_000).hasPrefix("listed apart (componentUpdates): an update of Microsoft .NET Framework 4.8"))
        #expect(
            explain(1_234_567).hasPrefix("not in the answer: the catalog lists no KB1234567 for Windows Server 2019"))
    }

    @Test func componentUpdatesAreApartUntilTheVMShowsTheComponent() throws {
        let updates =
            Self.server2019 + [
                Self.update(
                    5_027_544, "2023-06-13", .other, cves: ["CVE-2023-24895"], component: "Microsoft .NET Framework 4.8"
                ),
                Self.update(
                    5_028_857, "2023-07-11", .other, cves: ["CVE-2023-33127"], component: "Microsoft .NET Framework 4.8"
                ),
            ]
        let engine = Self.engine("Windows Server 2019", updates, edges: [5_028_857: [5_027_544]])
        let unknown = try #require(engine.evaluate(Self.state("Windows Server 2019", "10.0.17763.4737", [])))
        #expect(unknown.missing.isEmpty)
        #expect(unknown.componentUpdates.map(\.kb) == ["KB5028857"])
        #expect(unknown.componentUpdates.first?.component == "Microsoft .NET Framework 4.8")
        let shown = try #require(engine.evaluate(Self.state("Windows Server 2019", "10.0.17763.4737", [5_027_544])))
        #expect(shown.missing.map(\.kb) == ["KB5028857"])
        #expect(shown.componentUpdates.isEmpty)
    }

    @Test func aProductTheCatalogLacksIsNotEvaluated() {
        let engine = Self.engine("Windows Server 2019", Self.server2019)
        #expect(engine.evaluate(Self.state("Windows Server 2025", "10.0.26100", [])) == nil)
        let scan = FleetScan(
            targets: [
                ScanTarget(
                    vm: "new", product: "Windows Server 2025", version: nil, scannedAt: "2023-09-01T00:00:00Z",
                    installed: [KB(1)]),
                ScanTarget(
                    vm: "blank", product: nil, version: nil, scannedAt: "2023-09-01T00:00:00Z", installed: [KB(1)]),
                ScanTarget(vm: "never", product: "Windows Server 2019", version: nil, scannedAt: nil, installed: []),
            ], engine: engine)
        #expect(scan.vms.map(\.status) == [.unknownProduct, .unknownProduct, .noScan])
        #expect(scan.summary.unknownProduct == ["new", "blank"])
        #expect(scan.summary.noScan == ["never"])
        #expect(scan.summary.compliant == 0)
    }

    @Test func anInstalledUpdateTheCatalogLacksCountsThroughTheReleaseHistory() throws {
        // The real Server 2016 capture has KB4483229, the 2018-12-19 out-of-band cumulative update (14393.2670),
        // from a month the catalog lacks: it covers the 2018-02 update, not the 2020-01 one.
        let updates = [
            Self.update(4_074_590, "2018-02-13", .cumulative, cves: ["CVE-2018-0742"]),
            Self.update(4_534_271, "2020-01-14", .cumulative, fixed: nil, cves: ["CVE-2020-0601"]),
        ]
        let history = ReleaseHistory(
            [
                Self.date("2018-12-19").map {
                    Release(
                        line: "Windows Server 2016", channel: "LTSB", month: "2018-12", type: "OOB", date: $0,
                        build: 14393, ubr: 2670,
                        kb: KB(4_483_229))
                }
            ]
            .compactMap { $0 })
        let engine = ComplianceEngine(
            catalogs: [ProductCatalog(product: "Windows Server 2016", updates: updates)],
            supersedence: Supersedence(edges: [:]),
            policy: .init(
                classifications: [Classification.securityUpdates], asOf: try #require(Self.date("2020-01-31"))),
            history: history)
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2016", "10.0.14393", [4_483_229])))
        #expect(evaluation.missing.map(\.kb) == ["KB4534271"])
        #expect(evaluation.missing.first?.covers == [])
        #expect(evaluation.missing.first?.ageDays == 17)
        let without = Self.engine("Windows Server 2016", updates, asOf: "2020-01-31")
        #expect(
            without.evaluate(Self.state("Windows Server 2016", "10.0.14393", [4_483_229]))?.missing.first?.covers == [
                "KB4074590"
            ])
    }

    @Test func supersedenceAloneSatisfiesAnOrdinaryUpdate() throws {
        let updates = [
            Self.update(4_100_347, "2018-10-09", .other, cves: ["CVE-2018-3620"]),
            Self.update(4_346_084, "2018-08-14", .other, cves: ["CVE-2018-3646"]),
        ]
        let engine = Self.engine("Windows Server 2016", updates, edges: [4_100_347: [4_346_084]], asOf: "2018-10-31")
        let evaluation = try #require(engine.evaluate(Self.state("Windows Server 2016", "10.0.14393", [4_100_347])))
        #expect(evaluation.missing.isEmpty)
    }
}
