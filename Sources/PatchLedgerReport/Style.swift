/// Colour for severities in table output, on a terminal only (README, "Commands"): the words stay, so
/// nothing is said by colour alone.
public enum Style {
    /// Set once, by the command line's options, before anything renders: stdout is a terminal, and neither
    /// `NO_COLOR` nor `--no-color` says otherwise.
    public nonisolated(unsafe) static var colours = false

    private static let codes: [(word: String, code: String)] = [
        ("Critical", "1;31"), ("Important", "33"), ("Moderate", "36"), ("Low", "2"),
    ]

    /// `text` with each severity that stands as a column (two spaces either side, or at a line's end) in its
    /// colour; unchanged when colours are off.
    public static func severities(_ text: String) -> String {
        guard colours else { return text }
        var result = text
        for (word, code) in codes {
            result = result.replacingAll("  \(word)  ", with: "  \u{1B}[\(code)m\(word)\u{1B}[0m  ")
        }
        return result
    }
}
