import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerGenerators
import PatchLedgerKit
import PatchLedgerStore

struct BenchScan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Time `scan --format json` over generated fleets beside a naive SQL set difference in sqlite3.",
        discussion: """
            Imports the CVRF documents of --cvrf into a fresh ledger, generates each fleet size as one inventory \
            JSON (Windows Server 2012 R2 to 2022; 70 % of VMs list 3–12 KBs, 30 % are long-lived servers with \
            150–250, each a random subset of its product's updates; one in eight reported by build.UBR) and \
            imports it, then times `scan --format json` --runs times in a child process (median wall and CPU \
            time, highest peak RSS), and `sqlite3` running one hand-written NOT EXISTS set difference (every \
            applicable update whose KB the VM's latest scan lacks) once on the same ledger. Measure over a \
            ten-year catalog (../shared/data/msrc-all) from a release build.
            """)

    @Option(help: "A folder of CVRF documents: the catalog.") var cvrf: String

    @Option(help: "Fleet sizes, comma-separated.") var vms = "10000,100000"

    @Option(help: "Times to run the scan on each fleet; the medians are printed.") var runs = 3

    @Option(help: "Keep the generated ledgers and fleets in this folder (for profiling) instead of a temporary one.")
    var keep: String?

    func run() async throws {
        try exitingOnError {
            let sizes = vms.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let work = try WorkFolder(keep: keep)
            defer { work.remove() }
            let folder = work.url
            let me = try BenchCatalog.executablePath()
            // The fleet goes in before the catalog: `import inventory` then has no findings to replay, which
            // the scan does not read (the history bench measures them).
            let catalog = folder.appendingPathComponent("catalog.sqlite").path
            try Self.importCatalog(cvrf, into: catalog, using: me)
            let products = try Ledger(path: catalog).productCatalogs(
                for: Set(FleetGenerator.products.map(\.product)))
            print("     VMs  scan s (runs)          CPU s  CPU/wall  peak RSS MB  sqlite3 NOT EXISTS s")
            for size in sizes {
                let db = folder.appendingPathComponent("fleet-\(size).sqlite").path
                let fleet = folder.appendingPathComponent("fleet-\(size).json")
                try FleetGenerator(vms: size, catalogs: products).write(to: fleet)
                try Self.check(
                    try ChildProcess.measure(me, ["import", "inventory", "--quiet", "--db", db, fleet.path]),
                    "import inventory")
                try Self.importCatalog(cvrf, into: db, using: me)
                let scans = try (0..<max(1, runs)).map { _ in
                    let scan = try ChildProcess.measure(
                        me, ["scan", "--db", db, "--format", "json", "--as-of", "2026-11-29"])
                    guard scan.status == 0 || scan.status == 1 else {
                        throw ValidationFailure("scan exited \(scan.status)")
                    }
                    return scan
                }
                let scan = ChildProcess.Measurement.median(scans)
                let sql = try ChildProcess.measure("sqlite3", [db, Self.naiveSetDifference])
                try Self.check(sql, "sqlite3")
                let each = scans.map { String(format: "%.2f", $0.seconds) }.joined(separator: " ")
                print(
                    String(
                        format: "%8d  %6.2f (%@)  %6.2f  %8.2f  %11.1f  %20.2f", size, scan.seconds, each as NSString,
                        scan.cpuSeconds, scan.cpuSeconds / scan.seconds, scan.peakRSSMegabytes, sql.seconds))
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
        WHERE NOT EXISTS (
            SELECT 1 FROM snapshot_kbs k WHERE k.snapshot_id = l.snapshot_id AND k.kb = CAST(substr(u.kb, 3) AS INTEGER))
        """

    /// Imports a folder of CVRF documents into a ledger, in a child process (a bench's setup, not timed).
    static func importCatalog(_ cvrf: String, into db: String, using me: String) throws {
        try check(try ChildProcess.measure(me, ["import", "catalog", "--quiet", "--db", db, cvrf]), "import catalog")
    }

    static func check(_ measurement: ChildProcess.Measurement, _ what: String) throws {
        guard measurement.status == 0 else { throw ValidationFailure("\(what) exited \(measurement.status)") }
    }
}
