import ArgumentParser
import PatchLedgerCLI
import PatchLedgerImport
import PatchLedgerKit

struct ImportCatalog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Import MSRC CVRF documents and WSUS offline catalogs (files or folders), in one transaction."
    )

    @OptionGroup var ledger: LedgerOptions

    /// `--input-format`: `--format` is the output's format in every command.
    @Option(
        name: .customLong("input-format"),
        help: "Read every file as this format instead of detecting it from its root element.")
    var format: CatalogFormat?

    @Flag(help: ArgumentHelp(stringLiteral: ImportOutput.quietHelp))
    var quiet = false

    @Flag(help: ArgumentHelp(stringLiteral: ImportOutput.verboseHelp))
    var verbose = false

    @Argument(help: "Catalog files, or folders of them.")
    var paths: [String]

    func run() async throws {
        try exitingOnError {
            let result = try CatalogImporter(format: format, progress: Progress(quiet: quiet))
                .run(paths: paths, into: try ledger.open())
            let all = result.summaries
            let summary =
                "\(all.count) files: \(all.map(\.added).reduce(0, +)) updates added, "
                + "\(all.map(\.changed).reduce(0, +)) changed, \(all.map(\.unchanged).reduce(0, +)) unchanged, "
                + "\(all.map(\.removed).reduce(0, +)) removed"
            ImportOutput(quiet: quiet, verbose: verbose).print(
                lines: all.map(\.line), summary: summary, warnings: result.diagnostics)
        }
    }
}
