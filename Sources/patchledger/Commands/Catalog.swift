import ArgumentParser
import PatchLedgerCore
import PatchLedgerReport

struct Catalog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look at what the ledger's catalogs hold.",
        subcommands: [History.self, Stats.self, Show.self]
    )

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every import, oldest first.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try exitingOnError {
                let history = try ledger.open().importHistory()
                print(
                    output.format == .json
                        ? try JSONOutput.render(["imports": history]) : CatalogRenderer.table(history), terminator: "")
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count updates per source, product, classification and year.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try exitingOnError {
                let stats = try ledger.open().catalogStats()
                print(
                    output.format == .json ? try JSONOutput.render(stats) : CatalogRenderer.table(stats), terminator: ""
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one update with its whole replacement chain.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        @Argument(
            help: "The KB, in any spelling (KB4074590, 4074590).",
            transform: { text in
                guard let kb = KB(parsing: text) else { throw ValidationError("not a KB number: \(text)") }
                return kb
            })
        var kb: KB

        func run() async throws {
            try exitingOnError {
                let update = try ledger.open().update(kb)
                print(
                    output.format == .json ? try JSONOutput.render(update) : CatalogRenderer.table(update),
                    terminator: "")
            }
        }
    }
}
