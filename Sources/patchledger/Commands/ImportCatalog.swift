import ArgumentParser
import PatchLedgerCLI
import PatchLedgerCore
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
            ImportOutput(quiet: quiet, verbose: verbose).print(
                lines: result.summaries.map(\.line), summary: Self.summary(result.summaries),
                warnings: result.diagnostics)
        }
    }

    /// The run's summary line: files, and updates added, changed, unchanged and removed.
    static func summary(_ all: [ImportSummary]) -> String {
        "\(all.count) files: \(all.map(\.added).reduce(0, +)) updates added, "
            + "\(all.map(\.changed).reduce(0, +)) changed, \(all.map(\.unchanged).reduce(0, +)) unchanged, "
            + "\(all.map(\.removed).reduce(0, +)) removed"
    }
}
