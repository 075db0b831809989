import ArgumentParser
import Foundation
import PatchLedgerImport

struct ImportBuilds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "builds",
        abstract: "Import release-history tables (channel month type date build.UBR KB per line), for image lag."
    )

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "Release-history files, or folders of them.")
    var paths: [String]

    func run() async throws {
        try exitingOnError {
            let ledger = try ledger.open()
            for url in try InventoryReader.files(in: paths) {
                let name = url.relativePath
                let releases = try ReleaseHistoryReader.read(url, displayName: name)
                let counts = try ledger.importReleases(releases, path: name)
                print("\(name): \(releases.count) releases: \(counts.added) added, \(counts.known) known")
            }
        }
    }
}
