import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerGenerators

struct BenchInventory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Measure importing a folder of systeminfo captures beside sqlite3's .import of the same KB rows.",
        discussion: """
            Generates --files systeminfo captures with --kbs installed KBs each, imports the folder into a fresh
            ledger in a child process, then loads the same KB rows from CSV with `sqlite3 .import` into a table
            shaped like snapshot_kbs (the storage floor), in the same run; prints files/s, rows/s and peak RSS. \
            With --cvrf, also imports the folder into a ledger that holds those CVRF documents (imported first, \
            untimed), where each new snapshot is evaluated for the findings, and prints its ratio to the import \
            into the empty ledger.
            """)

    @Option(help: "A folder of CVRF documents: also time the import into a ledger that holds them.")
    var cvrf: String?

    @Option(help: "Keep the generated files and ledgers in this folder (for profiling) instead of a temporary one.")
    var keep: String?

    @Option(help: "Inventory files to generate.")
    var files = 10_000

    @Option(help: "Installed KBs per file.")
    var kbs = 250

    func run() async throws {
        try exitingOnError {
            let work = try WorkFolder(keep: keep)
            defer { work.remove() }
            let folder = work.url
            let scans = folder.appendingPathComponent("scans")
            let csv = folder.appendingPathComponent("rows.csv")
            let rows = try SystemInfoGenerator(files: files, kbsPerFile: kbs).write(to: scans, csv: csv)
            let db = folder.appendingPathComponent("ledger.sqlite").path
            WorkFolder.removeLedger(at: db)
            let run = try ChildProcess.measure(
                try BenchCatalog.executablePath(),
                ["import", "inventory", "--quiet", "--db", db, "--scanned-at", "2023-09-01", scans.path])
            var withCatalog: ChildProcess.Measurement?
            if let cvrf {
                let catalogDB = folder.appendingPathComponent("catalog.sqlite").path
                WorkFolder.removeLedger(at: catalogDB)
                try BenchScan.importCatalog(cvrf, into: catalogDB, using: try BenchCatalog.executablePath())
                let measured = try ChildProcess.measure(
                    try BenchCatalog.executablePath(),
                    ["import", "inventory", "--quiet", "--db", catalogDB, "--scanned-at", "2023-09-01", scans.path])
                try BenchScan.check(measured, "import into the catalog's ledger")
                withCatalog = measured
            }
            let floorDB = folder.appendingPathComponent("floor.sqlite").path
            WorkFolder.removeLedger(at: floorDB)
            let floor = try ChildProcess.measure(
                "sqlite3",
                [
                    floorDB, "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                    """
                    CREATE TABLE snapshot_kbs (snapshot_id INTEGER NOT NULL, kb INTEGER NOT NULL, installed_on TEXT,
                        description TEXT, PRIMARY KEY (snapshot_id, kb)) WITHOUT ROWID
                    """,
                    ".import --csv \(csv.path) snapshot_kbs",
                ])
            guard run.status == 0, floor.status == 0 else {
                throw ValidationFailure("import exited \(run.status), sqlite3 \(floor.status)")
            }
            print("\(files) systeminfo files, \(rows) KB rows")
            print("                     seconds    files/s     rows/s  peak RSS MB")
            var rowsToPrint = [("patchledger import", run), ("sqlite3 .import", floor)]
            if let withCatalog { rowsToPrint.insert(("with the catalog", withCatalog), at: 1) }
            for (name, measurement) in rowsToPrint {
                print(
                    String(
                        format: "%-19@ %8.2f  %9.0f  %9.0f  %11.1f", name as NSString, measurement.seconds,
                        Double(files) / measurement.seconds, Double(rows) / measurement.seconds,
                        measurement.peakRSSMegabytes))
            }
            print(String(format: "ratio %.2fx the sqlite3 floor", run.seconds / floor.seconds))
            if let withCatalog {
                print(
                    String(
                        format: "with the catalog: %.2fx the import into an empty ledger",
                        withCatalog.seconds / run.seconds))
            }
        }
    }
}
