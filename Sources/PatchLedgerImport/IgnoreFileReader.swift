import Foundation
import PatchLedgerCore

/// An ignore file (`.patchledgerignore`, README "Scan"): one accepted risk per line,
/// `KB5029247|CVE-2023-32046 [vm:NAME|group:NAME|*] [until:YYYY-MM-DD] reason…`; `#` starts a comment.
public enum IgnoreFileReader {
    /// - Throws: `ImportError` naming the file and line: an unreadable file, a line that names no KB or CVE,
    ///   a bad date, or no reason.
    public static func read(_ url: URL, displayName: String) throws -> IgnoreList {
        let bytes = try InputFiles.bytes(url, displayName: displayName, limit: .ignoreFile)
        let text = try TextDecoding.decode(bytes, file: displayName)
        var entries: [IgnoreList.Entry] = []
        for (index, raw) in TextDecoding.lines(text).enumerated() {
            let line = raw.prefix { $0 != "#" }.trimmingWhitespace()
            guard !line.isEmpty else { continue }
            entries.append(try entry(Substring(line), line: index + 1, file: displayName))
        }
        return IgnoreList(entries: entries)
    }

    private static func entry(_ text: Substring, line: Int, file: String) throws -> IgnoreList.Entry {
        func fail(_ expected: String, _ found: String) -> ImportError {
            .badRecord(file: file, line: line, expected: expected, found: found)
        }
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)[...]
        let first = words.removeFirst()
        let key: String
        if first.uppercased().hasPrefix("CVE-"), first.split(separator: "-").count == 3 {
            key = first.uppercased()
        } else if let kb = KB(parsing: first) {
            key = kb.description
        } else {
            throw fail("a KB (KB5029247) or a CVE id (CVE-2023-32046)", first)
        }
        var scope = IgnoreList.Scope.everywhere
        var until: CalendarDate?
        while let word = words.first {
            if word == "*" {
                scope = .everywhere
            } else if word.lowercased().hasPrefix("vm:"), word.count > 3 {
                scope = .vm(String(word.dropFirst(3)))
            } else if word.lowercased().hasPrefix("group:"), word.count > 6 {
                scope = .group(String(word.dropFirst(6)))
            } else if word.lowercased().hasPrefix("until:") {
                guard let day = CalendarDate(parsing: String(word.dropFirst(6))) else {
                    throw fail("until:YYYY-MM-DD", word)
                }
                until = day
            } else {
                break
            }
            words.removeFirst()
        }
        let reason = words.joined(separator: " ")
        guard !reason.isEmpty else { throw fail("a reason after \(key) (why the risk is accepted)", "none") }
        return IgnoreList.Entry(file: file, line: line, key: key, scope: scope, until: until, reason: reason)
    }
}
