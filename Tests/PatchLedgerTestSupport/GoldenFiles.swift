import Foundation
import Testing

/// Saved answers: what a renderer or a command printed on fixed inputs, kept in a folder so that a change of
/// answer is seen and made on purpose. `PATCHLEDGER_UPDATE_GOLDEN=1 swift test` writes them anew.
public struct GoldenFiles: Sendable {
    public let folder: URL
    public static let updating = ProcessInfo.processInfo.environment["PATCHLEDGER_UPDATE_GOLDEN"] == "1"

    public init(folder: URL) {
        self.folder = folder
    }

    /// Checks `text` against the file `name` (with its extension), showing the first line that differs.
    public func expect(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if Self.updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let saved = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard saved != text else { return }
        let old = saved.split(separator: "\n", omittingEmptySubsequences: false)
        let new = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let context = { (lines: [Substring]) in
            lines[max(0, line - 3)..<min(lines.count, line + 3)].joined(separator: "\n")
        }
        Issue.record(
            "\(name) differs from line \(line + 1):\n--- saved\n\(context(old))\n--- now\n\(context(new))",
            sourceLocation: sourceLocation)
    }

    /// Checks a JSON value against `<name>.json`, compared as canonical JSON (sorted keys, indented).
    public func expectJSON(_ object: Any, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let canonical = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try expect(String(decoding: canonical, as: UTF8.self), named: "\(name).json", sourceLocation: sourceLocation)
    }
}
