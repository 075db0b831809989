import ArgumentParser
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerKit

struct FetchMSRC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msrc",
        abstract: "Download the MSRC CVRF documents that are new or revised, and import them.",
        discussion: """
            Lists the documents of the MSRC CVRF API (<source>/cvrf/v3.0/updates) and downloads each whose \
            revision (CurrentReleaseDate) is not the one held, conditionally (ETag, Last-Modified: a 304 downloads \
            nothing), as cvrf-<ID>.xml, written whole or not at all. What was downloaded is then imported in one \
            transaction. A network error, an HTTP error or a download cut short is exit 2 naming the URL, after \
            --attempts tries.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var options: FetchOptions

    @Option(help: "The first month to fetch (2024-Jan); default: every month listed.")
    var since: String?

    func validate() throws {
        if let since, CatalogMonth(documentID: since) == nil {
            throw ValidationError("--since \(since) is not a month such as 2024-Jan")
        }
    }

    func run() async throws {
        try exitingOnError {
            let report = try options.fetcher().msrc(
                since: since.flatMap { CatalogMonth(documentID: $0) }, folder: options.folder("msrc", ledger: ledger),
                source: try options.sourceURL(CatalogFetcher.msrcSource), importing: !options.noImport,
                into: try ledger.open())
            options.print(report)
        }
    }
}
