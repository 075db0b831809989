import ArgumentParser
import Foundation
import PatchLedgerImport

struct ImportBuilds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "builds",
        abstract: "Import release-history tables (channel month type date build.UBR KB per line), for image lag."
    )

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: ArgumentHelp(stringLiteral: ImportOutput.quietHelp))
    var quiet = false

    @Argument(help: "Release-history files, or folders of them.")
    var paths: [String]

    func run() async throws {
        try exitingOnError {
            let ledger = try ledger.open()
            var lines: [String] = []
            var (added, known) = (0, 0)
            let files = try InventoryReader.files(in: paths)
            for url in files {
                let name = url.relativePath
                let releases = try ReleaseHistoryReader.read(url, displayName: name)
                let counts = try ledger.importReleases(releases, path: name)
                lines.append("\(name): \(releases.count) releases: \(counts.added) added, \(counts.known) known")
                (added, known) = (added + counts.added, known + counts.known)
            }
            ImportOutput(quiet: quiet).print(
                lines: lines, summary: "\(files.count) files: \(added) releases added, \(known) known", warnings: [])
        }
    }
}
