import Foundation
import GRDB
import PatchLedgerKit
import PatchLedgerStore
import Testing

/// kill -9 at the worst moment: an import's rows and the findings they cause commit together or not at all.
@Suite struct CrashCLITests {
    /// Columns that say when an import ran, not what the ledger holds.
    static let bookkeeping: Set<String> = [
        "started_at", "finished_at", "logged_at", "imported_at", "manifest_imported_at", "manifest_stamp",
    ]

    /// Every table's rows, bookkeeping columns aside, sorted: what two runs of the same imports must agree on.
    static func content(_ path: String) throws -> [String: [String]] {
        try DatabaseQueue(path: path).read { db in
            var result: [String: [String]] = [:]
            let tables = try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
            )
            for table in tables {
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                    .filter { !bookkeeping.contains($0) }.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                result[table] = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table.quotedDatabaseIdentifier)")
                    .map { $0.databaseValues.map(\.description).joined(separator: "|") }.sorted()
            }
            return result
        }
    }

    /// Starts `patchledger arguments` stopped at the fault point `point`, and kills it there with SIGKILL.
    static func killed(at point: String, _ cli: CLI, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        var environment = ProcessInfo.processInfo.environment
        environment["PATCHLEDGER_DB"] = cli.db
        environment["PATCHLEDGER_FAULT_POINT"] = point
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var said = ""
        while !said.contains("fault point: \(point)") {
            let data = err.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            said += String(decoding: data, as: UTF8.self)
        }
        #expect(said.contains("fault point: \(point)"), "the import reached its findings step: \(said)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
    }

    @Test func anInventoryImportKilledInItsFindingsStepLeavesTheLedgerAsBeforeAndReRunsTheSame() throws {
        let next = ["import", "inventory", "--quiet", "--scanned-at", "2023-09-04", "catalogs/fleet/scans/2023-09-04"]
        func prepared() throws -> CLI {
            let cli = try CLI()
            try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc"])
            try cli.succeed(["import", "fleet", "catalogs/fleet/manifest.csv"])
            try cli.succeed([
                "import", "inventory", "--quiet", "--scanned-at", "2023-08-28", "catalogs/fleet/scans/2023-08-28",
            ])
            return cli
        }
        let cli = try prepared()
        let before = try Ledger(path: cli.db).dump()
        try Self.killed(at: "findings", cli, next)
        #expect(try DatabaseQueue(path: cli.db).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try Ledger(path: cli.db).dump() == before, "nothing of the killed import is left")
        // The next run gives what an uninterrupted one gives.
        try cli.succeed(next)
        let uninterrupted = try prepared()
        try uninterrupted.succeed(next)
        #expect(try Self.content(cli.db) == Self.content(uninterrupted.db))
        #expect(try Self.content(cli.db)["findings"]?.isEmpty == false)
    }

    @Test func aCatalogImportKilledInItsFindingsStepLeavesTheLedgerAsBefore() throws {
        let cli = try FailClosedTests.demo()
        let before = try Ledger(path: cli.db).dump()
        try Self.killed(at: "findings", cli, ["import", "catalog", "--quiet", "catalogs/wsus"])
        #expect(try Ledger(path: cli.db).dump() == before)
    }
}
