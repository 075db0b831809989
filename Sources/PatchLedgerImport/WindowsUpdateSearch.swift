import PatchLedgerCore

/// A Windows Update search result: `KB4100347: 2018-10 Update for … (KB4100347)`, one line per update, as
/// wesng's `_listupdates.vbs` writes it. That script searches with `IsInstalled=0`: the list names updates
/// offered and NOT installed, so it cannot say what a machine has. It is refused, with what it is; read as
/// installed, it made every update it names look applied.
enum WindowsUpdateSearch {
    /// Whether every non-blank line is `KB<digits>: title` (the first letter decides for any other file).
    static func matches(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: { !$0.properties.isWhitespace }),
            first == "K" || first == "k"
        else { return false }
        let nonBlank = TextDecoding.lines(text).lazy.filter { !$0.trimmingWhitespace().isEmpty }
        return !nonBlank.isEmpty && nonBlank.allSatisfy(isEntry)
    }

    private static func isEntry(_ line: Substring) -> Bool {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.uppercased().hasPrefix("KB"), let colon = trimmed.firstIndex(of: ":") else { return false }
        return KB(parsing: trimmed[..<colon]) != nil
    }

    static func refusal(file: String) -> ImportError {
        .badRecord(
            file: file, line: 1, expected: "a list of installed updates (systeminfo, wmic qfe, Get-HotFix)",
            found: "a Windows Update search result (KB…: title lines, as wesng's _listupdates.vbs writes them with "
                + "IsInstalled=0), which lists updates NOT installed")
    }
}
