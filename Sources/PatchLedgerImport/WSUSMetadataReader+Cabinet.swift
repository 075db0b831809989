import Foundation
import PatchLedgerCore
import PatchLedgerDigest

extension WSUSMetadataReader {
    /// The metadata fragments inside a `wsusscn2.cab`: its shards (`package2.cab` …, listed with the lowest
    /// RevisionId each holds by `index.xml`'s `RANGESTART`s) are read into memory one at a time, and of each only
    /// the members the import uses are decompressed: `x/<RevisionId>`, `c/<RevisionId>`, `l/<language>/<RevisionId>`
    /// (not the other languages, EULAs or files).
    ///
    /// - Returns: the fragments by RevisionId, and a fingerprint of the members read (names and lengths); nothing
    ///   for a cabinet without shards (`package.cab`).
    /// - Throws: `ImportError` for a damaged shard or fragment, naming the shard.
    public static func read(cabinet url: URL, displayName: String, language: String = "en") throws -> (
        metadata: [Int: WSUSMetadata], fingerprint: String
    ) {
        let outer = try Cabinet(file: url, displayName: displayName)
        var metadata: [Int: WSUSMetadata] = [:]
        var lines: [String] = []
        let folders = ["x/", "c/", "l/\(language.lowercased())/"]
        for shard in try shards(of: outer) {
            let cabinet = try Cabinet(bytes: try outer.bytes(of: shard), displayName: "\(displayName)/\(shard.name)")
            for member in cabinet.members {
                let name = member.path
                guard let folder = folders.first(where: { name.hasPrefix($0) }),
                    let revision = Int(name.dropFirst(folder.count))
                else { continue }
                let fragment = "\(cabinet.displayName)/\(member.name)"
                guard member.length <= InputLimit.wsusFragment.bytes else {
                    throw ImportError.unreadable(
                        file: fragment,
                        reason: "\(member.length) bytes, over the limit for \(InputLimit.wsusFragment.name)")
                }
                var entry = metadata[revision] ?? WSUSMetadata(revisionID: revision)
                try read(bytes: try cabinet.bytes(of: member), displayName: fragment, into: &entry)
                metadata[revision] = entry
                lines.append("\(name)\t\(member.length)")
            }
        }
        return (metadata, lines.isEmpty ? "" : SHA256.hex(Array(lines.sorted().joined(separator: "\n").utf8)))
    }

    /// Reads one fragment held in memory into `metadata`.
    static func read(bytes: [UInt8], displayName: String, into metadata: inout WSUSMetadata) throws {
        let handler = WSUSMetadataHandler(metadata: metadata)
        let stream = XMLStream(file: displayName, names: WSUSMetadataHandler.Name.allCases.map(\.rawValue))
        try stream.parse(handler: handler, wrapped: true) { consume in
            try bytes.withUnsafeBytes { try consume($0) }
        }
        metadata = handler.metadata
    }

    /// The shards of a wsusscn2.cab in `index.xml`'s order (every listed cabinet but package.cab), else every
    /// `packageN.cab` it holds by N.
    private static func shards(of outer: Cabinet) throws -> [Cabinet.Member] {
        if let index = outer.member(named: "index.xml") {
            let handler = CabinetIndexHandler()
            let stream = XMLStream(file: "\(outer.displayName)/index.xml", names: CabinetIndexHandler.names)
            let bytes = try outer.bytes(of: index)
            try stream.parse(handler: handler) { consume in try bytes.withUnsafeBytes { try consume($0) } }
            return try handler.cabinets.filter { $0.name.lowercased() != "package.cab" }.map { listed in
                guard let member = outer.member(named: listed.name) else {
                    throw ImportError.unexpected(
                        file: "\(outer.displayName)/index.xml", line: 0, column: 0,
                        expected: "\(listed.name) in the cabinet, as index.xml lists it", found: "no such member")
                }
                return member
            }
        }
        let numbered = outer.members.compactMap { member -> (Int, Cabinet.Member)? in
            let name = member.name.lowercased()
            guard name.hasPrefix("package"), name.hasSuffix(".cab"),
                let number = Int(name.dropFirst("package".count).dropLast(".cab".count))
            else { return nil }
            return (number, member)
        }
        return numbered.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// `index.xml` of a wsusscn2.cab: `<CAB NAME="package2.cab" RANGESTART="0" />`, one per cabinet, in order.
private final class CabinetIndexHandler: XMLStreamHandler {
    static let names = ["CAB", "NAME", "RANGESTART"]
    private(set) var cabinets: [(name: String, rangeStart: Int?)] = []

    func start(_ element: Int?, _ attributes: XMLAttributes, _ stream: XMLStream) throws {
        guard element == 0, let name = attributes.value(1) else { return }
        cabinets.append((name, attributes.value(2).flatMap { Int($0) }))
    }

    func end(_ element: Int?, _ stream: XMLStream) throws {}
}
