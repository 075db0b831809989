import Foundation

/// Writes the per-revision metadata fragments of a `WSUSPackageGenerator` package, as the shards of a real
/// wsusscn2.cab hold them: for every revision `c/<RevisionId>` (its type, and applicability rules of a real
/// fragment's size), and for every bundle `x/<RevisionId>` (severity, KB), `l/en/<RevisionId>` (title) and the
/// same title in German and French (`l/de/`, `l/fr/`), which an import reading English never reads.
public struct WSUSFragmentGenerator {
    public var updates: Int

    public init(updates: Int) {
        self.updates = updates
    }

    /// The fragments' paths relative to `folder`, each with its RevisionId, in RevisionId order.
    @discardableResult
    public func write(to folder: URL) throws -> [(path: String, revision: Int)] {
        for name in ["c", "x", "l/en", "l/de", "l/fr"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let rules = String(
            repeating: "<b.WindowsVersion Comparison=\"GreaterThanOrEqualTo\" MajorVersion=\"10\" />", count: 12)
        var written: [(path: String, revision: Int)] = []
        func write(_ path: String, _ revision: Int, _ text: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent(path))
            written.append((path, revision))
        }
        for pair in 0..<updates / 2 {
            let child = 20_000_000 + pair * 2
            let bundle = child + 1
            let kb = 3_000_000 + pair
            try write(
                "c/\(child)", child,
                "<Properties UpdateType=\"Software\" /><ApplicabilityRules><IsInstalled>\(rules)</IsInstalled>"
                    + "</ApplicabilityRules>")
            try write("c/\(bundle)", bundle, "<Properties UpdateType=\"Software\" /><Relationships />")
            try write(
                "x/\(bundle)", bundle,
                "<ExtendedProperties DefaultPropertiesLanguage=\"en\" MsrcSeverity=\"\(["Critical", "Important"][pair % 2])\" "
                    + "IsBeta=\"false\"><InstallationBehavior RebootBehavior=\"CanRequestReboot\" /></ExtendedProperties>"
                    + "<KBArticleID>\(kb)</KBArticleID>")
            for (language, title) in [("en", "Cumulative Update"), ("de", "Kumulatives Update"), ("fr", "Mise à jour")]
            {
                try write(
                    "l/\(language)/\(bundle)", bundle,
                    "<LocalizedProperties><Language>\(language)</Language><Title>\(title) (KB\(kb))</Title>"
                        + "<Description>A security issue has been identified.</Description></LocalizedProperties>")
            }
        }
        return written.sorted { ($0.revision, $0.path) < ($1.revision, $1.path) }
    }
}
