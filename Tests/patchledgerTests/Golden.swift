import Foundation
import PatchLedgerTestSupport
import Testing

/// The commands' saved answers, under `Golden/` (`GoldenFiles`).
enum Golden {
    static let files = GoldenFiles(
        folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"))

    /// Checks a command's JSON output against `Golden/<name>.json`.
    static func expectJSON(
        _ output: CLI.Result, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(output.status == 0 || output.status == 1, "\(name): \(output.stderr)", sourceLocation: sourceLocation)
        try files.expectJSON(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)), named: name,
            sourceLocation: sourceLocation)
    }

    /// Checks a JSON value (e.g. a digest of a command's output) against `Golden/<name>.json`.
    static func expectJSON(_ object: Any, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        try files.expectJSON(object, named: name, sourceLocation: sourceLocation)
    }
}
