import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerGenerators
import PatchLedgerImport
import PatchLedgerKit
import PatchLedgerStore

struct BenchLag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lag",
        abstract: "Time `lag --format json` for a generated fleet deployed from many Marketplace images.",
        discussion: """
            Imports the CVRF documents of --cvrf and the release histories of --builds into a fresh ledger, writes \
            a manifest of --vms VMs deployed from --images Marketplace images of Windows Server 2016/2019/2022 \
            (versions taken from the release history) and one scan per VM (the image's update or the line's newest, \
            and updates of the product drawn as `bench scan` draws them), imports them, then times `lag --format json` in a child process (median \
            of --runs), beside `sqlite3` running a naive SQL lag on the same ledger: each VM's image build.UBR cut \
            out of its URN, its release and the newest Patch Tuesday release of its line looked up in the release \
            history (no catalog, no problems reported).
            """)

    @Option(help: "A folder of CVRF documents: the catalog.") var cvrf: String
    @Option(help: "A folder of release-history tables.") var builds: String
    @Option(help: "VMs in the fleet.") var vms = 10_000
    @Option(help: "Distinct images they were deployed from.") var images = 50
    @Option(help: "Times to run lag; the medians are printed.") var runs = 3

    @Option(help: "Keep the generated ledger in this folder (for profiling) instead of a temporary one.")
    var keep: String?

    func run() async throws {
        try exitingOnError {
            let work = try WorkFolder(keep: keep)
            defer { work.remove() }
            let folder = work.url
            let me = try BenchCatalog.executablePath()
            let db = folder.appendingPathComponent("lag.sqlite").path
            // The fleet goes in before the catalog, as in `bench scan`: no findings replay in the setup.
            let catalog = folder.appendingPathComponent("catalog.sqlite").path
            try BenchScan.importCatalog(cvrf, into: catalog, using: me)
            try BenchScan.check(
                try ChildProcess.measure(me, ["import", "builds", "--db", db, builds]), "import builds")
            let releases = try InventoryReader.files(in: [builds]).flatMap {
                try ReleaseHistoryReader.read($0, displayName: $0.path)
            }
            .filter { [14393, 17763, 20348].contains($0.build) && $0.isSecurityRelease }
            .sorted { $0.date > $1.date }
            guard releases.count >= images else { throw ValidationFailure("the release history has too few releases") }
            let chosen = Array(releases.prefix(images))
            let products = [
                "14393": "Windows Server 2016", "17763": "Windows Server 2019", "20348": "Windows Server 2022",
            ]
            let catalogs = Dictionary(
                try Ledger(path: catalog).productCatalogs(for: Set(products.values)).map {
                    ($0.product, $0.updates.sorted { $0.kb < $1.kb })
                }, uniquingKeysWith: { first, _ in first })
            var manifest = "vm,group,image,deployed_at\n"
            var scans = "[\n"
            var random = SplitMix64(seed: 0x1A6)
            for index in 0..<vms {
                let release = chosen[Int(random.next() % UInt64(chosen.count))]
                let sku =
                    ["14393": "2016-Datacenter", "17763": "2019-Datacenter", "20348": "2022-datacenter"][
                        "\(release.build)"] ?? ""
                let image =
                    "MicrosoftWindowsServer:WindowsServer:\(sku):\(release.build).\(release.ubr).\(Self.yymmdd(release.date))"
                let deployed = CalendarDate(daysSinceEpoch: release.date.daysSinceEpoch + Int(random.next() % 90))
                manifest += "vm-\(index),g\(index % 20),\(image),\(deployed)\n"
                let kb = random.next() % 2 == 0 ? release.kb : releases.first { $0.build == release.build }?.kb
                let drawn = FleetGenerator.sample(
                    catalogs[products["\(release.build)"] ?? ""] ?? [], count: FleetGenerator.installedCount(&random),
                    random: &random)
                let kbs = [kb?.description ?? "KB1"] + drawn.map(\.kb.description) + FleetGenerator.unknownKBs(&random)
                scans +=
                    "  {\"vm\": \"vm-\(index)\", \"scannedAt\": \"2025-11-20T00:00:00Z\", \"os\": \"Windows Server\", "
                scans +=
                    "\"build\": \"\(release.build)\", \"kbs\": [\(kbs.map { "\"\($0)\"" }.joined(separator: ", "))]}\(index + 1 < vms ? "," : "")\n"
            }
            scans += "]\n"
            let manifestURL = folder.appendingPathComponent("fleet.csv")
            let scansURL = folder.appendingPathComponent("scans.json")
            try Data(manifest.utf8).write(to: manifestURL)
            try Data(scans.utf8).write(to: scansURL)
            try BenchScan.check(
                try ChildProcess.measure(me, ["import", "fleet", "--db", db, manifestURL.path]), "import fleet")
            try BenchScan.check(
                try ChildProcess.measure(me, ["import", "inventory", "--quiet", "--db", db, scansURL.path]),
                "import inventory")
            try BenchScan.importCatalog(cvrf, into: db, using: me)
            let lags = try (0..<max(1, runs)).map { _ in
                let lag = try ChildProcess.measure(
                    me, ["lag", "--db", db, "--format", "json", "--as-of", "2025-11-30"])
                try BenchScan.check(lag, "lag")
                return lag
            }
            let lag = ChildProcess.Measurement.median(lags)
            let sql = try ChildProcess.measure("sqlite3", [db, Self.naiveLag])
            try BenchScan.check(sql, "sqlite3")
            print(
                String(
                    format: "%d VMs over %d images: lag --format json %.2f s (%@), CPU %.2f s, peak RSS %.1f MB; "
                        + "sqlite3 naive lag %.2f s", vms, images, lag.seconds,
                    lags.map { String(format: "%.2f", $0.seconds) }.joined(separator: " ") as NSString, lag.cpuSeconds,
                    lag.peakRSSMegabytes, sql.seconds))
        }
    }

    /// Each VM's lag in days as a first SQL attempt computes it: the image's build.UBR cut out of its URN, its
    /// release and the newest Patch Tuesday release of its line from the release history.
    static let naiveLag = """
        WITH v AS (
            SELECT name, substr(image, length(rtrim(image, replace(image, ':', ''))) + 1) AS version
            FROM vms WHERE image IS NOT NULL),
        p AS (
            SELECT name, CAST(substr(version, 1, instr(version, '.') - 1) AS INTEGER) AS build,
                CAST(substr(version, instr(version, '.') + 1, instr(substr(version, instr(version, '.') + 1), '.') - 1)
                    AS INTEGER) AS ubr
            FROM v)
        SELECT count(*), sum(lag) FROM (
            SELECT julianday((SELECT max(released) FROM releases r WHERE r.build = p.build AND r.type = 'B'
                    AND r.released <= '2025-11-30'))
                - julianday((SELECT released FROM releases r WHERE r.build = p.build AND r.ubr <= p.ubr
                    ORDER BY r.ubr DESC LIMIT 1)) AS lag
            FROM p)
        """

    static func yymmdd(_ date: CalendarDate) -> String {
        let shifted = CalendarDate(daysSinceEpoch: date.daysSinceEpoch - 4)  // images are built before Patch Tuesday
        return String(shifted.description.dropFirst(2).filter(\.isNumber))
    }
}
