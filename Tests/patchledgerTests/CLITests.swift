import Foundation
import PatchLedgerCore
import PatchLedgerDigest
import PatchLedgerKit
import PatchLedgerStore
import Testing

@testable import patchledger

/// Runs the built `patchledger` binary end to end on a temporary ledger.
struct CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if folder.lastPathComponent == "MacOS" {  // an .xctest bundle on macOS
            folder = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        return folder.appendingPathComponent("patchledger")
    }()

    let folder: URL
    var db: String { folder.appendingPathComponent("ledger.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchledger-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// - Parameter executable: another program to run (its first argument is its own name), else patchledger.
    func run(_ arguments: [String], environment extra: [String: String] = [:], executable: String? = nil) throws
        -> Result
    {
        let process = Process()
        process.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? Self.binary
        process.arguments = executable == nil ? arguments : Array(arguments.dropFirst())
        process.currentDirectoryURL = Self.root
        var environment = ProcessInfo.processInfo.environment
        environment["PATCHLEDGER_DB"] = db
        // A test's output does not depend on the terminal `swift test` runs in, nor on its colour settings.
        environment["COLUMNS"] = nil
        environment["NO_COLOR"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes drained at once, so a child that fills one is never blocked while the other is read.
        nonisolated(unsafe) var stderr = Data()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            stderr = Self.readToEnd(err.fileHandleForReading.fileDescriptor)
            drained.signal()
        }
        let stdout = Self.readToEnd(out.fileHandleForReading.fileDescriptor)
        drained.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension CLI {
    /// Reads a pipe to its end, retrying reads a signal interrupts (`FileHandle.readDataToEndOfFile` traps
    /// on `EINTR`, which the SIGCHLD of concurrent tests' children causes).
    static func readToEnd(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }
}

@Suite struct CLITests {
    @Test func importThenReimportSaysUnchanged() throws {
        let cli = try CLI()
        let first = try cli.run(["import", "catalog", "catalogs/msrc"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("catalogs/msrc/cvrf-2023-Jul.xml: 2023-Jul rev 2: imported, 3 added"))
        // The Known Issue remediations are skipped with a warning; no progress line when stderr is a pipe.
        #expect(first.stderr.isEmpty == false)
        #expect(first.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("warning: ") })
        #expect(!first.stderr.contains("\r"))
        let before = try Ledger(path: cli.db).dump()
        let second = try cli.run(["import", "catalog", "catalogs/msrc"])
        #expect(second.status == 0)
        // The run is logged, one line per file, and nothing else changes.
        let after = try Ledger(path: cli.db).dump()
        #expect(after.filter { $0.key != "import_log" } == before.filter { $0.key != "import_log" })
        #expect(after["import_log"]?.count == 6)
        #expect(after["import_log"]?.filter { $0.contains("\"unchanged\"") }.count == 3)
        #expect(
            second.stdout.split(separator: "\n").dropLast().allSatisfy {
                $0.contains(": unchanged, 0 added, 0 changed, 3 unchanged")
            })
        #expect(second.stdout.hasSuffix("\n3 files: 0 updates added, 0 changed, 9 unchanged, 0 removed\n"))
        // --quiet: the summary alone, and the warnings counted, not listed.
        let quiet = try cli.run(["import", "catalog", "--quiet", "catalogs/msrc"])
        #expect(quiet.stdout == "3 files: 0 updates added, 0 changed, 9 unchanged, 0 removed\n")
        #expect(quiet.stderr == "warning: 3 warnings (run without --quiet to list them)\n")
    }

    @Test func showPrintsTheDocumentedJSON() throws {
        let cli = try CLI()
        _ = try cli.run(["import", "catalog", "--quiet", "catalogs/msrc"])
        let shown = try cli.run(["catalog", "show", "kb5028171", "--format", "json"])
        #expect(shown.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(json["kb"] as? String == "KB5028171")
        #expect(json["supersedes"] as? [String] == ["KB5026370", "KB5027225"])
        #expect(json["supersededBy"] as? [String] == ["KB5029250"])
        #expect(json["released"] as? String == "2023-07-11")
        for key in ["title", "classification", "subtype", "products", "fixedBuilds", "cves"] {
            #expect(json[key] != nil, "missing \(key)")
        }
    }

    @Test func historyAndStatsSpeakJSON() throws {
        let cli = try CLI()
        _ = try cli.run(["import", "catalog", "--quiet", "catalogs/msrc"])
        let history = try cli.run(["catalog", "history", "--format", "json"])
        let imports = try #require(
            (try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["imports"]
                as? [[String: Any]])
        #expect(imports.count == 3)
        #expect(imports.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let stats = try cli.run(["catalog", "stats", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["updates"] as? Int == 9)
        #expect(object["cves"] as? Int == 7)
    }

    @Test func badInputExitsTwoWithOneLineAndLeavesTheLedgerAlone() throws {
        let cli = try CLI()
        _ = try cli.run(["import", "catalog", "--quiet", "catalogs/msrc/cvrf-2023-Jun.xml"])
        let result = try cli.run([
            "import", "catalog", "catalogs/msrc/cvrf-2023-Jul.xml",
            "Tests/PatchLedgerImportTests/Resources/truncated.xml",
        ])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Error: Tests/PatchLedgerImportTests/Resources/truncated.xml:") == true)
        let history = try cli.run(["catalog", "history", "--format", "json"])
        #expect(history.stdout.components(separatedBy: "\"sha256\"").count == 2)
    }

    @Test func unknownKBExitsTwoAndUsageErrorsExit64() throws {
        let cli = try CLI()
        _ = try cli.run(["import", "catalog", "--quiet", "catalogs/msrc"])
        let missing = try cli.run(["catalog", "show", "KB1234567"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "Error: not in the ledger: KB1234567\n")
        #expect(try cli.run(["catalog", "show", "Release Notes"]).status == 64)
        #expect(try cli.run(["catalog", "show", "KB5028168", "--format", "xml"]).status == 64)
    }

    @Test func wsusFolderImportsWithItsMetadataAndDetectsItsFormat() throws {
        let cli = try CLI()
        let result = try cli.run(["import", "catalog", "catalogs/wsus"])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "catalogs/wsus/package.xml: wsusscn2 rev 2023-09-12T08:51:08Z: imported, 33 added, 0 changed, 0 unchanged, 0 removed\n"
                + "1 files: 33 updates added, 0 changed, 0 unchanged, 0 removed\n"
        )
        let shown = try cli.run(["catalog", "show", "KB5030214", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(
            json["title"] as? String
                == "2023-09 Cumulative Update for Windows Server 2019 for x64-based Systems (KB5030214)")
        #expect(json["supersedes"] as? [String] == ["KB5026362", "KB5027222", "KB5028168", "KB5029247"])
        // The digest, computed after the parse, is the package file's.
        let history = try cli.run(["catalog", "history", "--format", "json"])
        let imports = try #require(
            (try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["imports"]
                as? [[String: Any]])
        let package = CLI.root.appendingPathComponent("catalogs/wsus/package.xml")
        #expect(imports.first?["sha256"] as? String == SHA256.hex([UInt8](try Data(contentsOf: package))))
    }

    @Test func demoRunsOnTheBundledCatalogs() throws {
        let result = try CLI().run(["demo"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("catalogs/wsus/package.xml: wsusscn2"))
        #expect(result.stdout.contains("$ patchledger catalog show KB"))
    }

    @Test func argumentsParse() throws {
        let command = try ImportCatalog.parse(["--input-format", "msrc-cvrf", "--db", "x.sqlite", "a.xml", "folder"])
        #expect(command.paths == ["a.xml", "folder"])
        #expect(command.format == .msrcCVRF)
        #expect(command.ledger.path == "x.sqlite")
    }
}

@Suite struct WSUSReimportCLITests {
    @Test func theSamePackageAndFragmentsAreRecognisedWithoutReadingThem() throws {
        let cli = try CLI()
        let copy = cli.folder.appendingPathComponent("wsus")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("catalogs/wsus"), to: copy)
        let package = copy.appendingPathComponent("package.xml").path
        let first = try cli.run(["import", "catalog", package])
        #expect(first.stdout.contains(": imported, 33 added"))
        let before = try Ledger(path: cli.db).dump(excluding: ["imports"])
        let second = try cli.run(["import", "catalog", package])
        #expect(second.status == 0)
        #expect(second.stdout.contains(": unchanged, 0 added, 0 changed, 33 unchanged, 0 removed\n"))
        #expect(
            try Ledger(path: cli.db).dump(excluding: ["imports", "import_log"])
                == before.filter { $0.key != "import_log" })
        // A fragment edited: the package is read again, and the new fingerprint recorded.
        let fragments = copy.appendingPathComponent("x")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: fragments.path).sorted().first)
        let fragment = fragments.appendingPathComponent(name)
        try (String(contentsOf: fragment, encoding: .utf8) + "\n").write(
            to: fragment, atomically: true, encoding: .utf8)
        let third = try cli.run(["import", "catalog", package])
        #expect(third.status == 0)
        #expect(third.stdout.contains(": unchanged, 0 added, 0 changed, 33 unchanged"))
        #expect(try Ledger(path: cli.db).dump()["documents"] != before["documents"])
    }

    @Test func aDanglingSupersededByIsAWarningKeptInTheHistory() throws {
        let cli = try CLI()
        let copy = cli.folder.appendingPathComponent("wsus")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("catalogs/wsus"), to: copy)
        let package = copy.appendingPathComponent("package.xml")
        let text = try String(contentsOf: package, encoding: .utf8)
        let edited = try #require(text.range(of: "<Revision Id=\"40000007\" />"))
        try text.replacingCharacters(in: edited, with: "<Revision Id=\"49999999\" />").write(
            to: package, atomically: true, encoding: .utf8)
        let result = try cli.run(["import", "catalog", package.path])
        #expect(result.status == 0)
        let warning =
            "1 × SupersededBy RevisionIds naming no revision of the package (ignored), first: RevisionId 49999999"
        #expect(result.stderr.contains("warning: \(package.path): \(warning)"), "\(result.stderr)")
        let history = try cli.run(["catalog", "history"])
        #expect(history.stdout.hasSuffix("import 1: warning: \(warning)\n"))
        let json = try cli.json(["catalog", "history", "--format", "json"])
        let imports = try #require(json["imports"] as? [[String: Any]])
        #expect(imports.first?["warnings"] as? [String] == [warning])
    }
}
