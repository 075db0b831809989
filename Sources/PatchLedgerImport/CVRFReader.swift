import Foundation
import PatchLedgerCore

/// Streams an MSRC CVRF document (ICASI 1.1 or OASIS 1.2 namespaces, matched by local name).
public enum CVRFReader {
    public struct Result: Sendable {
        public var document: CVRFDocument
        public var sha256: String
        public var diagnostics: [Diagnostic]
    }

    /// Reads one document.
    ///
    /// - Parameters:
    ///   - url: the file; its SHA-256 is computed from the same bytes the parser reads.
    ///   - displayName: how errors and diagnostics name the file.
    ///   - progress: called with the number of bytes read so far.
    /// - Throws: `ImportError` when the file is unreadable, malformed or not a CVRF document.
    public static func read(
        _ url: URL, displayName: String? = nil, progress: (Int) -> Void = { _ in }
    ) throws -> Result {
        let name = displayName ?? url.path
        try InputFiles.check(url, displayName: name, limit: .cvrfDocument)
        let handler = CVRFHandler(file: name)
        let stream = XMLStream(file: name, names: CVRFHandler.Name.allCases.map(\.xmlName))
        let sha256 = try stream.parseHashing(url, handler: handler, progress: progress)
        guard handler.sawRoot else {
            throw ImportError.unexpected(
                file: name, line: 1, column: 1, expected: "a <cvrfdoc> root element", found: "no element")
        }
        // The document's identity keys it in the ledger (`2023-Aug`): without one, a re-import or a revision
        // could not be told from another document.
        guard !handler.document.id.trimmingWhitespace().isEmpty else {
            throw ImportError.badRecord(
                file: name, line: 1, expected: "a DocumentTracking/Identification/ID such as 2023-Aug", found: "none")
        }
        handler.finish()
        return Result(document: handler.document, sha256: sha256, diagnostics: handler.diagnostics)
    }
}
