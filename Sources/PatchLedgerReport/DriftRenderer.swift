import PatchLedgerCore

/// The `drift` command's table and CSV.
public enum DriftRenderer {
    public static func table(_ drift: Drift) -> String {
        var out = "drift from \(drift.since) to \(drift.until)\n"
        for vm in drift.vms {
            out += "\(vm.vm): \(vm.from ?? "(first scan)") -> \(vm.to)\n"
            for (label, list) in [
                ("installed", vm.installed), ("removed", vm.removed), ("newly missing", vm.newlyMissing),
                ("fixed", vm.fixed), ("REGRESSED", vm.regressions),
            ] where !list.isEmpty {
                out += "  \(label): \(list.joined(separator: " "))\n"
            }
        }
        var days = TextTable(
            ["DATE", "COMPLIANT %", "OPEN CRITICAL EXPOSURES", "OPEN IMPORTANT EXPOSURES"], rightAligned: [1, 2, 3])
        for day in drift.fleet.days {
            days.append([
                day.date, day.compliantPct.map(format1) ?? "-", String(day.openCriticalExposures),
                String(day.openImportantExposures),
            ])
        }
        out += "\n" + days.render()
        var fixes = TextTable(["SEVERITY", "FIXED", "MEAN DAYS", "MEDIAN DAYS"], rightAligned: [1, 2, 3])
        for (severity, time) in drift.fleet.timeToFix.sorted(by: { $0.key < $1.key }) {
            fixes.append([
                severity, String(time.fixed), time.meanDays.map(format1) ?? "-", time.medianDays.map(format1) ?? "-",
            ])
        }
        out += "\ntime to fix\n" + fixes.render()
        if !drift.fleet.longestOpen.isEmpty {
            var open = TextTable(["VM", "KB", "SEVERITY", "FIRST SEEN", "DAYS"], rightAligned: [4])
            for finding in drift.fleet.longestOpen {
                open.append([finding.vm, finding.kb, finding.severity ?? "", finding.firstSeen, String(finding.days)])
            }
            out += "\nlongest open\n" + open.render()
        }
        for peer in drift.peers {
            out += "odd one out in \(peer.group): \(peer.vm)"
            if !peer.lacks.isEmpty { out += ", lacks \(peer.lacks.joined(separator: " "))" }
            if !peer.extra.isEmpty { out += ", extra \(peer.extra.joined(separator: " "))" }
            out += "\n"
        }
        return out
    }

    public static func csv(_ drift: Drift) -> String {
        var table = TextTable(["vm", "from", "to", "change", "kb"])
        for vm in drift.vms {
            for (change, list) in [
                ("installed", vm.installed), ("removed", vm.removed), ("newly-missing", vm.newlyMissing),
                ("fixed", vm.fixed), ("regression", vm.regressions),
            ] {
                for kb in list { table.append([vm.vm, vm.from ?? "", vm.to, change, kb]) }
            }
        }
        return table.renderCSV()
    }

    static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
