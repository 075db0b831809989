import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerStore

/// Wires the catalog readers to the ledger: every file of one run goes into one transaction.
public struct CatalogImporter {
    public init(format: CatalogFormat? = nil, progress: ProgressSink) {
        self.format = format
        self.progress = progress
    }

    public var format: CatalogFormat?
    public var progress: ProgressSink

    /// - Returns: one summary per file, and the diagnostics worth a warning.
    public func run(paths: [String], into ledger: Ledger) throws -> (
        summaries: [ImportSummary], diagnostics: [Diagnostic]
    ) {
        let files = try CatalogFormat.files(in: paths)
        var diagnostics: [Diagnostic] = []
        let bytes = files.reduce(0) { $0 + Self.size($1) }
        progress.expect(files: files.count, bytes: bytes)
        defer { progress.finish() }
        let summaries = try ledger.importing { session in
            try files.map { url in
                let name = url.relativePath
                defer { progress.advance(bytes: Self.size(url)) }
                let summary = try importFile(url, name: name, into: session, diagnostics: &diagnostics)
                try session.log(summary)
                diagnostics += summary.warnings.map { Diagnostic(file: name, line: 0, message: $0) }
                return summary
            }
        }
        return (summaries, diagnostics)
    }

    /// One catalog file into the import's transaction.
    private func importFile(
        _ url: URL, name: String, into session: CatalogImport, diagnostics: inout [Diagnostic]
    ) throws -> ImportSummary {
        switch try format ?? CatalogFormat.detect(url, displayName: name) {
        case .msrcCVRF:
            let result = try CVRFReader.read(url, displayName: name) {
                progress.update(file: name, bytes: $0, records: nil)
            }
            diagnostics += result.diagnostics
            return try session.apply(result.document, sha256: result.sha256, file: name)
        case .wsusCabinet:
            // A nightly re-import of the cabinet held: recognised by the cabinet's own digest (the document's is
            // package.xml's, known only once read), its read skipped.
            let cabinetDigest =
                try session.heldWSUSPackageSHA256() == nil ? nil : try FileDigest.sha256(url, displayName: name)
            if let cabinetDigest, let summary = try session.unchangedWSUSCabinet(sha256: cabinetDigest, file: name) {
                return summary
            }
            // The package is read from the cabinet as it decompresses, then the metadata fragments from its shards.
            let loader = try session.wsusPackageLoader(
                file: name, bytes: Self.size(url),
                cabinetSHA256: try cabinetDigest ?? FileDigest.sha256(url, displayName: name))
            let read = try WSUSPackageReader.readCabinet(url, into: loader, displayName: name) { bytes, updates in
                progress.update(file: name, bytes: bytes, records: updates)
            }
            switch read {
            case .read(let digest):
                let fragments = try WSUSMetadataReader.read(cabinet: url, displayName: name)
                return try loader.finish(
                    sha256: digest, metadata: fragments.metadata, metadataFingerprint: fragments.fingerprint)
            case .skipped: return try loader.finishOlder()
            }
        case .wsusPackage:
            let fragments = WSUSMetadataReader.fragmentFolders(besidePackage: url)
            let fingerprint = WSUSMetadataReader.fingerprint(fragments)
            // A nightly re-import of the catalog held: recognise it by digest and skip the read. The digest,
            // once computed, serves the read too.
            let digest =
                try session.heldWSUSPackageSHA256() == nil ? nil : try FileDigest.sha256(url, displayName: name)
            if let digest,
                let summary = try session.unchangedWSUSPackage(
                    sha256: digest, metadataFingerprint: fingerprint, file: name)
            {
                return summary
            }
            let loader = try session.wsusPackageLoader(file: name, bytes: Self.size(url))
            let read = try WSUSPackageReader.readDeferringDigest(
                url, into: loader, displayName: name, sha256: digest
            ) { bytes, updates in
                progress.update(file: name, bytes: bytes, records: updates)
            }
            switch read {
            case .read(let digestAfterParse):
                return try loader.finish(
                    digest: { try digestAfterParse.wait().get() },
                    metadata: try WSUSMetadataReader.read(fragments),
                    metadataFingerprint: fingerprint)
            case .skipped:
                // Older than the package held: reported, nothing written.
                return try loader.finishOlder()
            }
        }
    }

    private static func size(_ url: URL) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }
}
