import Foundation
import PatchLedgerCore
import PatchLedgerDigest

/// Reads one inventory file: decodes it, detects or applies its format, and returns its snapshots.
public enum InventoryReader {
    public struct Result: Sendable {
        public var format: InventoryFormat
        public var snapshots: [InventorySnapshot]
        /// SHA-256 of the file's bytes.
        public var sha256: String
        public var diagnostics: [Diagnostic]
    }

    /// - Throws: `ImportError` naming the file: unreadable, undecodable, unrecognised, a bad record, or a
    ///   snapshot with no KBs where its format cannot say "none installed" (there an empty list means a failed
    ///   capture; PatchLedger JSON's `"kbs": []` is a machine with nothing installed).
    public static func read(_ url: URL, displayName: String, format: InventoryFormat? = nil) throws -> Result {
        try read(
            bytes: try InputFiles.bytes(url, displayName: displayName, limit: .inventory), displayName: displayName,
            format: format)
    }

    public static func read(bytes: [UInt8], displayName: String, format: InventoryFormat? = nil) throws -> Result {
        let tried = InventoryFormat.allCases.map(\.rawValue)
        // An empty capture is a failed one (a machine with nothing installed still prints its systeminfo).
        let empty = ImportError.badRecord(file: displayName, line: 1, expected: "a capture", found: "an empty file")
        guard !bytes.isEmpty else { throw empty }
        var text = try TextDecoding.decode(bytes, file: displayName)
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { throw empty }
        if format == nil, WindowsUpdateSearch.matches(text) {
            throw WindowsUpdateSearch.refusal(file: displayName)
        }
        var skipped: Diagnostic?
        if format == nil, InventoryFormat.detect(text) == nil, let stray = StrayLines.before(text) {
            text = stray.text
            skipped = Diagnostic(
                file: displayName, line: stray.lines.first ?? 1,
                message: "skipped \(stray.skipped.count) line(s) before the capture: "
                    + stray.skipped.map { "'\($0)'" }.joined(separator: ", "),
                kind: "lines before a capture's header skipped (the command typed, a prompt)")
        }
        guard let format = format ?? InventoryFormat.detect(text) else {
            throw ImportError.unrecognized(file: displayName, tried: tried)
        }
        let snapshots = try format.parse(text, file: displayName)
        guard !snapshots.isEmpty else {
            throw ImportError.badRecord(
                file: displayName, line: 1, expected: "installed KBs (\(format.rawValue))", found: "none")
        }
        let diagnostics =
            try [skipped].compactMap { $0 } + snapshots.compactMap { try check($0, format: format, file: displayName) }
        return Result(format: format, snapshots: snapshots, sha256: SHA256.hex(bytes), diagnostics: diagnostics)
    }

    /// Refuses a snapshot that lists no KB without saying none is installed (a failed capture), and notes a
    /// systeminfo list shorter than its declared count.
    static func check(_ snapshot: InventorySnapshot, format: InventoryFormat, file: String) throws -> Diagnostic? {
        if let vm = snapshot.vm { try InventoryFields.checkVMName(vm, file: file, line: 1) }
        let who = snapshot.vm.map { " for \($0)" } ?? ""
        guard !snapshot.kbs.isEmpty || snapshot.listsInstalledUpdates else {
            throw ImportError.badRecord(
                file: file, line: 1, expected: "installed KBs\(who) (\(format.rawValue))", found: "none")
        }
        guard snapshot.countMismatch, let declared = snapshot.declaredCount else { return nil }
        return Diagnostic(
            file: file, line: 1,
            message: "declares \(declared) hotfixes but lists \(snapshot.kbs.count + snapshot.otherEntries)"
                + "\(who) (systeminfo truncates long lists; the KBs read are kept"
                + (snapshot.cutOffEntry.map { "; the last, \($0), is cut off mid-id and was dropped" } ?? "") + ")",
            kind: "systeminfo lists shorter than their declared count (truncated; the KBs read are kept)")
    }

    /// The files under `paths` to read as inventories: any regular, non-hidden file.
    public static func files(in paths: [String]) throws -> [URL] {
        try InputFiles.list(paths) { _ in true }
    }
}
