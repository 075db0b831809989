import ArgumentParser
import PatchLedgerCLI
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
                let history = try ledger.openExisting().importHistory()
                let table = CatalogRenderer.table(history)
                switch output.format {
                case .table:
                    print(TextTable.fit(table.render()), terminator: "")
                    for record in history {
                        for warning in record.warnings { print("import \(record.id): warning: \(warning)") }
                    }
                case .json: print(try JSONOutput.render(["imports": history]), terminator: "")
                case .csv: print(table.renderCSV(), terminator: "")
                }
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
                let stats = try ledger.openExisting().catalogStats()
                switch output.format {
                case .table: print(TextTable.fit(CatalogRenderer.table(stats)), terminator: "")
                case .json: print(try JSONOutput.render(stats), terminator: "")
                case .csv: print(CatalogRenderer.csv(stats), terminator: "")
                }
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
            transform: ArgumentValue.kb)
        var kb: KB

        func run() async throws {
            try exitingOnError {
                let update = try ledger.openExisting().update(kb)
                switch output.format {
                case .table: print(TextTable.fit(CatalogRenderer.table(update)), terminator: "")
                case .json: print(try JSONOutput.render(update), terminator: "")
                case .csv: print(CatalogRenderer.csv(update), terminator: "")
                }
            }
        }
    }
}
