import Foundation
import PatchLedgerReport
import Testing

@testable import patchledger

/// The CLI follows its ecosystem's conventions (README, "Commands").
@Suite struct ConventionsTests {
    @Test func versionNamesTheToolTheSchemaAndTheNewestCatalogDocument() throws {
        let cli = try CLI()
        let empty = try cli.run(["--version"])
        #expect(empty.status == 0)
        #expect(empty.stdout.hasPrefix("patchledger \(PatchLedger.toolVersion)\nledger schema "))
        #expect(empty.stdout.contains("catalog: no ledger at \(cli.db)"))
        try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc"])
        let held = try cli.run(["--version"])
        #expect(held.stdout.contains("catalog: newest document 2023-Aug, released 2023-08-08"))
    }

    @Test func theLedgerOptionIsReadBeforeTheSubcommandAsWellAsAfter() throws {
        let cli = try CLI()
        let other = cli.folder.appendingPathComponent("other.sqlite").path
        try cli.succeed(["--db", other, "import", "catalog", "--quiet", "catalogs/msrc"])
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: cli.db))
        let before = try cli.run(["--db=\(other)", "catalog", "stats", "--format", "json"])
        let after = try cli.run(["catalog", "stats", "--format", "json", "--db", other])
        #expect(before.status == 0)
        #expect(before.stdout == after.stdout)
        #expect(before.stdout.contains("\"updates\""))
    }

    @Test func everyImportTakesQuietWithOneMeaning() throws {
        let cli = try CLI()
        let imports: [[String]] = [
            ["import", "catalog", "catalogs/msrc"], ["import", "fleet", "catalogs/fleet/manifest.csv"],
            ["import", "builds", "catalogs/builds"],
            ["import", "inventory", "--scanned-at", "2023-09-04", "catalogs/fleet/scans/2023-09-04"],
        ]
        for arguments in imports {
            let result = try cli.run(arguments + ["--quiet"])
            #expect(result.status == 0, "\(arguments)")
            // One summary line on stdout; on stderr at most a count of warnings.
            #expect(result.stdout.split(separator: "\n").count == 1, "\(arguments): \(result.stdout)")
            #expect(
                result.stderr.split(separator: "\n").allSatisfy { $0.hasSuffix("(run without --quiet to list them)") })
        }
    }

    @Test func tablesFitTheColumnsTheyAreGiven() throws {
        let cli = try FailClosedTests.demo()
        for arguments in [["vms"], ["scan", "--as-of", "2023-09-04"], ["catalog", "show", "KB5029247"], ["drift"]] {
            let narrow = try cli.run(arguments, environment: ["COLUMNS": "100"])
            #expect(narrow.status == 0, "\(arguments)")
            let widest = narrow.stdout.split(separator: "\n").map(\.count).max() ?? 0
            #expect(widest <= 100, "\(arguments): \(widest) columns")
        }
        let narrow = try cli.run(["vms"], environment: ["COLUMNS": "100"]).stdout
        #expect(narrow.contains("MicrosoftWindo…"))
        // --wide, and output that is not a terminal with no $COLUMNS, keep every value whole.
        let wide = try cli.run(["vms", "--wide"], environment: ["COLUMNS": "100"]).stdout
        #expect(wide.contains("MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.4645.230707"))
        #expect(try cli.run(["vms"]).stdout == wide)
    }

    @Test func warningsOfOneKindAreOneLineWithACountAndVerboseListsEach() throws {
        let cli = try CLI()
        let grouped = try cli.run(["import", "catalog", "catalogs/msrc"])
        #expect(
            grouped.stderr
                == "warning: skipped 'Known Issue' remediations: 3 in 3 files, first catalogs/msrc/cvrf-2023-Aug.xml "
                + "(--verbose lists each)\n")
        let each = try cli.run(["import", "catalog", "--verbose", "catalogs/msrc"])
        // A file-wide warning has no position (it had a meaningless `:0:`).
        #expect(
            each.stderr.split(separator: "\n") == [
                "warning: catalogs/msrc/cvrf-2023-Aug.xml: skipped 6 'Known Issue' remediation(s)",
                "warning: catalogs/msrc/cvrf-2023-Jul.xml: skipped 9 'Known Issue' remediation(s)",
                "warning: catalogs/msrc/cvrf-2023-Jun.xml: skipped 6 'Known Issue' remediation(s)",
            ])
    }

    /// Under a pseudo-terminal (util-linux `script`), an import draws its progress line on stderr; through a
    /// pipe it never does.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func anImportShowsProgressOnATerminalOnly() throws {
        let cli = try CLI()
        let command = [
            CLI.binary.path, "import", "inventory", "--db", cli.db, "--scanned-at", "2023-09-04",
            "catalogs/fleet/scans/2023-09-04",
        ].joined(separator: " ")
        let terminal = try cli.run(["/usr/bin/script", "-qec", command, "/dev/null"], executable: "/usr/bin/script")
        #expect(terminal.status == 0)
        #expect(terminal.stdout.contains("\r\u{1B}[K0/5 files (0%), 0 snapshots"))
        let piped = try cli.run([
            "import", "inventory", "--scanned-at", "2023-09-05", "catalogs/fleet/scans/2023-09-04",
        ])
        #expect(!piped.stderr.contains("\r"))
        #expect(!piped.stdout.contains("\r"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func severitiesHaveColourOnATerminalOnly() throws {
        let cli = try FailClosedTests.demo()
        let scan = [CLI.binary.path, "scan", "--db", cli.db, "--as-of", "2023-08-28"].joined(separator: " ")
        func underTerminal(_ command: String) throws -> String {
            try cli.run(["/usr/bin/script", "-qec", command, "/dev/null"], executable: "/usr/bin/script").stdout
        }
        let coloured = try underTerminal(scan)
        #expect(coloured.contains("  \u{1B}[1;31mCritical\u{1B}[0m  "), "\(coloured)")
        #expect(try !underTerminal("NO_COLOR=1 " + scan).contains("\u{1B}[1;31m"))
        #expect(try !underTerminal(scan + " --no-color").contains("\u{1B}[1;31m"))
        let piped = try cli.run(["scan", "--as-of", "2023-08-28"])
        #expect(piped.stdout.contains("  Critical  "))
        #expect(!piped.stdout.contains("\u{1B}["))
    }

    @Test func theReportTakesFormatLikeEveryCommandWithOutput() throws {
        let cli = try FailClosedTests.demo()
        let json = try cli.json(["report", "--as-of", "2023-09-04", "--format", "json"])
        #expect(json["schemaVersion"] as? Int == JSONOutput.schemaVersion)
        #expect((json["summary"] as? [String: Any])?["compliant"] as? Int == 4)
        #expect(((json["fleet"] as? [String: Any])?["days"] as? [Any])?.count == 31)
        let csv = try cli.run(["report", "--as-of", "2023-09-04", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("vm,group,product,build,scanned_at,status,kb,"))
        let page = cli.folder.appendingPathComponent("r.html").path
        #expect(try cli.run(["report", "--as-of", "2023-09-04", "--html", page]).stdout == page + "\n")
        #expect(try cli.run(["report", "--as-of", "2023-09-04"]).status == 64)
    }
}
