import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerKit

/// What both `fetch` commands take, and what both print.
struct FetchOptions: ParsableArguments {
    @Option(help: "The folder to download into (default: downloads/msrc or downloads/wsus beside the ledger).")
    var to: String?

    @Option(help: "The base URL of a mirror to fetch from instead of Microsoft's.")
    var source: String?

    @Flag(help: "Download only; do not import.")
    var noImport = false

    @Option(help: "Seconds to wait for a server's answer before the attempt fails.")
    var timeout = 60.0

    @Option(help: "Attempts per request (on network errors, HTTP 5xx and 429), each after twice the last delay.")
    var attempts = 3

    @Flag(help: ArgumentHelp(stringLiteral: ImportOutput.quietHelp))
    var quiet = false

    func validate() throws {
        guard timeout > 0, attempts >= 1 else { throw ValidationError("--timeout and --attempts must be positive") }
        if let source, URL(string: source)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--source \(source) is not an http(s) URL")
        }
    }

    func fetcher() -> CatalogFetcher {
        // The first retry waits a second; PATCHLEDGER_FETCH_BACKOFF (seconds) shortens it for tests.
        let backoff = ProcessInfo.processInfo.environment["PATCHLEDGER_FETCH_BACKOFF"].flatMap(Double.init) ?? 1
        return CatalogFetcher(
            downloader: HTTPDownloader(timeout: timeout, attempts: attempts, backoff: backoff),
            progress: Progress(quiet: quiet))
    }

    /// `--source`, else `fallback` (Microsoft's).
    func sourceURL(_ fallback: String) throws -> URL {
        guard let url = URL(string: source ?? fallback) else { throw ValidationError("--source is not a URL") }
        return url
    }

    func folder(_ name: String, ledger: LedgerOptions) -> URL {
        if let to { return URL(fileURLWithPath: to) }
        return URL(fileURLWithPath: ledger.path).deletingLastPathComponent().appendingPathComponent("downloads/\(name)")
    }

    /// Each document's line, then the import's lines and summary (or the downloads' count when nothing is
    /// imported).
    func print(_ report: CatalogFetcher.Report) {
        let output = ImportOutput(quiet: quiet)
        guard let imported = report.imported else {
            output.print(
                lines: report.lines,
                summary: "\(report.lines.count) listed, \(report.downloaded) downloaded, nothing imported",
                warnings: [])
            return
        }
        output.print(
            lines: report.lines + imported.summaries.map(\.line),
            summary: "\(report.lines.count) listed, \(report.downloaded) downloaded; "
                + ImportCatalog.summary(imported.summaries),
            warnings: imported.diagnostics)
    }
}
