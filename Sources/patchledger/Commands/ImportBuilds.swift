import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerImport
import PatchLedgerKit

struct ImportBuilds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "builds",
        abstract: "Import release-history tables (channel month type date build.UBR KB per line), for image lag.",
        discussion: """
            Each release belongs to a product line ("Windows Server 2025", "Windows 11 Version 24H2"), which share \
            builds but not releases. The line is --product, else the last '# product: NAME' line above the row, \
            else the file's name (Windows_Server_2025_26100.txt), else the build when only one line shipped it; \
            a row none of them places is an error.
            """)

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: ArgumentHelp(stringLiteral: ImportOutput.quietHelp))
    var quiet = false

    @Option(help: "The product line of every release of these files (\"Windows Server 2025\").")
    var product: String?

    @Argument(help: "Release-history files, or folders of them.")
    var paths: [String]

    func run() async throws {
        try exitingOnError {
            let report = try ReleaseHistoryImporter(product: product).run(paths: paths, into: try ledger.open())
            ImportOutput(quiet: quiet).print(lines: report.lines, summary: report.summary, warnings: [])
        }
    }
}
