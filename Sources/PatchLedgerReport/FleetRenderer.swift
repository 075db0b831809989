import PatchLedgerCore

/// Tables for the `vms` command.
public enum FleetRenderer {
    /// One row per VM; `fullKBs` lists every KB (CSV) instead of counting them (terminal).
    public static func table(_ vms: [VMSummary], fullKBs: Bool = false) -> TextTable {
        var table = TextTable(
            ["VM", "GROUP", "IMAGE", "PRODUCT", "BUILD", "ARCH", "SCANNED", "SCANS", "KBS"], rightAligned: [7, 8])
        for vm in vms {
            table.append([
                vm.vm, vm.group ?? "", vm.image ?? "",
                vm.product ?? (vm.scannedAt == nil ? "(never scanned)" : "unknown"),
                vm.build ?? "", vm.architecture ?? "", vm.scannedAt ?? "", String(vm.snapshots),
                fullKBs ? vm.kbs.joined(separator: " ") : String(vm.kbs.count),
            ])
        }
        return table
    }
}
