import Foundation
import PatchLedgerCore
import PatchLedgerDigest

/// Reads the per-revision metadata fragments of an extracted WSUS catalog: `x/<RevisionId>` (KBArticleID,
/// MsrcSeverity, SecurityBulletinID, RebootBehavior), `l/<lang>/<RevisionId>` (Title, Description) and
/// `c/<RevisionId>` (UpdateType, SupersededUpdates), with or without a single root element.
public enum WSUSMetadataReader {
    /// The fragment folders beside `package`, if any: `x`, `c` and `l/<language>`.
    public static func fragmentFolders(besidePackage package: URL, language: String = "en") -> [URL] {
        let root = package.deletingLastPathComponent()
        return ["x", "c", "l/\(language)"].map { root.appendingPathComponent($0) }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// Reads every fragment in `folders` (files named by RevisionId) and merges them per revision.
    public static func read(_ folders: [URL]) throws -> [Int: WSUSMetadata] {
        var result: [Int: WSUSMetadata] = [:]
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let url = folder.appendingPathComponent(name)
                guard let revision = Int(name) else { continue }
                var metadata = result[revision] ?? WSUSMetadata(revisionID: revision)
                try read(url, displayName: url.relativePath, into: &metadata)
                result[revision] = metadata
            }
        }
        return result
    }

    /// Reads one fragment into `metadata`.
    public static func read(_ url: URL, displayName: String, into metadata: inout WSUSMetadata) throws {
        try InputFiles.check(url, displayName: displayName, limit: .wsusFragment)
        let handler = WSUSMetadataHandler(metadata: metadata)
        let stream = XMLStream(file: displayName, names: WSUSMetadataHandler.Name.allCases.map(\.rawValue))
        try stream.parse(url, handler: handler, wrapped: true)
        metadata = handler.metadata
    }
}

extension WSUSMetadataReader {
    /// Identifies a set of fragment folders without reading the fragments: SHA-256 over each file's path,
    /// size and modification time. Empty when there are none.
    public static func fingerprint(_ folders: [URL]) -> String {
        guard !folders.isEmpty else { return "" }
        var lines: [String] = []
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names {
                let path = folder.appendingPathComponent(name).path
                let attributes = try? FileManager.default.attributesOfItem(atPath: path)
                let size = attributes?[.size] as? Int ?? 0
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                lines.append("\(folder.lastPathComponent)/\(name)\t\(size)\t\(modified)")
            }
        }
        return SHA256.hex(Array(lines.sorted().joined(separator: "\n").utf8))
    }
}
