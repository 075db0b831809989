import PatchLedgerCore

/// Windows Update history as wesng's `_listupdates.vbs` and similar scripts print it:
/// `KB4100347: 2018-10 Update for Windows 10 Version 1803 for x64-based Systems (KB4100347)`.
enum UpdateHistoryList {
    static func entry(_ line: some StringProtocol) -> InstalledKB? {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.uppercased().hasPrefix("KB"), let colon = trimmed.firstIndex(of: ":"),
            let kb = KB(parsing: trimmed[..<colon])
        else { return nil }
        let title = trimmed[trimmed.index(after: colon)...].trimmingWhitespace()
        return InstalledKB(kb: kb, description: title.isEmpty ? nil : title)
    }

    static func parse(_ text: String) -> InventorySnapshot {
        var snapshot = InventorySnapshot(format: InventoryFormat.updateHistory.rawValue)
        for line in TextDecoding.lines(text) {
            if let entry = entry(line) { snapshot.add(entry) }
        }
        return snapshot
    }
}
