import Foundation
import PatchLedgerCore

/// Reads release-history tables, one release per line: channel, month, type, date, build.UBR, KB
/// (`LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168`), blank lines and `#` comments skipped.
public enum ReleaseHistoryReader {
    /// - Throws: `ImportError` naming the file and line of the first malformed row; an empty table too.
    public static func read(_ url: URL, displayName: String) throws -> [Release] {
        try read(
            bytes: try InputFiles.bytes(url, displayName: displayName, limit: .releaseHistory), displayName: displayName
        )
    }

    public static func read(bytes: [UInt8], displayName: String) throws -> [Release] {
        let text = try TextDecoding.decode(bytes, file: displayName)
        var releases: [Release] = []
        for (index, line) in TextDecoding.lines(text).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
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
            releases.append(
                Release(
                    channel: fields.dropLast(kb == nil ? 4 : 5).joined(separator: " "),
                    month: String(tail[tail.startIndex]),
                    type: String(tail[tail.startIndex + 1]), date: date, build: version.build, ubr: ubr, kb: kb))
        }
        guard !releases.isEmpty else { throw ImportError.unrecognized(file: displayName, tried: ["release-history"]) }
        return releases
    }
}
