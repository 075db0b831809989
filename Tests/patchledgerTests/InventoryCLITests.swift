import Foundation
import PatchLedgerKit
import PatchLedgerStore
import Testing

@testable import patchledger

@Suite struct InventoryCLITests {
    static let fixtures = "Tests/PatchLedgerImportTests/Resources/inventories"

    @Test func aVMWithNothingInstalledIsScannedWithEverythingMissing() throws {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc"])
        let fleet = cli.folder.appendingPathComponent("fresh.json")
        try #"""
        [{"vm": "fresh-01", "scannedAt": "2023-09-01T00:00:00Z", "os": "Windows Server 2019 Datacenter",
          "build": "10.0.17763", "architecture": "x64", "kbs": []}]
        """#.write(to: fleet, atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", "inventory", fleet.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stdout.contains(
                "fresh-01 2023-09-01T00:00:00Z patchledger-json, Windows Server 2019 10.0.17763, 0 KBs: added"))
        // The same machine as systeminfo reports it: "Hotfix(s): N/A".
        let capture = cli.folder.appendingPathComponent("fresh-02.txt")
        try """
        Host Name:                 FRESH-02
        OS Name:                   Microsoft Windows Server 2019 Datacenter
        OS Version:                10.0.17763 N/A Build 17763
        System Type:               x64-based PC
        Logon Server:              \\\\FRESH-02
        Hotfix(s):                 N/A
        Network Card(s):           1 NIC(s) Installed.
                                   [01]: Microsoft Hyper-V Network Adapter

        """.write(to: capture, atomically: true, encoding: .utf8)
        try cli.succeed(["import", "inventory", "--quiet", "--scanned-at", "2023-09-01", capture.path])
        let json = try cli.json(["scan", "--format", "json", "--as-of", "2023-09-04"])
        let vms = try #require(json["vms"] as? [[String: Any]])
        #expect(vms.map { $0["vm"] as? String } == ["fresh-01", "FRESH-02"])
        for vm in vms {
            #expect(vm["status"] as? String == "evaluated")
            // Every cumulative update of the catalog, folded into the newest.
            let missing = try #require(vm["missing"] as? [[String: Any]])
            #expect(missing.first?["kb"] as? String == "KB5029247")
            #expect(missing.first?["covers"] as? [String] == ["KB5027222", "KB5028168"])
        }
    }

    @Test func importingAFolderTwiceAddsThenSaysUnchanged() throws {
        let cli = try CLI()
        let first = try cli.run([
            "import", "inventory", "--scanned-at", "2023-08-28", "catalogs/fleet/scans/2023-08-28",
        ])
        #expect(first.status == 0)
        #expect(
            first.stdout.contains(
                "catalogs/fleet/scans/2023-08-28/web-01.txt: WEB-01 2023-08-28T00:00:00Z systeminfo, Windows Server 2019 10.0.17763, 2 KBs: added"
            ))
        #expect(first.stdout.hasSuffix("5 files: 5 snapshots added, 0 unchanged, 0 files failed\n"))
        #expect(first.stderr.isEmpty)
        let second = try cli.run([
            "import", "inventory", "--quiet", "--scanned-at", "2023-08-28", "catalogs/fleet/scans/2023-08-28",
        ])
        #expect(second.status == 0)
        #expect(second.stdout == "5 files: 0 snapshots added, 5 unchanged, 0 files failed\n")
    }

    @Test func aBadFileAbortsTheWholeRunUnlessKeepGoing() throws {
        let cli = try CLI()
        let folder = cli.folder.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = try String(contentsOfFile: "\(CLI.root.path)/\(Self.fixtures)/systeminfo-en.txt", encoding: .utf8)
        try good.write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "hello\n".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        _ = try cli.run(["import", "fleet", "catalogs/fleet/manifest.csv"])
        let before = try cli.run(["vms", "--format", "json"])

        let aborted = try cli.run(["import", "inventory", folder.path])
        #expect(aborted.status == 2)
        #expect(aborted.stdout.isEmpty)
        #expect(
            aborted.stderr
                == "Error: \(folder.path)/b.txt: unrecognised format, tried systeminfo, systeminfo-csv, wmic-qfe, qfe-csv, hotfix-json, patchledger-json\n"
        )
        #expect(try cli.run(["vms", "--format", "json"]).stdout == before.stdout)

        let skipped = try cli.run(["import", "inventory", "--keep-going", "--quiet", folder.path])
        #expect(skipped.status == 2)
        #expect(skipped.stdout == "1 files: 1 snapshots added, 0 unchanged, 1 files failed\n")
        #expect(skipped.stderr.contains("Error: \(folder.path)/b.txt: unrecognised format"))
        // a.txt (systeminfo) states no date: dated by the file, which is warned about (counted, under --quiet).
        #expect(skipped.stderr.hasPrefix("warning: 1 warning (run without --quiet to list them)\n"))
        let listed = try cli.run(["import", "inventory", "--keep-going", folder.path])
        #expect(
            listed.stderr.contains(
                "warning: \(folder.path)/a.txt: the capture states no date: scanned at the file's modification time"))
        // The scan's host WEB-01 joined the manifest's web-01.
        #expect(
            try cli.run(["vms", "--format", "csv"]).stdout.contains(",1,KB5012170 KB5027397 KB5028168 KB5028316\r\n"))
    }

    @Test func vmsPrintsTheDocumentedJSONJoinedWithTheManifest() throws {
        let cli = try CLI()
        #expect(
            try cli.run(["import", "fleet", "catalogs/fleet/manifest.csv"]).stdout
                == "catalogs/fleet/manifest.csv: 5 VMs: 5 added, 0 updated\n")
        _ = try cli.run(["import", "inventory", "--scanned-at", "2023-09-04", "catalogs/fleet/scans/2023-09-04"])
        let listed = try cli.run(["vms", "--format", "json"])
        #expect(listed.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let vms = try #require(json["vms"] as? [[String: Any]])
        #expect(vms.map { $0["vm"] as? String } == ["app-01", "db-01", "web-01", "web-02", "web-03"])
        let web = vms[3]
        #expect(web["product"] as? String == "Windows Server 2019")
        #expect(web["build"] as? String == "10.0.17763.4645")
        #expect(web["architecture"] as? String == "x64")
        #expect(web["scannedAt"] as? String == "2023-09-04T00:00:00Z")
        #expect(web["kbs"] as? [String] == ["KB5028316", "KB5029247"])
        #expect(web["group"] as? String == "web")
        #expect(web["image"] as? String == "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.4645.230707")
        let csv = try cli.run(["vms", "--format", "csv"])
        // CSV headers are snake_case in every command.
        #expect(csv.stdout.hasPrefix("vm,group,image,product,build,arch,scanned,scans,kbs\r\napp-01,app,"))
    }

    @Test func optionsFillWhatAFileLeavesOut() throws {
        let cli = try CLI()
        // KBs alone: no machine, time, product or build.
        let file = cli.folder.appendingPathComponent("kbs-only.json")
        try Data(#"{"kbs": ["KB5028168", "KB5028316", "KB2267602"]}"#.utf8).write(to: file)
        let result = try cli.run([
            "import", "inventory", "--vm", "legacy-7", "--os", "Windows 10 Pro", "--build", "17763.4645", "--arch",
            "x64", "--scanned-at", "2023-08-01T10:00:00+02:00", file.path,
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                "\(file.path): legacy-7 2023-08-01T08:00:00Z patchledger-json, Windows 10 Version 1809 for x64-based Systems 10.0.17763.4645, 3 KBs: added\n"
            ), "\(result.stdout)")
    }

    @Test func aWindowsUpdateSearchResultIsRefusedSayingWhatItIs() throws {
        let cli = try CLI()
        let result = try cli.run(["import", "inventory", "Tests/PatchLedgerImportTests/Resources/wu-search.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("which lists updates NOT installed"), "\(result.stderr)")
    }

    @Test func badOptionValuesAreUsageErrors() throws {
        let cli = try CLI()
        let result = try cli.run(["import", "inventory", "--build", "soon", "x.txt"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("not a Windows build: soon"))
    }
}

/// Each kind of bad inventory: one line naming the file, exit code 2, the ledger exactly as before.
@Suite struct InventoryBadInputCLITests {
    static let cases: [(name: String, bytes: [UInt8], message: String)] = [
        ("empty.txt", [], "1: expected a capture, found an empty file"),
        ("prose.txt", Array("Dear admin,\nplease patch.\n".utf8), "unrecognised format, tried systeminfo"),
        (
            "nohotfix.txt",
            Array(
                "Host Name:                 X\nOS Name:                   Microsoft Windows Server 2019\nOS Version:                10.0.17763 N/A Build 17763\nHotfix(s):                 N/A\n"
                    .utf8), "1: expected installed KBs for X (systeminfo), found none"
        ),
        (
            "binary.bin", [0x7F, 0x45, 0x4C, 0x46, 0, 1, 0, 0, 0, 3, 0, 0],
            "cannot decode: binary content (NUL bytes), not text"
        ),
        (
            "odd.txt", [0xFF, 0xFE, 0x4B, 0x00, 0x42],
            "cannot decode: UTF-16LE with an odd number of bytes (a lone byte at byte 4)"
        ),
    ]

    @Test(arguments: cases.indices)
    func badInputLeavesTheLedgerUnchanged(_ index: Int) throws {
        let (name, bytes, message) = Self.cases[index]
        let cli = try CLI()
        _ = try cli.run(["import", "inventory", "--scanned-at", "2023-08-28", "catalogs/fleet/scans/2023-08-28"])
        let before = try Ledger(path: cli.db).dump()
        let file = cli.folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        let result = try cli.run(["import", "inventory", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: \(file.path):"))
        #expect(result.stderr.contains(message))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try Ledger(path: cli.db).dump() == before)
    }
}

/// A streamed file (8 MB or more) that fails after thousands of records: the run ends with nothing written,
/// and under --keep-going only that file's records are undone.
@Suite struct InventoryStreamedFailureCLITests {
    @Test func aStreamedFileFailingLateLeavesNoneOfItsRecords() throws {
        let cli = try CLI()
        _ = try cli.run(["import", "inventory", "--scanned-at", "2023-08-28", "catalogs/fleet/scans/2023-08-28"])
        let before = try Ledger(path: cli.db).dump()
        let kbs = (0..<40).map { "\"KB\(5_000_000 + $0)\"" }.joined(separator: ", ")
        var records = (0..<24_000).map { index in
            #"{"vm": "bulk-\#(index)", "scannedAt": "2023-08-29T00:00:00Z", "os": "Windows Server 2019", "kbs": [\#(kbs)]}"#
        }
        records.append(#"{"vm": "broken", "scannedAt": "2023-08-29T00:00:00Z"}"#)
        let big = cli.folder.appendingPathComponent("fleet.json")
        try Data(("[" + records.joined(separator: ",\n") + "]\n").utf8).write(to: big)
        #expect(try FileManager.default.attributesOfItem(atPath: big.path)[.size] as? Int ?? 0 >= 8 << 20)

        let aborted = try cli.run(["import", "inventory", "--quiet", big.path])
        #expect(aborted.status == 2)
        #expect(aborted.stderr.contains("fleet.json"), "\(aborted.stderr)")
        #expect(try Ledger(path: cli.db).dump() == before)

        let small = cli.folder.appendingPathComponent("one.json")
        try Data(
            #"[{"vm": "solo", "scannedAt": "2023-08-29T00:00:00Z", "os": "Windows Server 2019", "kbs": ["KB5028168"]}]"#
                .utf8
        ).write(to: small)
        let going = try cli.run(["import", "inventory", "--quiet", "--keep-going", big.path, small.path])
        #expect(going.status == 2)
        #expect(going.stdout == "1 files: 1 snapshots added, 0 unchanged, 1 files failed\n", "\(going.stdout)")
        let vms = try Ledger(path: cli.db).dump()["vms"]?.map { $0[1] } ?? []
        #expect(vms.contains("\"solo\""))
        #expect(!vms.contains { $0.hasPrefix("\"bulk-") })
    }
}

@Suite struct ScanCLITests {
    func sampleLedger() throws -> CLI {
        let cli = try CLI()
        _ = try cli.run(["import", "catalog", "--quiet", "catalogs/msrc", "catalogs/wsus"])
        _ = try cli.run(["import", "fleet", "catalogs/fleet/manifest.csv"])
        for day in ["2023-08-28", "2023-09-04"] {
            _ = try cli.run(["import", "inventory", "--quiet", "--scanned-at", day, "catalogs/fleet/scans/\(day)"])
        }
        return cli
    }

    @Test func scanJSONListsWhatEachVMMustInstall() throws {
        let cli = try sampleLedger()
        let result = try cli.run(["scan", "--as-of", "2023-08-28", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["asOf"] as? String == "2023-08-28")
        let vms = try #require(json["vms"] as? [[String: Any]])
        let missing = Dictionary(
            uniqueKeysWithValues: vms.map { vm in
                (
                    vm["vm"] as? String ?? "",
                    (vm["missing"] as? [[String: Any]] ?? []).compactMap { $0["kb"] as? String }
                )
            })
        #expect(
            missing == [
                "app-01": [], "db-01": ["KB5029242"], "web-01": [], "web-02": ["KB5029247"], "web-03": ["KB5029247"],
            ])
        let db = try #require(vms.first { $0["vm"] as? String == "db-01" })
        #expect(db["status"] as? String == "evaluated")
        #expect(db["oldestMissingDays"] as? Int == 48)
        let update = try #require((db["missing"] as? [[String: Any]])?.first)
        #expect(update["covers"] as? [String] == ["KB5028169"])
        #expect(update["released"] as? String == "2023-08-08")
        #expect(update["severity"] as? String == "Critical")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["compliant"] as? Int == 2)
        #expect(summary["nonCompliant"] as? [String: Int] == ["critical": 3])
    }

    @Test func failOnExitsOneOnlyWhenAFindingReachesTheSeverity() throws {
        let cli = try sampleLedger()
        #expect(try cli.run(["scan", "--as-of", "2023-09-04", "--fail-on", "critical"]).status == 1)
        #expect(try cli.run(["scan", "--as-of", "2023-09-04", "--vm", "web-01", "--fail-on", "any"]).status == 0)
        #expect(try cli.run(["scan", "--as-of", "2023-09-04"]).status == 0)
        #expect(try cli.run(["scan", "--fail-on", "sometimes"]).status == 64)
    }

    @Test func csvHasOneRowPerVMAndMissingUpdate() throws {
        let cli = try sampleLedger()
        let result = try cli.run(["scan", "--as-of", "2023-09-04", "--format", "csv"])
        let rows = result.stdout.split(separator: "\r\n")
        #expect(rows.first?.hasPrefix("vm,group,product,build,scanned_at,status,kb,severity") == true)
        #expect(rows.count == 6)
        #expect(
            rows.contains {
                $0.hasPrefix(
                    "web-03,web,Windows Server 2019,10.0.17763.4645,2023-09-04T00:00:00Z,evaluated,KB5029247,Critical")
            })
    }
}

@Suite struct LagCLITests {
    @Test func lagJSONHasImagesVMsAndProblemsAndFailOnStaleExitsOne() throws {
        let cli = try ScanCLITests().sampleLedger()
        _ = try cli.run(["import", "builds", "catalogs/builds"])
        let manifest = cli.folder.appendingPathComponent("extra.csv")
        try "vm,image\nodd-01,MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest\n".write(
            to: manifest, atomically: true, encoding: .utf8)
        _ = try cli.run(["import", "fleet", manifest.path])
        let result = try cli.run(["lag", "--as-of", "2023-09-04", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let images = try #require(json["images"] as? [[String: Any]])
        let stale = images.filter { $0["stale"] as? Bool == true }.compactMap { $0["image"] as? String }
        #expect(stale == ["MicrosoftWindowsServer:WindowsServer:2016-Datacenter:14393.5989.230607"])
        let web = try #require(images.first { ($0["image"] as? String)?.contains("17763.4645") == true })
        #expect(web["lagDays"] as? Int == 28)
        #expect((web["patchLevel"] as? [String: String])?["kb"] == "KB5028168")
        let vms = try #require(json["vms"] as? [[String: Any]])
        let still = vms.filter { $0["updatedSinceDeploy"] as? Bool == false }.compactMap { $0["vm"] as? String }
        #expect(still == ["app-01", "web-03"])
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.compactMap { $0["vm"] as? String } == ["odd-01"])
        #expect(try cli.run(["lag", "--as-of", "2023-09-04", "--fail-on", "stale"]).status == 1)
        // Nothing is stale within 60 days, but odd-01's image cannot be measured: the gate fails closed.
        let gate = ["lag", "--as-of", "2023-09-04", "--fail-on", "stale", "--max-days", "60"]
        let unmeasured = try cli.run(gate)
        #expect(unmeasured.status == 1)
        #expect(
            unmeasured.stderr.contains(
                "warning: 1 VM whose image cannot be measured, not judged: odd-01 (the problems listed say why)"),
            "\(unmeasured.stderr)")
        #expect(try cli.run(gate + ["--allow-unknown"]).status == 0)
        #expect(try cli.run(gate + ["--group", "web"]).status == 0, "odd-01 is in no group: out of scope")
        // Without --fail-on it is said, and the exit is 0.
        let plain = try cli.run(["lag", "--as-of", "2023-09-04", "--max-days", "60"])
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("cannot be measured, not judged: odd-01"))
    }

    @Test func aLagGateWithNoImageToMeasureFailsClosed() throws {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc"])
        let capture = cli.folder.appendingPathComponent("scan.json")
        try Data(
            #"[{"vm": "web-01", "scannedAt": "2023-08-20T00:00:00Z", "os": "Windows Server 2019", "build": "17763.4645", "kbs": ["KB5028168"]}]"#
                .utf8
        ).write(to: capture)
        try cli.succeed(["import", "inventory", "--quiet", capture.path])
        let gate = ["lag", "--as-of", "2023-08-31", "--fail-on", "stale"]
        let nothing = try cli.run(gate)
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("no VM in scope names an image (import fleet gives VMs theirs)"))
        #expect(try cli.run(gate + ["--allow-unknown"]).status == 0)
    }
}

@Suite struct ReportCLITests {
    @Test func theHTMLReportIsWellFormedSelfContainedAndEscapesHostNames() throws {
        let cli = try ScanCLITests().sampleLedger()
        let hostile = cli.folder.appendingPathComponent("hostile.json")
        try
            #"{"vm": "<script>alert(1)</script>", "scannedAt": "2023-09-01T00:00:00Z", "os": "Windows Server 2019 Datacenter", "build": "17763", "kbs": ["KB5027222"]}"#
            .write(to: hostile, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", "inventory", hostile.path]).status == 0)
        let html = cli.folder.appendingPathComponent("report.html")
        let result = try cli.run(["report", "--as-of", "2023-09-04", "--html", html.path])
        #expect(result.status == 0)
        #expect(result.stdout == html.path + "\n")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(!page.contains("<script>alert(1)</script>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Self-contained: the only external references are KB and CVE links; no stylesheets, fonts or scripts.
        let references = page.matches(of: /https?:\/\/[^"'<> ]+/).map { String($0.output) }
        #expect(!references.isEmpty)
        #expect(
            references.allSatisfy {
                $0.hasPrefix("https://support.microsoft.com/help/")
                    || $0.hasPrefix("https://msrc.microsoft.com/update-guide/vulnerability/CVE-")
            })
        #expect(
            !page.contains("<link") && !page.contains("src=") && !page.contains("@import") && !page.contains("url("))
        #expect(page.contains("<svg"))
        // Well-formed: the page without its doctype parses as XML.
        let xmllint = "/usr/bin/xmllint"
        if FileManager.default.isExecutableFile(atPath: xmllint) {
            let body = cli.folder.appendingPathComponent("body.xml")
            try page.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "").write(
                to: body, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments = ["--noout", body.path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }

    @Test func catalogDriftListsWhatEachImportBrought() throws {
        let cli = try CLI()
        _ = try cli.run(["import", "catalog", "--quiet", "catalogs/msrc"])
        let result = try cli.run(["drift", "--catalog", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let imports = try #require(json["imports"] as? [[String: Any]])
        #expect(imports.count == 3)
        let july = try #require(imports.first { ($0["releases"] as? [String])?.contains("KB5028168") == true })
        #expect(july["releases"] as? [String] == ["KB5028168", "KB5028169", "KB5028171"])
        #expect((july["importRecord"] as? [String: Any])?["documentKey"] as? String == "2023-Jul")
    }

    @Test func driftJSONHasTheDocumentedShape() throws {
        let cli = try ScanCLITests().sampleLedger()
        let result = try cli.run(["drift", "--since", "2023-08-28", "--until", "2023-09-04", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let vms = try #require(json["vms"] as? [[String: Any]])
        let web2 = try #require(vms.first { $0["vm"] as? String == "web-02" })
        #expect(web2["installed"] as? [String] == ["KB5029247"])
        #expect(web2["removed"] as? [String] == ["KB5028168"])
        #expect(web2["fixed"] as? [String] == ["KB5029247"])
        let fleet = try #require(json["fleet"] as? [String: Any])
        let days = try #require(fleet["days"] as? [[String: Any]])
        #expect(days.last?["compliantPct"] as? Double == 80)
        let peers = try #require(json["peers"] as? [[String: Any]])
        #expect(peers.compactMap { $0["vm"] as? String } == ["web-03"])
    }
}

/// `scan --format json` end to end over the six real CVRF documents and the real captures.
@Suite(
    .enabled(
        if: FileManager.default.fileExists(atPath: CLI.root.deletingLastPathComponent().path + "/shared/data/msrc"),
        "../shared/data is absent"))
struct RealScanCLITests {
    @Test func eachServerVMMissesAtMostOneCumulativeUpdateTheNewest() throws {
        let cli = try CLI()
        let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")
        #expect(try cli.run(["import", "catalog", "--quiet", shared.appendingPathComponent("msrc").path]).status == 0)
        // Every capture but the Windows Update search result (updates not installed, refused).
        let folder = shared.appendingPathComponent("inventories")
        let captures = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { !$0.hasSuffix("_updates.txt") }.map { folder.appendingPathComponent($0).path }
        #expect(try cli.run(["import", "inventory", "--quiet", "--scanned-at", "2026-11-01"] + captures).status == 0)
        let result = try cli.run(["scan", "--as-of", "2026-11-29", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let vms = try #require(json["vms"] as? [[String: Any]])
        let newest = [
            "Windows Server 2016": "KB5068864", "Windows Server 2019": "KB5068791", "Windows Server 2022": "KB5068787",
        ]
        let servers = vms.filter { newest[$0["product"] as? String ?? ""] != nil }
        #expect(servers.count == 3)
        for vm in servers {
            let missing = (vm["missing"] as? [[String: Any]] ?? []).compactMap { $0["kb"] as? String }
            #expect(missing == [newest[vm["product"] as? String ?? ""] ?? ""], "\(vm["vm"] ?? "")")
        }
    }
}

/// Three different machines named LAPTOP in one run (another OS, another build, another install date) are not
/// merged into one VM with invented drift: each conflict names both files, and nothing is written.
@Suite struct SameHostCLITests {
    /// The repository's English systeminfo capture with its host, OS name, build and install date replaced.
    static func capture(os: String, build: String, installed: String) throws -> String {
        let text = try String(
            contentsOfFile: "\(CLI.root.path)/\(InventoryCLITests.fixtures)/systeminfo-en.txt", encoding: .utf8)
        return
            text
            .replacingOccurrences(of: "WEB-01", with: "LAPTOP")
            .replacingOccurrences(of: "Microsoft Windows Server 2019 Datacenter", with: os)
            .replacingOccurrences(of: "10.0.17763 N/A Build 17763", with: "10.0.\(build) N/A Build \(build)")
            .replacingOccurrences(of: "7/20/2023, 10:12:01 AM", with: installed)
    }

    @Test func threeMachinesOfOneHostNameAreAConflictNamingBothFiles() throws {
        let cli = try CLI()
        let folder = cli.folder.appendingPathComponent("laptops")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let server = "Microsoft Windows Server 2019 Datacenter"
        let captures = [
            ("a.txt", try Self.capture(os: server, build: "17763", installed: "7/20/2023, 10:12:01 AM")),
            (
                "b.txt",
                try Self.capture(os: "Microsoft Windows 10 Pro", build: "17763", installed: "7/20/2023, 10:12:01 AM")
            ),
            ("c.txt", try Self.capture(os: server, build: "17763", installed: "3/2/2021, 8:00:00 AM")),
        ]
        for (name, text) in captures {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let arguments = ["import", "inventory", "--scanned-at", "2023-08-10", folder.path]
        let refused = try cli.run(arguments)
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains(
                "\(folder.path)/b.txt: VM LAPTOP is also \(folder.path)/a.txt, a different machine "
                    + "(OS Microsoft Windows 10 Pro, not \(server)): not merged; import each with its own --vm NAME"),
            "\(refused.stderr)")
        #expect(!(try cli.run(["vms", "--format", "csv"]).stdout.contains("LAPTOP")), "nothing written")

        // --keep-going: the first capture is kept, each other machine reported with its own difference.
        let kept = try cli.run(["import", "inventory", "--keep-going", "--quiet"] + arguments.dropFirst(2))
        #expect(kept.status == 2)
        #expect(kept.stdout == "1 files: 1 snapshots added, 0 unchanged, 2 files failed\n")
        #expect(kept.stderr.contains("c.txt: VM LAPTOP is also \(folder.path)/a.txt"))
        #expect(kept.stderr.contains("(installed 3/2/2021, 8:00:00 AM, not 7/20/2023, 10:12:01 AM)"))

        // Given its own name, the second machine is its own VM.
        let own = try cli.run(
            [
                "import", "inventory", "--scanned-at", "2023-08-10", "--vm", "LAPTOP-2",
                folder.appendingPathComponent("b.txt").path,
            ])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try cli.run(["vms", "--format", "csv"]).stdout.contains("LAPTOP-2,"))
    }

    /// The same machine captured twice (a later scan, a newer UBR) is one VM with two snapshots.
    @Test func oneMachineCapturedTwiceIsOneVM() throws {
        let cli = try CLI()
        let folder = cli.folder.appendingPathComponent("one")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let server = "Microsoft Windows Server 2019 Datacenter"
        try Self.capture(os: server, build: "17763", installed: "7/20/2023, 10:12:01 AM").write(
            to: folder.appendingPathComponent("monday.txt"), atomically: true, encoding: .utf8)
        try Self.capture(os: server, build: "17763", installed: "7/20/2023, 10:12:01 AM").replacingOccurrences(
            of: "[04]: KB5027397", with: "[04]: KB5027397\n                           [05]: KB5029247"
        ).replacingOccurrences(of: "4 Hotfix(s)", with: "5 Hotfix(s)").write(
            to: folder.appendingPathComponent("tuesday.txt"), atomically: true, encoding: .utf8)
        // Dated by their files (systeminfo states no date): Monday's and Tuesday's.
        for (name, day) in [("monday.txt", 1_691_366_400), ("tuesday.txt", 1_691_452_800)] {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: TimeInterval(day))],
                ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        let result = try cli.run(["import", "inventory", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 files: 2 snapshots added"))
        let vms = try cli.run(["vms", "--format", "csv"]).stdout
        #expect(vms.components(separatedBy: "LAPTOP").count == 2, "one VM: \(vms)")
    }
}
