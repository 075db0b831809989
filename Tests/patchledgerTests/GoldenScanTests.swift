import Foundation
import PatchLedgerGenerators
import PatchLedgerKit
import PatchLedgerStore
import Testing

@testable import patchledger

/// What `scan --format json` and `lag --format json` answer on the sample catalogs, the test fixtures and
/// the real data of ../shared, kept as golden files: the engine may get faster, its answers change only on
/// purpose, in a commit that says why.
@Suite struct GoldenScanTests {
    static let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")
    static func sharedHas(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent(folder).path)
    }

    @Test func theDemoFleetOnBothScanDays() throws {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc", "catalogs/wsus"])
        try cli.succeed(["import", "builds", "catalogs/builds"])
        try cli.succeed(["import", "fleet", "catalogs/fleet/manifest.csv"])
        for day in ["2023-08-28", "2023-09-04"] {
            try cli.succeed(["import", "inventory", "--quiet", "--scanned-at", day, "catalogs/fleet/scans/\(day)"])
        }
        for day in ["2023-08-28", "2023-09-04"] {
            try Golden.expectJSON(try cli.run(["scan", "--format", "json", "--as-of", day]), named: "demo-scan-\(day)")
        }
        try Golden.expectJSON(try cli.run(["lag", "--format", "json", "--as-of", "2023-09-04"]), named: "demo-lag")
        // The demo's MSRC documents hold Security Updates only: a classification they lack is a usage error,
        // not a fleet where nothing counts and everything passes.
        let unknown = try cli.run(["scan", "--format", "json", "--as-of", "2023-09-04", "--classification", "Updates"])
        #expect(unknown.status == 64)
        #expect(
            unknown.stderr.contains("--classification Updates names nothing in the ledger; known: Security Updates"))
    }

    @Test func theFixtureInventoriesAndFleetsOverTheSampleCatalog() throws {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc"])
        try cli.succeed(["import", "builds", "catalogs/builds"])
        try cli.succeed(["import", "fleet", "Tests/PatchLedgerImportTests/Resources/fleets/fleet.csv"])
        try cli.succeed(["import", "fleet", "Tests/PatchLedgerImportTests/Resources/fleets/az-vm-list.json"])
        try cli.succeed([
            "import", "inventory", "--quiet", "--scanned-at", "2023-08-30", "--os", "Windows Server 2019 Datacenter",
            "--build", "10.0.17763", "--arch", "x64", "Tests/PatchLedgerImportTests/Resources/inventories",
        ])
        try Golden.expectJSON(
            try cli.run(["scan", "--format", "json", "--as-of", "2023-09-01"]), named: "fixtures-scan")
        try Golden.expectJSON(try cli.run(["lag", "--format", "json", "--as-of", "2023-09-01"]), named: "fixtures-lag")
    }

    @Test(.enabled(if: sharedHas("msrc"), "../shared/data/msrc is absent"))
    func theRealCapturesOverTheSixRealDocuments() throws {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", Self.shared.appendingPathComponent("msrc").path])
        try Self.importRealFleet(cli)
        try Golden.expectJSON(
            try cli.run(["scan", "--format", "json", "--as-of", "2026-11-29"]), named: "real-msrc-scan")
        try Golden.expectJSON(
            try cli.run(["lag", "--format", "json", "--as-of", "2026-11-29"]), named: "real-msrc-lag")
    }

    @Test(.enabled(if: sharedHas("msrc-all"), "../shared/data/msrc-all is absent"))
    func theRealCapturesOverTenYearsOfCatalog() throws {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", Self.shared.appendingPathComponent("msrc-all").path])
        try Self.importRealFleet(cli)
        for day in ["2019-06-30", "2026-11-29"] {
            try Golden.expectJSON(
                try cli.run(["scan", "--format", "json", "--as-of", day]), named: "real-all-scan-\(day)")
            try Golden.expectJSON(
                try cli.run(["lag", "--format", "json", "--as-of", day]), named: "real-all-lag-\(day)")
        }
        try Self.expectExactAnswers(cli)
        try Self.expectGeneratedFleet(cli)
    }

    /// What each real capture must install over the ten-year catalog (issue 20): the newest cumulative update or
    /// rollup of its line, the newest update of each component line it shows and of the servicing stack, and
    /// standalone updates no cumulative contains. Written out, so a change of answer reads as one.
    static let exactAnswers: [String: [String]] = [
        // Windows 10 1809: the final CU, the newest Flash, SSU, and the combined .NET 3.5/4.7.2 CU.
        "10_1809_x64_pro_en-us_20190307_qfe": ["KB5037034", "KB4580325", "KB5078752", "KB4558997"],
        // Server 2016: the final CU and the newest SSU.
        "MYSERVER": ["KB5078938", "KB4565912"],
        // Server 2012 R2: the final rollup, the newest .NET 3.5 rollup, the newest rollup of the .NET 4.6–4.7.2
        // line it shows, the SSU, three standalone (DBX among them).
        "SRV12R2U1X64": ["KB5078774", "KB5034279", "KB4603004", "KB4502496", "KB4566425", "KB4578013", "KB5012170"],
        // Windows 7 SP1 (two captures): the final rollup, .NET 3.5.1 rollup, SSU, SHA-2 signing support.
        "WIN-IDKKFN87EL8": ["KB5021091", "KB5022338", "KB4565354", "KB4474419"],
        "WIN7SP1X64": ["KB5021091", "KB5022338", "KB4565354", "KB4474419"],
        // Server 2019 RTM: the newest Flash, the final CU, the newest SSU and .NET 4.7.2 update.
        "WIN-O863JARO7CM": ["KB4580325", "KB5078752", "KB4558997", "KB5020685"],
        // Server 2022 and Windows 11 24H2: the newest cumulative update only.
        "WIN-RIBN7SM07BK": ["KB5078766"],
        "WINXI24H2LTSC": ["KB5079473"],
    ]

    static func expectExactAnswers(_ cli: CLI) throws {
        let scan = try cli.json(["scan", "--format", "json", "--as-of", "2026-11-29"])
        let vms = try #require(scan["vms"] as? [[String: Any]])
        for (vm, expected) in exactAnswers {
            let answer = vms.first { $0["vm"] as? String == vm }
            let kbs = (answer?["missing"] as? [[String: Any]] ?? []).compactMap { $0["kb"] as? String }
            #expect(kbs == expected, "\(vm)")
        }
    }

    /// 200 VMs of `bench scan`'s fleet (long-lived servers with random subsets of their product's updates,
    /// VMs reported by build), over the ten-year catalog: the states real captures rarely show. Their answers
    /// are kept as a digest (what to install, what each covers, how many CVEs, the age), not the whole
    /// 5 MB document.
    static func expectGeneratedFleet(_ cli: CLI) throws {
        let catalogs = try Ledger(path: cli.db).productCatalogs(for: Set(FleetGenerator.products.map(\.product)))
        let fleet = cli.folder.appendingPathComponent("generated.json")
        try FleetGenerator(vms: 200, catalogs: catalogs).write(to: fleet)
        try cli.succeed(["import", "inventory", "--quiet", fleet.path])
        let scan = try cli.run(["scan", "--format", "json", "--as-of", "2026-11-29"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
        func digest(_ updates: Any?) -> [String] {
            (updates as? [[String: Any]] ?? []).map { update in
                let covers = (update["covers"] as? [String] ?? []).joined(separator: " ")
                let cves = (update["cves"] as? [String] ?? []).count
                return "\(update["kb"] ?? "") \(update["severity"] ?? "unrated") \(update["ageDays"] ?? "-") days, "
                    + "\(cves) CVEs, covers [\(covers)]"
            }
        }
        let generated = (document["vms"] as? [[String: Any]] ?? []).filter {
            ($0["vm"] as? String)?.hasPrefix("vm-") == true
        }
        #expect(generated.count == 200)
        let answers = Dictionary(
            uniqueKeysWithValues: generated.map { vm -> (String, Any) in
                (
                    vm["vm"] as? String ?? "",
                    [
                        "build": vm["build"] ?? "", "openCves": vm["openCves"] ?? 0, "missing": digest(vm["missing"]),
                        "componentUpdates": digest(vm["componentUpdates"]),
                    ]
                )
            })
        try Golden.expectJSON(answers, named: "real-all-generated-fleet-2026-11-29")
    }

    /// The real captures, the ones that state no OS given one, the release histories, and a manifest that
    /// deploys some of them from Marketplace images of real builds (and one from an image that says `latest`).
    static func importRealFleet(_ cli: CLI) throws {
        try cli.succeed(["import", "builds", shared.appendingPathComponent("builds").path])
        let stated: [String: [String]] = [
            "7_sp1_x64_enterprise_en-us_B_qfe": ["--os", "Windows 7 Enterprise", "--build", "6.1.7601"],
            "10_1809_x64_pro_en-us_20190307_qfe": ["--os", "Windows 10 Pro", "--build", "10.0.17763"],
        ]
        let folder = shared.appendingPathComponent("inventories")
        // A Windows Update search result lists updates not installed: refused (README, "Inventories").
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where !name.hasSuffix("_updates.txt") {
            let options = stated[String(name.prefix { $0 != "." })] ?? []
            try cli.succeed(
                ["import", "inventory", "--quiet", "--scanned-at", "2019-06-01", "--arch", "x64"] + options + [
                    folder.appendingPathComponent(name).path
                ])
        }
        let manifest = cli.folder.appendingPathComponent("fleet.csv")
        try """
        vm,group,image,deployed_at
        MYSERVER,legacy,MicrosoftWindowsServer:WindowsServer:2016-Datacenter:14393.2068.180209,2018-03-01
        WIN-O863JARO7CM,web,MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.4645.230707,2023-08-01
        WIN-RIBN7SM07BK,web,MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:20348.2461.240510,2024-06-01
        new-2025,web,MicrosoftWindowsServer:WindowsServer:2025-datacenter:26100.4349.250606,2025-07-01
        new-2019,web,MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.5820.240510,2024-05-20
        unpinned,web,MicrosoftWindowsServer:WindowsServer:2022-datacenter:latest,2024-06-01

        """.write(to: manifest, atomically: true, encoding: .utf8)
        try cli.succeed(["import", "fleet", manifest.path])
    }
}

extension CLI {
    /// Runs a setup step that must succeed.
    @discardableResult
    func succeed(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let result = try run(arguments)
        try #require(
            result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs a command that must succeed and print one JSON object.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try run(arguments)
        try #require(
            result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(
            object, "\(arguments.joined(separator: " ")) printed no JSON object", sourceLocation: sourceLocation)
    }
}
