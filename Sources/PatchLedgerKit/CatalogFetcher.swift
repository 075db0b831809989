import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `fetch msrc` and `fetch wsus`: download what changed at the source into a folder, and import it.
///
/// A document is asked for only when the source's list gives it a revision other than the one held (MSRC's
/// `CurrentReleaseDate`), and then conditionally (the ETag and Last-Modified the server gave last time); a 304 is
/// "not modified". Downloads are recorded in the ledger (`fetched`) once on disk and imported.
public struct CatalogFetcher {
    /// Microsoft's sources, which `--source` replaces with a mirror.
    public static let msrcSource = "https://api.msrc.microsoft.com"
    public static let wsusSource = "https://catalog.s.download.windowsupdate.com"

    public var downloader: HTTPDownloader
    public var progress: ProgressSink

    public init(downloader: HTTPDownloader = HTTPDownloader(), progress: ProgressSink) {
        self.downloader = downloader
        self.progress = progress
    }

    public struct Report {
        /// One line per document: unchanged, not modified, or downloaded (and its size).
        public var lines: [String] = []
        /// The import of what was downloaded, when there was something and importing was asked for.
        public var imported: (summaries: [ImportSummary], diagnostics: [Diagnostic])?
        public var downloaded = 0
    }

    /// Every monthly CVRF document the MSRC API lists (from `since`), into `folder` as `cvrf-<ID>.xml`.
    public func msrc(
        since: CatalogMonth?, folder: URL, source: URL, importing: Bool, into ledger: Ledger
    ) throws -> Report {
        let api = source.appendingPathComponent("cvrf/v3.0")
        let listURL = api.appendingPathComponent("updates")
        let documents = try Self.documents(in: downloader.data(listURL, accept: "application/json"), url: listURL)
            .filter { document in
                guard let since else { return true }
                return CatalogMonth(documentID: document.id).map { $0 >= since } ?? false
            }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var report = Report()
        var record: [FetchedFile] = []
        var files: [URL] = []
        for document in documents {
            let url = api.appendingPathComponent("cvrf/\(document.id)")
            let destination = folder.appendingPathComponent("cvrf-\(document.id).xml")
            let outcome = try fetch(
                url, accept: "application/xml", revision: document.revision, to: destination, ledger: ledger)
            report.lines.append("\(document.id): \(outcome.line)")
            if let fetched = outcome.fetched { record.append(fetched) }
            if outcome.downloaded { files.append(destination) }
        }
        return try finish(report, files: files, record: record, format: .msrcCVRF, importing: importing, ledger)
    }

    /// The WSUS offline catalog, `wsusscn2.cab`, into `folder`.
    public func wsus(folder: URL, source: URL, importing: Bool, into ledger: Ledger) throws -> Report {
        let url = source.appendingPathComponent("microsoftupdate/v6/wsusscan/wsusscn2.cab")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let destination = folder.appendingPathComponent("wsusscn2.cab")
        let outcome = try fetch(url, accept: "*/*", revision: nil, to: destination, ledger: ledger)
        var report = Report()
        report.lines.append("wsusscn2.cab: \(outcome.line)")
        return try finish(
            report, files: outcome.downloaded ? [destination] : [], record: outcome.fetched.map { [$0] } ?? [],
            format: .wsusCabinet, importing: importing, ledger)
    }

    private struct Fetch {
        var line: String
        var downloaded: Bool
        /// What to record, once the download is imported.
        var fetched: FetchedFile?
    }

    private func fetch(_ url: URL, accept: String, revision: String?, to destination: URL, ledger: Ledger)
        throws -> Fetch
    {
        let held = try ledger.fetched(url: url.absoluteString)
        // Validators count only while the file they describe is still there.
        let onDisk =
            held.map { $0.path == destination.path && FileManager.default.fileExists(atPath: $0.path) }
            ?? false
        if onDisk, let revision, held?.revision == revision {
            return Fetch(line: "unchanged (revision \(revision))", downloaded: false, fetched: nil)
        }
        let sink = ProgressBox(progress)
        let name = destination.lastPathComponent
        let outcome = try downloader.download(
            url, accept: accept, etag: onDisk ? held?.etag : nil, lastModified: onDisk ? held?.lastModified : nil,
            to: destination
        ) { bytes, expected in sink.progress.downloading(name, bytes: bytes, of: expected) }
        switch outcome {
        case .notModified:
            var current = held
            current?.revision = revision ?? held?.revision
            return Fetch(line: "not modified", downloaded: false, fetched: current)
        case .downloaded(let etag, let lastModified, let bytes):
            return Fetch(
                line: "downloaded \(Self.size(bytes))", downloaded: true,
                fetched: FetchedFile(
                    url: url.absoluteString, revision: revision, etag: etag, lastModified: lastModified,
                    path: destination.path, bytes: bytes))
        }
    }

    private static func size(_ bytes: Int) -> String {
        let tenths = (bytes * 10) >> 20
        return bytes >= 1 << 20 ? "\(tenths / 10).\(tenths % 10) MB" : "\((bytes + 1023) >> 10) KB"
    }

    private func finish(
        _ report: Report, files: [URL], record: [FetchedFile], format: CatalogFormat, importing: Bool, _ ledger: Ledger
    ) throws -> Report {
        var report = report
        report.downloaded = files.count
        if importing, !files.isEmpty {
            report.imported = try CatalogImporter(format: format, progress: progress).run(
                paths: files.map(\.path), into: ledger)
        }
        try ledger.recordFetched(record, at: Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
        return report
    }

    /// The progress sink, handed to URLSession's delegate thread while this one waits for it.
    private struct ProgressBox: @unchecked Sendable {
        let progress: ProgressSink
        init(_ progress: ProgressSink) { self.progress = progress }
    }

    /// The documents of MSRC's `updates` list: `{"value": [{"ID": "2026-Mar", "CurrentReleaseDate": …}, …]}`.
    static func documents(in data: Data, url: URL) throws -> [(id: String, revision: String?)] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let value = object["value"] as? [[String: Any]]
        else {
            throw FetchError(url: url.absoluteString, reason: "expected MSRC's list of documents ({\"value\": [...]})")
        }
        return value.compactMap { entry in
            (entry["ID"] as? String).map { ($0, entry["CurrentReleaseDate"] as? String) }
        }
    }
}
