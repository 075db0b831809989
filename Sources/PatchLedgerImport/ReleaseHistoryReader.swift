import Foundation
import PatchLedgerCore

/// Reads release-history tables, one release per line: channel, month, type, date, build.UBR, KB
/// (`LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168`), blank lines and `#` comments skipped.
public enum ReleaseHistoryReader {
    /// - Throws: `ImportError` naming the file and line of the first malformed row; an empty table too.
    public static func read(_ url: URL, displayName: String) throws -> [Release] {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            throw ImportError.unreadable(file: displayName, reason: (error as NSError).localizedDescription)
        }
        return try read(bytes: bytes, displayName: displayName)
    }

    public static func read(bytes: [UInt8], displayName: String) throws -> [Release] {
        let text = try TextDecoding.decode(bytes, file: displayName)
        var releases: [Release] = []
        for (index, line) in TextDecoding.lines(text).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            let expected = "channel month type date build.UBR KB (LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168)"
            guard fields.count == 6, let date = CalendarDate(parsing: fields[3]),
                let version = OSVersion(parsing: fields[4]), let ubr = version.ubr, let kb = KB(parsing: fields[5])
            else {
                throw ImportError.badRecord(
                    file: displayName, line: index + 1, expected: expected, found: String(line.trimmingWhitespace()))
            }
            releases.append(
                Release(
                    channel: String(fields[0]), month: String(fields[1]), type: String(fields[2]), date: date,
                    build: version.build, ubr: ubr, kb: kb))
        }
        guard !releases.isEmpty else { throw ImportError.unrecognized(file: displayName, tried: ["release-history"]) }
        return releases
    }
}
