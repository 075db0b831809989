import Foundation
import PatchLedgerCore

/// The installed-patch list formats `import inventory` reads, detected from content.
public enum InventoryFormat: String, CaseIterable, Sendable {
    /// `systeminfo` (the default list layout, `/fo list` too), any display language.
    case systeminfo
    /// `systeminfo /fo csv`: hotfixes comma-joined in one field.
    case systeminfoCSV = "systeminfo-csv"
    /// `wmic qfe` (and `wmic qfe list full`) column-aligned table.
    case wmicQFE = "wmic-qfe"
    /// `wmic qfe … /format:csv` and `Get-HotFix | Export-Csv`: CSV with a HotFixID column.
    case qfeCSV = "qfe-csv"
    /// `Get-HotFix | ConvertTo-Json` and other Win32_QuickFixEngineering JSON.
    case hotfixJSON = "hotfix-json"
    /// PatchLedger's own JSON inventory (README, "Inventory JSON").
    case patchLedgerJSON = "patchledger-json"

    /// The format of a decoded capture, or `nil` when it matches none.
    static func detect(_ text: String) -> InventoryFormat? {
        // JSON is known by its first character, before the text is split into lines.
        let opening = text.unicodeScalars.first { !$0.properties.isWhitespace }
        if opening == "{" || opening == "[" {
            return JSONInventory.detect(text)
        }
        let lines = TextDecoding.lines(text)
        guard let first = lines.first(where: { !$0.trimmingWhitespace().isEmpty })?.trimmingWhitespace() else {
            return nil
        }
        if first.hasPrefix("#TYPE") { return .qfeCSV }
        if first.range(of: "HotFixID", options: .caseInsensitive) != nil {
            return first.contains(",") ? .qfeCSV : .wmicQFE
        }
        if first.hasPrefix("\""), SystemInfoCSV.matches(text) { return .systeminfoCSV }
        if SystemInfoList.matches(lines) { return .systeminfo }
        return nil
    }

    /// Parses `text` as this format into one snapshot per machine it describes.
    func parse(_ text: String, file: String) throws -> [InventorySnapshot] {
        switch self {
        case .systeminfo: [try SystemInfoList.parse(text, file: file)]
        case .systeminfoCSV: try SystemInfoCSV.parse(text, file: file)
        case .wmicQFE: try QFETable.parse(text, file: file)
        case .qfeCSV: try QFECSV.parse(text, file: file)
        case .hotfixJSON: try JSONInventory.parseHotFix(text, file: file)
        case .patchLedgerJSON: try JSONInventory.parsePatchLedger(text, file: file)
        }
    }
}
