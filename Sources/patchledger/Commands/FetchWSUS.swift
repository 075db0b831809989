import ArgumentParser
import PatchLedgerCLI
import PatchLedgerKit

struct FetchWSUS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wsus",
        abstract: "Download the WSUS offline catalog (wsusscn2.cab) if it changed, and import it.",
        discussion: """
            Downloads <source>/microsoftupdate/v6/wsusscan/wsusscn2.cab conditionally (ETag, Last-Modified: a \
            304 downloads nothing), written whole or not at all, and imports it as `import catalog` reads a \
            cabinet. A network error, an HTTP error or a download cut short is exit 2 naming the URL.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var options: FetchOptions

    func run() async throws {
        try exitingOnError {
            let report = try options.fetcher().wsus(
                folder: options.folder("wsus", ledger: ledger),
                source: try options.sourceURL(CatalogFetcher.wsusSource),
                importing: !options.noImport, into: try ledger.open())
            options.print(report)
        }
    }
}
