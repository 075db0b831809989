import Foundation

/// The catalog formats `import catalog` reads, told apart by their root element, or a cabinet's signature.
public enum CatalogFormat: String, CaseIterable, Sendable {
    case msrcCVRF = "msrc-cvrf"
    case wsusPackage = "wsus-package"
    /// `wsusscn2.cab` or `package.cab`: the WSUS package.xml inside a Microsoft cabinet, read without extracting it.
    case wsusCabinet = "wsus-cabinet"

    static let roots: [String: CatalogFormat] = ["cvrfdoc": .msrcCVRF, "OfflineSyncPackage": .wsusPackage]

    /// Reads just far enough into `url` to see its root element.
    ///
    /// - Throws: `ImportError.unknownFormat` for another root, or the parse error that came first.
    public static func detect(_ url: URL, displayName: String) throws -> CatalogFormat {
        // The larger limit of the two formats: the reader checks its own.
        try InputFiles.check(url, displayName: displayName, limit: .wsusPackage)
        if try isCabinet(url) { return .wsusCabinet }
        let sniffer = RootSniffer()
        let stream = XMLStream(file: displayName, names: [])
        do {
            try stream.parse(url, handler: sniffer)
        } catch RootSniffer.Found.root {
            // Stopped on purpose at the root element.
        }
        guard let root = sniffer.root else {
            throw ImportError.unexpected(
                file: displayName, line: 1, column: 1, expected: "an XML root element", found: "no element")
        }
        guard let format = roots[root] else {
            throw ImportError.unknownFormat(file: displayName, root: root, expected: roots.keys.sorted())
        }
        return format
    }

    /// The files a list of paths names: files as given, folders searched (with subfolders) for `.xml` and `.cab`
    /// files, in path order.
    public static func files(in paths: [String]) throws -> [URL] {
        try InputFiles.list(paths) { $0.lowercased().hasSuffix(".xml") || $0.lowercased().hasSuffix(".cab") }
    }

    /// Whether the file starts with a cabinet's signature, `MSCF`.
    private static func isCabinet(_ url: URL) throws -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return try handle.read(upToCount: 4) == Data("MSCF".utf8)
    }
}

/// Stops the parse at the first element and remembers its local name.
private final class RootSniffer: XMLStreamHandler {
    enum Found: Error { case root }
    var root: String?

    func start(_ element: Int?, _ attributes: XMLAttributes, _ stream: XMLStream) throws {
        root = stream.currentName
        throw Found.root
    }

    func end(_ element: Int?, _ stream: XMLStream) throws {}
}
