import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import PatchLedgerReport
import PatchLedgerStore

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole story on the bundled samples: import catalogs and a fleet, then scan it.")

    @Option(help: "The folder of sample catalogs.")
    var catalogs = "catalogs"

    func run() async throws {
        try await exitingOnError {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchledger-demo-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let ledger = try Ledger(path: folder.appendingPathComponent("demo.sqlite").path)
            print("$ patchledger import catalog \(catalogs)")
            let result = try CatalogImporter(format: nil, progress: NoProgress()).run(
                paths: [catalogs], into: ledger)
            result.summaries.forEach { print($0.line) }
            print("\n$ patchledger catalog stats")
            print(CatalogRenderer.table(try ledger.catalogStats(), top: 6))
            if let kb = try ledger.newestCumulativeKB() {
                print("$ patchledger catalog show \(kb)")
                print(CatalogRenderer.table(try ledger.update(kb)))
            }
            try await importFleet(into: ledger)
        }
    }

    /// The sample fleet: its manifest, then each dated folder of scans as the scans of that day.
    private func importFleet(into ledger: Ledger) async throws {
        let fleet = "\(catalogs)/fleet"
        let manifest = "\(fleet)/manifest.csv"
        print("\n$ patchledger import fleet \(manifest)")
        print(try FleetImporter().run(path: manifest, into: ledger))
        let days = try FileManager.default.contentsOfDirectory(atPath: "\(fleet)/scans").sorted()
        for day in days {
            guard let time = Timestamp(parsing: day) else { continue }
            print("\n$ patchledger import inventory --scanned-at \(day) \(fleet)/scans/\(day)")
            let importer = InventoryImporter(
                preparation: InventoryPreparation(scannedAt: time), progress: NoProgress())
            let report = try importer.run(paths: ["\(fleet)/scans/\(day)"], into: ledger)
            report.lines.forEach { print($0) }
            print(report.summary)
        }
        print("\n$ patchledger vms")
        print(FleetRenderer.table(try ledger.vms()).render(), terminator: "")
        for day in days.compactMap({ CalendarDate(parsing: $0) }) {
            print("\n$ patchledger scan --as-of \(day)")
            let policy = ComplianceEngine.Policy(
                classifications: Classification.scannedByDefault, asOf: day)
            let scan = try await FleetScanner(policy: policy).run(on: ledger, filter: .init())
            print(ScanRenderer.table(scan), terminator: "")
        }
        let last = days.compactMap { CalendarDate(parsing: $0) }.max()
        try showImageLag(ledger, asOf: last)
        guard let last else { return }
        let first = days.compactMap { CalendarDate(parsing: $0) }.min() ?? last
        print("\n$ patchledger drift --since \(first) --until \(last)")
        let drift = try DriftReporter(since: first, until: last).run(on: ledger).drift
        print(DriftRenderer.table(drift), terminator: "")
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("patchledger-demo-report.html")
        print("\n$ patchledger report --as-of \(last) --html \(report.path)")
        let parts = try await ReportWriter(asOf: last).gather(ledger)
        try Data(parts.page().utf8).write(to: report)
        // Its figures beside it, as `report --format json` prints them: the render check compares the tiles.
        try Data(try JSONOutput.render(parts.figures).utf8).write(
            to: report.deletingPathExtension().appendingPathExtension("json"))
        print(report.path)
    }

    /// The release history sample, then how stale the fleet's images are as of the last scan.
    private func showImageLag(_ ledger: Ledger, asOf: CalendarDate?) throws {
        let builds = "\(catalogs)/builds"
        print("\n$ patchledger import builds \(builds)")
        try ReleaseHistoryImporter().run(paths: [builds], into: ledger).lines.forEach { print($0) }
        guard let asOf else { return }
        print("\n$ patchledger lag --as-of \(asOf)")
        print(LagRenderer.table(try LagReporter(asOf: asOf, maxDays: 30).run(on: ledger).lag), terminator: "")
    }
}
