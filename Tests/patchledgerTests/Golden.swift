import Foundation
import Testing

/// Saved answers: what a command printed on fixed inputs, kept under `Golden/` so that a change of answer
/// is seen and made on purpose. `PATCHLEDGER_UPDATE_GOLDEN=1 swift test` writes them anew.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["PATCHLEDGER_UPDATE_GOLDEN"] == "1"

    /// Checks a command's JSON output against `Golden/<name>.json`, compared as canonical JSON (sorted keys,
    /// indented) so that a failure shows which lines changed.
    static func expectJSON(
        _ output: CLI.Result, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(output.status == 0 || output.status == 1, "\(name): \(output.stderr)", sourceLocation: sourceLocation)
        try expectJSON(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)), named: name,
            sourceLocation: sourceLocation)
    }

    /// Checks a JSON value (e.g. a digest of a command's output) against `Golden/<name>.json`.
    static func expectJSON(_ object: Any, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let canonical = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        let url = folder.appendingPathComponent("\(name).json")
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try canonical.write(to: url)
            return
        }
        let saved = try Data(contentsOf: url)
        guard saved != canonical else { return }
        let old = String(decoding: saved, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: canonical, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let context = { (lines: [Substring]) in
            lines[max(0, line - 3)..<min(lines.count, line + 3)].joined(separator: "\n")
        }
        Issue.record(
            "\(name).json differs from line \(line + 1):\n--- saved\n\(context(old))\n--- now\n\(context(new))",
            sourceLocation: sourceLocation)
    }
}
