import PatchLedgerCore

/// One Win32_QuickFixEngineering record, whatever table it came in, keyed by lower-cased property name.
struct QFERow {
    var line: Int
    var values: [String: String]

    /// One snapshot per host named in the rows (`Get-HotFix -ComputerName a,b` lists several), in order.
    static func snapshots(_ rows: [QFERow], format: InventoryFormat, file: String) throws -> [InventorySnapshot] {
        var hosts = QFEHosts(format: format, file: file)
        for row in rows { try hosts.add(row) }
        return hosts.snapshots
    }
}
