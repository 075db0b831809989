import Foundation
import PatchLedgerCore

/// Reads release-history tables, one release per line: channel, month, type, date, build.UBR, KB
/// (`LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168`), blank lines and `#` comments skipped.
///
/// Each row belongs to a product line (`ReleaseLine`), taken from, in order: `product` (`import builds
/// --product`), the last `# product: NAME` line above the row, the file's name (`Windows_Server_2025_26100.txt`),
/// or the build when only one line shipped it. A row none of them places is an error: Windows Server 2025 and
/// Windows 11 24H2 share build 26100 but not their releases.
public enum ReleaseHistoryReader {
    /// - Throws: `ImportError` naming the file and line of the first malformed row or row of no line; an empty
    ///   table too.
    public static func read(_ url: URL, displayName: String, product: String? = nil) throws -> [Release] {
        try read(
            bytes: try InputFiles.bytes(url, displayName: displayName, limit: .releaseHistory),
            displayName: displayName, product: product)
    }

    public static func read(bytes: [UInt8], displayName: String, product: String? = nil) throws -> [Release] {
        let text = try TextDecoding.decode(bytes, file: displayName)
        let fileName = String(displayName.split(separator: "/").last ?? "").split(separator: ".").first.map(String.init)
        var declared = product
        var releases: [Release] = []
        for (index, line) in TextDecoding.lines(text).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first else { continue }
            if first.hasPrefix("#") {
                // A `# product: NAME` line names the line of the rows below it (unless --product names it for all).
                let comment = line.drop { $0 == "#" || $0 == " " || $0 == "\t" }
                if product == nil, comment.lowercased().hasPrefix("product:") {
                    declared = String(comment.dropFirst("product:".count)).trimmingWhitespace()
                }
                continue
            }
            let expected = "channel month type date build.UBR KB (LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168)"
            // The channel may be several words ("LTSC • General Availability Channel"): read from the right. A
            // general-availability row ("2024-10 A 2024-10-01 26100.1742") has no KB.
            let kb = fields.last.flatMap { KB(parsing: $0) }
            let tail = fields.dropLast(kb == nil ? 0 : 1).suffix(4)
            guard fields.count >= (kb == nil ? 5 : 6), tail.count == 4,
                let date = CalendarDate(parsing: tail[tail.startIndex + 2]),
                let version = OSVersion(parsing: tail[tail.startIndex + 3]), let ubr = version.ubr
            else {
                throw ImportError.badRecord(
                    file: displayName, line: index + 1, expected: expected, found: String(line.trimmingWhitespace()))
            }
            let productLine = try Self.line(
                build: version.build, declared: declared, fileName: fileName, file: displayName, row: index + 1)
            releases.append(
                Release(
                    line: productLine, channel: fields.dropLast(kb == nil ? 4 : 5).joined(separator: " "),
                    month: String(tail[tail.startIndex]),
                    type: String(tail[tail.startIndex + 1]), date: date, build: version.build, ubr: ubr, kb: kb))
        }
        guard !releases.isEmpty else { throw ImportError.unrecognized(file: displayName, tried: ["release-history"]) }
        return releases
    }

    /// The product line of a row of build `build`.
    private static func line(build: Int, declared: String?, fileName: String?, file: String, row: Int) throws -> String
    {
        let lines = ReleaseLine.lines(build: build)
        let known = lines.isEmpty ? "no Windows line PatchLedger knows" : lines.joined(separator: " or ")
        if let declared {
            if let line = ReleaseLine.named(declared, build: build) { return line }
            throw ImportError.badRecord(
                file: file, line: row, expected: "a release of \(declared)",
                found: "build \(build), which is \(known)")
        }
        if let fileName, let line = ReleaseLine.named(fileName, build: build, prefix: true) { return line }
        if lines.count == 1 { return lines[0] }
        throw ImportError.badRecord(
            file: file, line: row,
            expected: "the product line of its releases: a '# product: NAME' line above them, --product NAME, "
                + "or a file named after it (Windows_Server_2025_26100.txt)",
            found: "build \(build), which is \(known)")
    }
}
