/// Lines a user left before a capture: the command typed (`cat q`, `wmic qfe > q.txt`), a prompt. Up to three
/// leading non-blank lines are blanked, one more at a time, until the rest is a format `InventoryFormat.detect`
/// knows; blanked rather than removed, so that every later error still names the file's own line numbers.
enum StrayLines {
    static let limit = 3

    /// The text with the stray lines blanked, those lines, and their 1-based numbers; `nil` when blanking up to
    /// `limit` lines does not make the rest recognisable.
    static func before(_ text: String) -> (text: String, skipped: [String], lines: [Int])? {
        var lines = TextDecoding.lines(text).map(String.init)
        var skipped: [String] = []
        var numbers: [Int] = []
        for index in lines.indices where skipped.count < limit {
            guard !lines[index].trimmingWhitespace().isEmpty else { continue }
            skipped.append(lines[index].trimmingWhitespace())
            numbers.append(index + 1)
            lines[index] = ""
            let rest = lines.joined(separator: "\n")
            if InventoryFormat.detect(rest) != nil { return (rest, skipped, numbers) }
        }
        return nil
    }
}
