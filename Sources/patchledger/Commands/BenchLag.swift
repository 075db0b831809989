import ArgumentParser
import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerStore

struct BenchLag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lag",
        abstract: "Time `lag --format json` for a generated fleet deployed from many Marketplace images.",
        discussion: """
            Imports the CVRF documents of --cvrf and the release histories of --builds into a fresh ledger, writes \
            a manifest of --vms VMs deployed from --images Marketplace images (versions taken from the release \
            history) and one scan per VM, imports them, then times `lag --format json` in a child process.
            """)

    @Option(help: "A folder of CVRF documents: the catalog.") var cvrf: String
    @Option(help: "A folder of release-history tables.") var builds: String
    @Option(help: "VMs in the fleet.") var vms = 10_000
    @Option(help: "Distinct images they were deployed from.") var images = 50

    @Option(help: "Keep the generated ledger in this folder (for profiling) instead of a temporary one.")
    var keep: String?

    func run() async throws {
        try exitingOnError {
            let work = try WorkFolder(keep: keep)
            defer { work.remove() }
            let folder = work.url
            let me = try BenchCatalog.executablePath()
            let db = folder.appendingPathComponent("lag.sqlite").path
            try BenchScan.check(
                try ChildProcess.measure(me, ["import", "catalog", "--quiet", "--db", db, cvrf]), "import catalog")
            try BenchScan.check(
                try ChildProcess.measure(me, ["import", "builds", "--db", db, builds]), "import builds")
            let releases = try InventoryReader.files(in: [builds]).flatMap {
                try ReleaseHistoryReader.read($0, displayName: $0.path)
            }
            .filter { [14393, 17763, 20348].contains($0.build) && $0.isSecurityRelease }
            .sorted { $0.date > $1.date }
            guard releases.count >= images else { throw ValidationFailure("the release history has too few releases") }
            let chosen = Array(releases.prefix(images))
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
                scans +=
                    "  {\"vm\": \"vm-\(index)\", \"scannedAt\": \"2025-11-20T00:00:00Z\", \"os\": \"Windows Server\", "
                scans +=
                    "\"build\": \"\(release.build)\", \"kbs\": [\"\(kb?.description ?? "KB1")\"]}\(index + 1 < vms ? "," : "")\n"
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
            let lag = try ChildProcess.measure(me, ["lag", "--db", db, "--format", "json", "--as-of", "2025-11-30"])
            try BenchScan.check(lag, "lag")
            print(
                String(
                    format: "%d VMs over %d images: lag --format json %.2f s, peak RSS %.1f MB", vms, images,
                    lag.seconds, lag.peakRSSMegabytes))
        }
    }

    static func yymmdd(_ date: CalendarDate) -> String {
        let shifted = CalendarDate(daysSinceEpoch: date.daysSinceEpoch - 4)  // images are built before Patch Tuesday
        return String(shifted.description.dropFirst(2).filter(\.isNumber))
    }
}
