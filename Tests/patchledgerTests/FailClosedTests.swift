import Foundation
import PatchLedgerKit
import PatchLedgerStore
import Testing

/// A gate in cron or CI reads exit 0 as "the fleet is patched": what cannot be judged must not pass silently
/// (README, "Exit codes").
@Suite struct FailClosedTests {
    /// The demo ledger: three months of MSRC documents (newest update 2023-08-08), the manifest, two scan days.
    static func demo() throws -> CLI {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc"])
        try cli.succeed(["import", "fleet", "catalogs/fleet/manifest.csv"])
        for day in ["2023-08-28", "2023-09-04"] {
            try cli.succeed(["import", "inventory", "--quiet", "--scanned-at", day, "catalogs/fleet/scans/\(day)"])
        }
        return cli
    }

    @Test func aFilterThatNamesNothingIsAUsageErrorListingWhatExists() throws {
        let cli = try Self.demo()
        let cases: [([String], String)] = [
            (["scan", "--classification", "Security Update"], "known: Security Updates"),
            (["scan", "--vm", "web-1"], "known: app-01, db-01, web-01, web-02, web-03"),
            (["scan", "--group", "webs"], "known: app, data, web"),
            (["scan", "--product", "Windows Server 2091"], "Windows Server 2019"),
            (["lag", "--group", "webs"], "known: app, data, web"),
            (["lag", "--image", "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest"], "known: "),
            (["drift", "--vm", "web-1"], "known: app-01, db-01, web-01, web-02, web-03"),
            (["drift", "--group", "webs"], "known: app, data, web"),
            (["scan", "--min-severity", "4"], "'critical'"),
        ]
        for (arguments, known) in cases {
            let result = try cli.run(arguments + ["--as-of", "2023-09-04"].filter { _ in arguments[0] != "drift" })
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(known), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        // Names match in any letter case, as everywhere else.
        #expect(try cli.run(["scan", "--as-of", "2023-09-04", "--vm", "WEB-01", "--group", "Web"]).status == 0)
        #expect(try cli.run(["scan", "--as-of", "2023-09-04", "--classification", "security updates"]).status == 0)
    }

    @Test func aReadCommandOnAMissingLedgerFailsAndCreatesNothing() throws {
        let cli = try CLI()
        let missing = cli.folder.appendingPathComponent("typo-ledger.sqlite").path
        for command in [["scan"], ["lag"], ["drift"], ["vms"], ["catalog", "stats"], ["report", "--html", "r.html"]] {
            let result = try cli.run(command + ["--db", missing])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.contains("no ledger at \(missing)"), "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(command) created the ledger")
        }
    }

    @Test func noCatalogFailsTheGateUnlessAllowed() throws {
        let cli = try CLI()
        try cli.succeed([
            "import", "inventory", "--quiet", "--scanned-at", "2023-09-04", "catalogs/fleet/scans/2023-09-04",
        ])
        let gated = try cli.run(["scan", "--as-of", "2023-09-04", "--fail-on", "critical"])
        #expect(gated.status == 1)
        #expect(gated.stderr.contains("warning: the ledger holds no catalog"))
        #expect(try cli.run(["scan", "--as-of", "2023-09-04", "--fail-on", "critical", "--allow-unknown"]).status == 0)
        // Without a gate it is said, and the scan still prints.
        let plain = try cli.run(["scan", "--as-of", "2023-09-04"])
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("holds no catalog"))
    }

    @Test func anUnknownProductOrAVMNeverScannedFailsTheGateUnlessAllowed() throws {
        let cli = try Self.demo()
        let odd = cli.folder.appendingPathComponent("odd.json")
        try Data(
            #"[{"vm": "odd-01", "scannedAt": "2023-09-01T00:00:00Z", "os": "Windows 3.11", "kbs": []}]"#.utf8
        ).write(to: odd)
        try cli.succeed(["import", "inventory", "--quiet", odd.path])
        let gated = try cli.run(["scan", "--as-of", "2023-09-04", "--vm", "odd-01", "--fail-on", "critical"])
        #expect(gated.status == 1)
        #expect(gated.stderr.contains("1 VM of a product the catalog does not know, not judged: odd-01"))
        #expect(
            try cli.run(["scan", "--as-of", "2023-09-04", "--vm", "odd-01", "--fail-on", "critical", "--allow-unknown"])
                .status == 0)
        // drift, lag and report say it too.
        #expect(try cli.run(["drift", "--until", "2023-09-04"]).stderr.contains("not judged: odd-01"))
        #expect(try cli.run(["lag", "--as-of", "2023-09-04"]).stderr.contains("not judged: odd-01"))
        let page = cli.folder.appendingPathComponent("r.html").path
        #expect(
            try cli.run(["report", "--as-of", "2023-09-04", "--html", page]).stderr.contains("not judged: odd-01"))
        // Before its first scan, web-01 is in the manifest but cannot be judged.
        let early = try cli.run(["scan", "--as-of", "2023-08-20", "--vm", "web-01", "--fail-on", "critical"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("1 VM with no scan on or before 2023-08-20, not judged: web-01"))
    }

    /// A ledger with a catalog and no VM (an inventory import that never ran): nothing was judged.
    @Test func aGateOverNoVMFailsUnlessAllowed() throws {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc"])
        let gate = ["scan", "--as-of", "2023-08-31", "--fail-on", "critical"]
        let empty = try cli.run(gate)
        #expect(empty.status == 1)
        #expect(
            empty.stderr.contains(
                "warning: the ledger holds no VM (import inventory, or import fleet): nothing was judged"),
            "\(empty.stderr)")
        #expect(try cli.run(gate + ["--allow-unknown"]).status == 0)
        let plain = try cli.run(["scan", "--as-of", "2023-08-31"])
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("the ledger holds no VM"))
        let report = try cli.run(["report", "--as-of", "2023-08-31", "--format", "json"])
        #expect(report.stdout.contains("the ledger holds no VM"))
    }

    @Test func aStaleCatalogFailsTheGateUnlessAllowed() throws {
        let cli = try Self.demo()
        // web-01 lacks nothing the catalog knows; the catalog's newest update is 145 days old on 2023-12-31.
        let arguments = ["scan", "--as-of", "2023-12-31", "--vm", "web-01", "--fail-on", "critical"]
        let stale = try cli.run(arguments)
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("the catalog's newest update was released on 2023-08-08 (2023-Aug), 145 days"))
        #expect(try cli.run(arguments + ["--allow-unknown"]).status == 0)
        #expect(try cli.run(arguments + ["--max-catalog-age", "200"]).status == 0)
        #expect(try cli.run(["scan", "--as-of", "2023-09-04", "--vm", "web-01", "--fail-on", "critical"]).status == 0)
    }

    @Test func explainSaysWhyAKBIsOrIsNotToInstallPerVM() throws {
        let cli = try Self.demo()
        let explain = { (kb: String) in
            try cli.run(["scan", "--as-of", "2023-09-04", "--explain", kb]).stdout.split(separator: "\n")
                .map(String.init)
        }
        let august = try explain("KB5029247")
        #expect(august.contains("web-03: KB5029247: to install"))
        #expect(august.contains("web-01: KB5029247: installed"))
        #expect(
            august.contains {
                $0.hasPrefix(
                    "app-01: KB5029247: not in the answer: the catalog lists no KB5029247 for Windows Server 2022")
            })
        let june = try explain("KB5027222")
        #expect(
            june.contains(
                "web-03: KB5027222: not needed: replaced by KB5028168, installed (the catalog's supersedence)"))
        #expect(try cli.run(["scan", "--explain", "soon"]).status == 64)
    }

    @Test func aMonthTheCatalogLacksIsListedAndFailsTheGateOfTheVMsServicedThen() throws {
        let cli = try CLI()
        // June and August, without July: the July cumulative updates are unknown.
        try cli.succeed([
            "import", "catalog", "--quiet", "catalogs/msrc/cvrf-2023-Jun.xml", "catalogs/msrc/cvrf-2023-Aug.xml",
        ])
        try cli.succeed(["import", "fleet", "catalogs/fleet/manifest.csv"])
        try cli.succeed([
            "import", "inventory", "--quiet", "--scanned-at", "2023-09-04", "catalogs/fleet/scans/2023-09-04",
        ])
        let stats = try cli.run(["catalog", "stats"])
        #expect(stats.stdout.contains("no MSRC document for 1 months between the first and the newest: 2023-Jul\n"))
        #expect(try cli.json(["catalog", "stats", "--format", "json"])["missingMonths"] as? [String] == ["2023-Jul"])
        let arguments = ["scan", "--as-of", "2023-09-04", "--vm", "web-01", "--fail-on", "critical"]
        let gap = try cli.run(arguments)
        #expect(gap.status == 1)
        #expect(
            gap.stderr.contains(
                "warning: the catalog lacks the MSRC documents of 2023-Jul, when 1 product of these VMs was serviced "
                    + "(Windows Server 2019)"), "\(gap.stderr)")
        #expect(try cli.run(arguments + ["--allow-unknown"]).status == 0)
        // Before the gap, nothing is missing for the answer.
        #expect(!(try cli.run(["scan", "--as-of", "2023-06-30", "--vm", "web-01"]).stderr.contains("lacks")))
        #expect(
            try cli.run(["lag", "--as-of", "2023-09-04"]).stderr.contains(
                "the catalog lacks the MSRC documents of 2023-Jul"))
    }
}

/// Exploited CVEs first (issue: "Exploited and scored"): the demo's July 2023 document marks CVE-2023-32046 and
/// CVE-2023-32049 exploited, as MSRC did.
@Suite struct ExploitedTests {
    @Test func theExploitedFilterKeepsOnlyUpdatesClosingAnExploitedCVE() throws {
        let cli = try FailClosedTests.demo()
        let all = try cli.json(["scan", "--as-of", "2023-08-28", "--format", "json"])
        let vms = try #require(all["vms"] as? [[String: Any]])
        func missing(_ vm: String, in vms: [[String: Any]]) -> [[String: Any]] {
            vms.first { $0["vm"] as? String == vm }?["missing"] as? [[String: Any]] ?? []
        }
        // db-01 (Server 2016) lacks July and August: the August update it needs closes July's exploited CVEs.
        let db = try #require(missing("db-01", in: vms).first)
        #expect(db["kb"] as? String == "KB5029242")
        #expect(db["exploited"] as? Bool == true)
        #expect((db["cvss"] as? Double ?? 0) >= 7.8)
        // web-02 lacks only August's, whose CVEs nobody exploited: the key is left out.
        let web = try #require(missing("web-02", in: vms).first)
        #expect(web["exploited"] == nil)
        let summary = try #require(all["summary"] as? [String: Any])
        #expect(summary["exposedToExploited"] as? Int == 1)
        let exploited = try cli.json(["scan", "--as-of", "2023-08-28", "--format", "json", "--exploited"])
        let kept = try #require(exploited["vms"] as? [[String: Any]])
        #expect(
            kept.flatMap { missing($0["vm"] as? String ?? "", in: kept) }.map { $0["kb"] as? String } == ["KB5029242"])
    }
}

/// Accepted risks: an ignore file names updates not to fail on, with a reason; ignored updates are listed apart.
@Suite struct IgnoreFileTests {
    @Test func anActiveEntryIgnoresAndAnExpiredOneStopsAndSaysSo() throws {
        let cli = try FailClosedTests.demo()
        let file = cli.folder.appendingPathComponent("accepted.txt")
        try """
        # accepted risks
        KB5029247 vm:web-02 until:2023-12-31 waiting for the vendor's driver
        KB5029242 group:data until:2023-08-01 maintenance window, passed
        CVE-2023-35385 * only one of KB5029247's CVEs: not enough to ignore it
        """.write(to: file, atomically: true, encoding: .utf8)
        let arguments = ["scan", "--as-of", "2023-08-28", "--ignore", file.path, "--format", "json"]
        let result = try cli.run(arguments)
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: \(file.path):3: KB5029242 expired on 2023-08-01: no longer ignored"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let vms = try #require(json["vms"] as? [[String: Any]])
        func vm(_ name: String) -> [String: Any] { vms.first { $0["vm"] as? String == name } ?? [:] }
        let ignored = try #require(vm("web-02")["ignored"] as? [[String: Any]])
        #expect(ignored.map { $0["kb"] as? String } == ["KB5029247"])
        #expect(ignored.first?["reason"] as? String == "waiting for the vendor's driver")
        #expect(ignored.first?["entry"] as? String == "\(file.path):2")
        #expect((vm("web-02")["missing"] as? [Any])?.isEmpty == true)
        // Expired: db-01 still lacks KB5029242; web-03 lacks KB5029247, one of whose two CVEs is accepted.
        #expect((vm("db-01")["missing"] as? [[String: Any]])?.first?["kb"] as? String == "KB5029242")
        #expect((vm("web-03")["missing"] as? [[String: Any]])?.first?["kb"] as? String == "KB5029247")
        #expect((json["summary"] as? [String: Any])?["ignoredUpdates"] as? Int == 1)
        // The gate passes web-02, and still fails on web-03.
        let gate = ["scan", "--as-of", "2023-08-28", "--ignore", file.path, "--fail-on", "critical"]
        #expect(try cli.run(gate + ["--vm", "web-02"]).status == 0)
        #expect(try cli.run(gate + ["--vm", "web-03"]).status == 1)
    }

    @Test func aLineWithoutAReasonOrAKBIsBadInput() throws {
        let cli = try FailClosedTests.demo()
        for (text, expected) in [
            ("KB5029247 vm:web-02\n", "expected a reason"), ("web-02 KB5029247 x\n", "expected a KB"),
        ] {
            let file = cli.folder.appendingPathComponent("bad-\(UUID().uuidString).txt")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try cli.run(["scan", "--as-of", "2023-08-28", "--ignore", file.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(file.path):1: \(expected)"), "\(result.stderr)")
        }
        let missing = try cli.run(["scan", "--ignore", cli.folder.appendingPathComponent("none.txt").path])
        #expect(missing.status == 2)
    }
}

/// Inputs that are not files never hang an import (a FIFO named `*.xml` blocked its read forever), and none is
/// passed over in silence.
@Suite struct SpecialFileTests {
    @Test func aFIFOGivenOrInAFolderIsReportedAndNothingOfTheRunWritten() throws {
        let cli = try CLI()
        let folder = cli.folder.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fifo = folder.appendingPathComponent("cvrf-2023-Sep.xml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let given = try cli.run(["import", "catalog", fifo])
        #expect(given.status == 2)
        #expect(given.stderr.contains("\(fifo): cannot read: not a regular file"), "\(given.stderr)")
        try FileManager.default.copyItem(
            at: CLI.root.appendingPathComponent("catalogs/msrc/cvrf-2023-Aug.xml"),
            to: folder.appendingPathComponent("cvrf-2023-Aug.xml"))
        let inFolder = try cli.run(["import", "catalog", folder.path])
        #expect(inFolder.status == 2)
        #expect(inFolder.stderr.contains("cvrf-2023-Sep.xml: cannot read: not a regular file"), "\(inFolder.stderr)")
        let updates =
            FileManager.default.fileExists(atPath: cli.db) ? try Ledger(path: cli.db).catalogStats().updates : 0
        #expect(updates == 0, "nothing of the run is written")
        // Inventories: --keep-going imports the rest, lists the FIFO as failed, and still exits 2.
        let scans = cli.folder.appendingPathComponent("scans")
        try FileManager.default.copyItem(
            at: CLI.root.appendingPathComponent("catalogs/fleet/scans/2023-08-28"), to: scans)
        #expect(mkfifo(scans.appendingPathComponent("zz-pipe.txt").path, 0o600) == 0)
        let strict = try cli.run(["import", "inventory", scans.path])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("zz-pipe.txt: cannot read: not a regular file"), "\(strict.stderr)")
        let going = try cli.run(["import", "inventory", "--keep-going", scans.path])
        #expect(going.status == 2)
        #expect(going.stdout.contains("snapshots added") && going.stdout.contains("1 files failed"), "\(going.stdout)")
    }

    @Test func aSymbolicLinkCycleInAFolderEndsTheSearch() throws {
        let cli = try CLI()
        let folder = cli.folder.appendingPathComponent("catalog")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLI.root.appendingPathComponent("catalogs/msrc/cvrf-2023-Aug.xml"),
            to: folder.appendingPathComponent("cvrf-2023-Aug.xml"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("loop").path, withDestinationPath: folder.path)
        let result = try cli.run(["import", "catalog", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("1 files: 3 updates added, 0 changed, 0 unchanged, 0 removed\n"))
    }

    @Test func aFileOverItsFormatsSizeLimitIsRefusedWithItsSize() throws {
        let cli = try CLI()
        let big = cli.folder.appendingPathComponent("big.txt")
        // 2 MB of a systeminfo capture's shape, against a limit lowered to 1 MB.
        let line = "                           [01]: KB5028168\n"
        try String(repeating: line, count: (2 << 20) / line.utf8.count + 1).write(
            to: big, atomically: true, encoding: .utf8)
        let refused = try cli.run(["import", "inventory", big.path], environment: ["PATCHLEDGER_MAX_FILE_MB": "1"])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains(
                "\(big.path): cannot read: 2 MB, over the 1 MB limit for an inventory file (PATCHLEDGER_MAX_FILE_MB raises it)"
            ),
            "\(refused.stderr)")
        let catalog = try cli.run(
            ["import", "catalog", "catalogs/msrc"], environment: ["PATCHLEDGER_MAX_FILE_MB": "0"])
        #expect(catalog.status == 0, "0 is no override: the default limits hold")
    }
}
