import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerGenerators
import PatchLedgerKit
import PatchLedgerStore

struct BenchCabinet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cabinet",
        abstract: "Time importing a wsusscn2.cab beside importing its extracted package.xml and fragment folders.",
        discussion: """
            Generates a WSUS package.xml of --updates updates and its metadata fragments (c/, x/, l/en/ and two \
            languages not read), as files and, with gcab, as a wsusscn2.cab holding index.xml, package.cab and \
            shards of --per-shard fragments each. Then imports each into a fresh ledger in a child process, \
            --runs times alternately: the extracted files (the baseline) and the cabinet (nothing extracted), \
            and checks that the cabinet's import wrote nothing but the ledger. Build with -c release.
            """)

    @Option(help: "Updates in the generated package.") var updates = 137_000
    @Option(help: "Fragments per shard (real shards hold about 12,500).") var perShard = 12_500
    @Option(help: "Times to import each; medians are printed.") var runs = 1
    @Option(help: "Keep the generated files and ledgers in this folder instead of a temporary one.") var keep: String?

    func run() async throws {
        try exitingOnError {
            let work = try WorkFolder(keep: keep)
            defer { work.remove() }
            let extracted = work.url.appendingPathComponent("extracted")
            let cabinets = work.url.appendingPathComponent("cabinet")
            // package.xml without its fragments: the parse and load alone, for a second comparison.
            let alone = work.url.appendingPathComponent("alone")
            for folder in [extracted, cabinets, alone] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            var started = Date()
            try WSUSPackageGenerator(updates: updates).write(to: extracted.appendingPathComponent("package.xml"))
            let fragments = try WSUSFragmentGenerator(updates: updates).write(to: extracted)
            try FileManager.default.linkItem(
                at: extracted.appendingPathComponent("package.xml"), to: alone.appendingPathComponent("package.xml"))
            print(
                String(
                    format: "generated package.xml and %d fragments in %.1f s", fragments.count,
                    -started.timeIntervalSinceNow))
            started = Date()
            try Self.gcab(["package.cab", "package.xml"], in: extracted)
            var index = "<?xml version=\"1.0\"?>\n<INDEX VERSION=\"1\"><CABLIST XOR=\"0\"><CAB NAME=\"package.cab\" />"
            var members = ["index.xml", "package.cab"]
            for (number, start) in stride(from: 0, to: fragments.count, by: perShard).enumerated() {
                var chunk = Array(fragments[start..<min(start + perShard, fragments.count)])
                // A revision's fragments stay in one shard, as RANGESTART requires.
                while let last = chunk.last, start + chunk.count < fragments.count,
                    fragments[start + chunk.count].revision == last.revision
                {
                    chunk.append(fragments[start + chunk.count])
                }
                let name = "package\(number + 2).cab"
                try Self.gcab([name] + chunk.map(\.path), in: extracted)
                index += "<CAB NAME=\"\(name)\" RANGESTART=\"\(chunk.first?.revision ?? 0)\" />"
                members.append(name)
            }
            index += "</CABLIST></INDEX>\n"
            try Data(index.utf8).write(to: extracted.appendingPathComponent("index.xml"))
            try Self.gcab(["../cabinet/wsusscn2.cab"] + members, in: extracted)
            for name in members where name != "index.xml" {
                try? FileManager.default.moveItem(
                    at: extracted.appendingPathComponent(name), to: work.url.appendingPathComponent(name))
            }
            print(
                String(
                    format: "made wsusscn2.cab (%d shards) with gcab in %.1f s", members.count - 2,
                    -started.timeIntervalSinceNow))

            let me = try BenchCatalog.executablePath()
            var baseline: [ChildProcess.Measurement] = []
            var cabinet: [ChildProcess.Measurement] = []
            var packageAlone: [ChildProcess.Measurement] = []
            let before = try Self.files(in: cabinets)
            for _ in 0..<max(1, runs) {
                for (url, series) in [
                    (extracted.appendingPathComponent("package.xml"), 0),
                    (cabinets.appendingPathComponent("wsusscn2.cab"), 1),
                    (alone.appendingPathComponent("package.xml"), 2),
                ] {
                    let db = work.url.appendingPathComponent("bench-\(series).sqlite").path
                    WorkFolder.removeLedger(at: db)
                    let run = try ChildProcess.measure(me, ["import", "catalog", "--quiet", "--db", db, url.path])
                    guard run.status == 0 else { throw ValidationFailure("import of \(url.path) exited \(run.status)") }
                    switch series {
                    case 0: baseline.append(run)
                    case 1: cabinet.append(run)
                    default: packageAlone.append(run)
                    }
                }
            }
            let after = try Self.files(in: cabinets)
            // A nightly re-import of the cabinet the ledger holds: recognised by its digest, not read.
            let again = try ChildProcess.measure(
                me,
                [
                    "import", "catalog", "--quiet", "--db", work.url.appendingPathComponent("bench-1.sqlite").path,
                    cabinets.appendingPathComponent("wsusscn2.cab").path,
                ])
            guard again.status == 0 else { throw ValidationFailure("the re-import exited \(again.status)") }
            // The last run of each: the cabinet's ledger must be the extracted files' (the documents row aside: the
            // fragments are fingerprinted by file times in folders, by member lengths in shards).
            let bookkeeping: Set<String> = ["imports", "import_log", "documents"]
            let ledgers = try [0, 1].map {
                try Ledger(path: work.url.appendingPathComponent("bench-\($0).sqlite").path).dump(
                    excluding: bookkeeping)
            }
            let differing = Set(ledgers[0].keys).union(ledgers[1].keys).filter { ledgers[0][$0] != ledgers[1][$0] }
            let base = ChildProcess.Measurement.median(baseline)
            let cab = ChildProcess.Measurement.median(cabinet)
            let xml = ChildProcess.Measurement.median(packageAlone)
            let size = { (url: URL) in
                Double((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0) / 1_048_576
            }
            print(
                String(
                    format: "%d updates, %d fragments; wsusscn2.cab %.1f MB", updates, fragments.count,
                    size(cabinets.appendingPathComponent("wsusscn2.cab"))))
            for (name, run) in [
                ("extracted package.xml + folders", base), ("wsusscn2.cab, nothing extracted", cab),
                ("package.xml alone (no metadata)", xml), ("wsusscn2.cab again, held", again),
            ] {
                print(run.row(name))
            }
            print(
                String(
                    format: "cabinet / extracted: %.2fx (target ≤ 1.3x); cabinet / package.xml alone: %.2fx; ",
                    cab.seconds / base.seconds, cab.seconds / xml.seconds)
                    + (before == after ? "the cabinet's folder is unchanged" : "FILES WRITTEN beside the cabinet"))
            print(
                differing.isEmpty
                    ? "the two ledgers are equal, table by table (imports, import_log and documents aside)"
                    : "THE LEDGERS DIFFER in \(differing.sorted().joined(separator: ", "))")
        }
    }

    private static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// gcab, run in `folder` so that members keep their relative paths (`x/20000001`).
    private static func gcab(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gcab")
        process.arguments = ["-c", "-z"] + arguments
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationFailure(
                "gcab \(arguments.first ?? "") exited \(process.terminationStatus) (apt-get install gcab)")
        }
    }
}
