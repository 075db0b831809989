import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerGenerators
import PatchLedgerKit
import PatchLedgerStore

struct BenchHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Time importing a fleet's daily scans, then drift and the report, beside sqlite3's .import.",
        discussion: """
            Imports the CVRF documents of --cvrf into a fresh ledger, generates --vms VMs of --product scanned \
            daily for --days days from --start (HistoryGenerator: cumulative levels drawn from the product's real \
            updates, some long-lived servers with 150–250 KBs, some with nothing installed) as one PatchLedger \
            JSON file, and times, each in a child process: `import inventory` of it, `drift` over the days \
            (JSON), `report --html` on the last day, and `import inventory` of the next day's scans, plain and \
            with --keep-going, each from the same ledger. The baseline, in the same run: `sqlite3 .import` of \
            the same snapshot and KB rows into tables shaped like `snapshots` and `snapshot_kbs`. Build with \
            -c release.
            """)

    @Option(help: "A folder of CVRF documents: the catalog.") var cvrf: String
    @Option(help: "VMs in the fleet.") var vms = 10_000
    @Option(help: "Days of daily scans.") var days = 30
    @Option(help: "The first day scanned.", transform: ArgumentValue.date) var start = CalendarDate(
        daysSinceEpoch: 20_485)  // 2026-02-01
    @Option(help: "The fleet's product, as the catalog names it.") var product = "Windows Server 2022"

    @Option(help: "Keep the generated ledger and files in this folder (for profiling) instead of a temporary one.")
    var keep: String?

    func run() async throws {
        try exitingOnError {
            let work = try WorkFolder(keep: keep)
            defer { work.remove() }
            let folder = work.url
            let me = try BenchCatalog.executablePath()
            let db = folder.appendingPathComponent("history.sqlite").path
            WorkFolder.removeLedger(at: db)
            try BenchScan.importCatalog(cvrf, into: db, using: me)
            let updates = try Ledger(path: db).productCatalogs(for: [product]).first?.updates ?? []
            let line = FleetGenerator.products.first { $0.product == product }
            let files = try HistoryGenerator(
                vms: vms, days: days, start: start, updates: updates.sorted { $0.kb < $1.kb },
                os: line?.os ?? "Microsoft \(product) Datacenter", build: line?.line ?? ""
            ).write(to: folder)
            let end = CalendarDate(daysSinceEpoch: start.daysSinceEpoch + days - 1)
            func timed(_ what: String, _ arguments: [String]) throws -> ChildProcess.Measurement {
                let run = try ChildProcess.measure(me, arguments)
                guard run.status == 0 || run.status == 1 else {
                    throw ValidationFailure("\(what) exited \(run.status)")
                }
                return run
            }
            let history = try timed("import", ["import", "inventory", "--quiet", "--db", db, files.history.path])
            let drift = try timed(
                "drift", ["drift", "--db", db, "--since", "\(start)", "--until", "\(end)", "--format", "json"])
            let report = try timed(
                "report",
                ["report", "--db", db, "--as-of", "\(end)", "--html", folder.appendingPathComponent("r.html").path])
            // The next day twice from the same ledger: as cron runs it, and with --keep-going (a savepoint per file).
            let keepGoingDB = folder.appendingPathComponent("keep-going.sqlite").path
            try WorkFolder.copyLedger(at: db, to: keepGoingDB)
            let next = try timed("next day", ["import", "inventory", "--quiet", "--db", db, files.nextDay.path])
            let nextKeepGoing = try timed(
                "next day --keep-going",
                ["import", "inventory", "--quiet", "--keep-going", "--db", keepGoingDB, files.nextDay.path])
            WorkFolder.removeLedger(at: keepGoingDB)
            let floor = try Self.storageFloor(files, folder: folder)
            print(
                "\(vms) VMs × \(days) days of \(product): \(files.snapshots) snapshots, \(files.kbRows) KB rows")
            for (name, run) in [
                ("import inventory (all days)", history), ("drift over the days", drift),
                ("report --html", report), ("import inventory (next day)", next),
                ("import (next day, --keep-going)", nextKeepGoing),
                ("sqlite3 .import of the same rows", floor),
            ] {
                print(run.row(name))
            }
        }
    }

    /// The snapshot and KB rows loaded by sqlite3 alone into tables shaped like the ledger's, in one
    /// transaction, indexes as the ledger has them.
    static func storageFloor(_ files: HistoryGenerator.Output, folder: URL) throws -> ChildProcess.Measurement {
        let db = folder.appendingPathComponent("floor.sqlite").path
        WorkFolder.removeLedger(at: db)
        let run = try ChildProcess.measure(
            "sqlite3",
            [
                db, "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                """
                CREATE TABLE snapshots (id INTEGER PRIMARY KEY, vm TEXT NOT NULL, scanned_at TEXT NOT NULL,
                    kb_count INTEGER NOT NULL);
                CREATE TABLE snapshot_kbs (snapshot_id INTEGER NOT NULL, kb INTEGER NOT NULL, installed_on TEXT,
                    description TEXT, PRIMARY KEY (snapshot_id, kb)) WITHOUT ROWID
                """,
                "BEGIN", ".import --csv \(files.snapshotsCSV.path) snapshots",
                ".import --csv \(files.kbsCSV.path) snapshot_kbs",
                "CREATE INDEX snapshots_vm_scanned_at ON snapshots(vm, scanned_at)", "COMMIT",
            ])
        try BenchScan.check(run, "sqlite3")
        return run
    }
}
