import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerGenerators
import PatchLedgerImport
import PatchLedgerKit
import PatchLedgerStore

struct BenchCatalog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Measure catalog imports beside xmllint's streaming parse of the same files.",
        discussion: """
            Generates a WSUS-shaped package.xml and imports it, then imports every CVRF document of a folder,
            each into a fresh ledger in a child process; prints wall time, MB/s, updates/s and peak RSS beside
            `xmllint --stream --noout` on the same file (the parse floor), measured in the same run. With
            `--runs N` each file is timed N times, alternating with xmllint, and the medians are printed (peak
            RSS is the highest seen): on a machine whose timings swing, one run can mislead.
            Build with `-c release` for meaningful figures.
            """)

    @Option(help: "Times to import each file (and run xmllint on it), alternately; medians are printed.")
    var runs = 1

    @Option(help: "Updates in the generated package.xml.")
    var updates = 137_000

    @Option(help: "A folder of CVRF documents to import one by one.")
    var cvrf: String?

    @Option(help: "Only stream this package.xml through the reader, without a ledger, and time it.")
    var parseOnly: String?

    @Option(help: "Only write the generated package.xml to this path (for profiling), then stop.")
    var writePackage: String?

    func run() async throws {
        try exitingOnError {
            if let parseOnly {
                let sink = CountingSink()
                let start = Date()
                try WSUSPackageReader.read(URL(fileURLWithPath: parseOnly), into: sink)
                print(
                    "parsed \(sink.updates) updates, \(sink.locations) locations in \(Date().timeIntervalSince(start)) s"
                )
                return
            }
            if let writePackage {
                try WSUSPackageGenerator(updates: updates).write(to: URL(fileURLWithPath: writePackage))
                return
            }
            let work = try WorkFolder()
            defer { work.remove() }
            let folder = work.url
            let package = folder.appendingPathComponent("package.xml")
            try WSUSPackageGenerator(updates: updates).write(to: package)
            var files = [(package, updates)]
            if let cvrf {
                files += try FileManager.default.contentsOfDirectory(atPath: cvrf).filter { $0.hasSuffix(".xml") }
                    .sorted()
                    .map { (URL(fileURLWithPath: cvrf).appendingPathComponent($0), 0) }
            }
            let me = try Self.executablePath()
            var storage: String?
            print("file                       MB  xmllint s  import s  ratio   MB/s  updates/s  RSS MB (xmllint)")
            for (url, count) in files {
                let size =
                    Double((try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0) / 1_048_576
                let db = folder.appendingPathComponent("bench-\(url.lastPathComponent).sqlite").path
                var floors: [ChildProcess.Measurement] = []
                var imports: [ChildProcess.Measurement] = []
                for _ in 0..<max(1, runs) {
                    WorkFolder.removeLedger(at: db)
                    let floor = try ChildProcess.measure("xmllint", ["--stream", "--noout", url.path])
                    let run = try ChildProcess.measure(me, ["import", "catalog", "--quiet", "--db", db, url.path])
                    guard run.status == 0, floor.status == 0 else {
                        throw ValidationFailure("\(url.path): import exited \(run.status), xmllint \(floor.status)")
                    }
                    floors.append(floor)
                    imports.append(run)
                }
                let floor = ChildProcess.Measurement.median(floors)
                let run = ChildProcess.Measurement.median(imports)
                let imported = count > 0 ? count : try Self.updateCount(db: db)
                if url == package {
                    storage = try Self.storageFloor(ledger: db, folder: folder, runs: runs, import: run, parse: floor)
                }
                print(
                    String(
                        format: "%-24@ %5.1f  %9.2f  %8.2f  %4.2fx  %5.1f  %9.0f  %6.1f (%.1f)",
                        url.lastPathComponent as NSString, size, floor.seconds, run.seconds,
                        run.seconds / floor.seconds, size / run.seconds, Double(imported) / run.seconds,
                        run.peakRSSMegabytes, floor.peakRSSMegabytes))
            }
            if let storage { print(storage) }
        }
    }

    /// The package's rows loaded by sqlite3 alone (`StorageFloor`), beside the parse floor and the import.
    static func storageFloor(
        ledger: String, folder: URL, runs: Int, import run: ChildProcess.Measurement, parse: ChildProcess.Measurement
    ) throws -> String {
        let floor = try StorageFloor(ledger: ledger, folder: folder)
        let load = ChildProcess.Measurement.median(try (0..<max(1, runs)).map { _ in try floor.measure() })
        return String(
            format: "package.xml's %d rows loaded by sqlite3 alone into the same tables and indexes: %.2f s; "
                + "xmllint + that: %.2f s; import / (xmllint + that) = %.2fx", floor.rows, load.seconds,
            parse.seconds + load.seconds, run.seconds / (parse.seconds + load.seconds))
    }

    /// The `patchledger` of the same build: the binary beside this one.
    static func executablePath() throws -> String {
        // Linux names the running binary in /proc; elsewhere the path it was started by must do.
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let me = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let binary = me.deletingLastPathComponent().appendingPathComponent("patchledger").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationFailure(
                "no patchledger beside \(me.path): build both (swift build -c release), then run this one")
        }
        return binary
    }

    /// Updates a CVRF import wrote, read back from its ledger.
    static func updateCount(db: String) throws -> Int {
        try Ledger(path: db).catalogStats().updates
    }
}
