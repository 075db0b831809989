import ArgumentParser
import Foundation
import PatchLedgerStore

struct BenchScan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Time `scan --format json` over generated fleets beside a naive SQL set difference in sqlite3.",
        discussion: """
            Imports the CVRF documents of --cvrf into a fresh ledger, generates each fleet size as one inventory \
            JSON (varied products, builds and installed sets) and imports it, then times `scan --format json` \
            in a child process, and `sqlite3` running one hand-written NOT EXISTS set difference (every \
            applicable update whose KB the VM's latest scan lacks) on the same ledger.
            """)

    @Option(help: "A folder of CVRF documents: the catalog.") var cvrf: String

    @Option(help: "Fleet sizes, comma-separated.") var vms = "10000,100000"

    @Option(help: "Keep the generated ledgers and fleets in this folder (for profiling) instead of a temporary one.")
    var keep: String?

    func run() async throws {
        try exitingOnError {
            let sizes = vms.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let work = try WorkFolder(keep: keep)
            defer { work.remove() }
            let folder = work.url
            let me = try BenchCatalog.executablePath()
            print("     VMs  scan s  peak RSS MB  sqlite3 NOT EXISTS s")
            for size in sizes {
                let db = folder.appendingPathComponent("fleet-\(size).sqlite").path
                try Self.check(
                    try ChildProcess.measure(me, ["import", "catalog", "--quiet", "--db", db, cvrf]), "import catalog")
                let ledger = try Ledger(path: db)
                let fleet = folder.appendingPathComponent("fleet-\(size).json")
                try FleetGenerator(vms: size, catalogs: try ledger.productCatalogs(for: FleetGenerator.products))
                    .write(to: fleet)
                try Self.check(
                    try ChildProcess.measure(me, ["import", "inventory", "--quiet", "--db", db, fleet.path]),
                    "import inventory")
                let scan = try ChildProcess.measure(
                    me, ["scan", "--db", db, "--format", "json", "--as-of", "2026-11-29"])
                guard scan.status == 0 || scan.status == 1 else {
                    throw ValidationFailure("scan exited \(scan.status)")
                }
                let sql = try ChildProcess.measure("sqlite3", [db, Self.naiveSetDifference])
                try Self.check(sql, "sqlite3")
                print(
                    String(format: "%8d  %6.2f  %11.1f  %20.2f", size, scan.seconds, scan.peakRSSMegabytes, sql.seconds)
                )
            }
        }
    }

    /// Every (VM, applicable update) whose KB the VM's latest scan does not list: what a first SQL attempt
    /// computes, without supersedence, builds or servicing rules.
    static let naiveSetDifference = """
        SELECT count(*) FROM vm_latest_scan l
        JOIN product_aliases a ON a.alias = l.product
        JOIN update_products up ON up.product_id = a.product_id
        JOIN updates u ON u.id = up.update_id
        WHERE NOT EXISTS (SELECT 1 FROM snapshot_kbs k WHERE k.snapshot_id = l.snapshot_id AND k.kb = u.kb)
        """

    static func check(_ measurement: ChildProcess.Measurement, _ what: String) throws {
        guard measurement.status == 0 else { throw ValidationFailure("\(what) exited \(measurement.status)") }
    }
}
