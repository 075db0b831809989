import ArgumentParser
import Foundation
import PatchLedgerReport
import PatchLedgerStore

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import the bundled sample catalogs into a temporary ledger and show what it holds.")

    @Option(help: "The folder of sample catalogs.")
    var catalogs = "catalogs"

    func run() async throws {
        try exitingOnError {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchledger-demo-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let ledger = try Ledger(path: folder.appendingPathComponent("demo.sqlite").path)
            print("$ patchledger import catalog \(catalogs)")
            let result = try CatalogImporter(format: nil, progress: Progress(quiet: true)).run(
                paths: [catalogs], into: ledger)
            result.summaries.forEach { print($0.line) }
            print("\n$ patchledger catalog stats")
            print(CatalogRenderer.table(try ledger.catalogStats(), top: 6))
            if let kb = try ledger.newestCumulativeKB() {
                print("$ patchledger catalog show \(kb)")
                print(CatalogRenderer.table(try ledger.update(kb)))
            }
        }
    }
}
