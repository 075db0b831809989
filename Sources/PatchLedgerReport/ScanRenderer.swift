import PatchLedgerCore

/// The `scan` command's table (readable in 100 columns) and CSV (one row per VM × missing update).
public enum ScanRenderer {
    public static func table(_ scan: FleetScan) -> String {
        var out = ""
        for vm in scan.vms {
            let state: String
            switch vm.status {
            case .noScan: state = "no scan on or before \(scan.asOf)"
            case .unknownProduct: state = "product unknown to the catalog: \(vm.product ?? "not stated")"
            case .evaluated:
                state =
                    vm.missingCount == 0
                    ? "compliant" : "\(vm.missingCount) to install, oldest \(vm.oldestMissingDays ?? 0) days"
            }
            out += "\(vm.vm)  \(vm.product ?? "-")  \(vm.build ?? "-")  \(state)\n"
            // Rendered from the evaluation on each access: once per VM.
            for update in vm.missing {
                let covers = update.covers.isEmpty ? "" : ", covers \(update.covers.count)"
                let exploited = update.exploited == true ? ", EXPLOITED" : ""
                let cvss = update.cvss.map { ", CVSS \($0)" } ?? ""
                out +=
                    "  \(update.kb)  \(update.severity ?? "unrated")  \(update.released ?? "?")  "
                    + "\(update.ageDays.map { "\($0) days" } ?? "?")  \(update.cves.count) CVEs\(covers)\(exploited)\(cvss)  "
                    + "\(short(update.title ?? update.subtype ?? ""))\n"
            }
            for (update, entry) in vm.ignored {
                let until = entry.until.map { ", until \($0)" } ?? ""
                out +=
                    "  ignored  \(update.kb)  \(update.severity ?? "unrated")  \(entry.reason) "
                    + "(\(entry.position)\(until))\n"
            }
            let components = vm.componentUpdates.count
            if components > 0 {
                out += "  + \(components) component updates, applicability unverified (--format json)\n"
            }
        }
        let summary = scan.summary
        out += "\nas of \(scan.asOf): \(summary.vms) VMs, \(summary.scanned) scanned, \(summary.compliant) compliant, "
        out +=
            "\(summary.nonCompliant.values.reduce(0, +)) not compliant, \(summary.distinctOpenCves) distinct open CVEs\n"
        let worst = ["critical", "important", "moderate", "low", "unrated"].compactMap { key in
            summary.nonCompliant[key].map { "\(key) \($0)" }
        }
        if !worst.isEmpty { out += "not compliant by worst missing severity: \(worst.joined(separator: ", "))\n" }
        out += "patch age of the oldest missing update: "
        out +=
            ["0-30", "31-60", "61-90", "over-90"].map { "\($0) days \(summary.patchAge[$0] ?? 0)" }.joined(
                separator: ", ") + "\n"
        if summary.ignoredUpdates > 0 {
            out += "ignored (accepted risks, not counted): \(summary.ignoredUpdates) updates\n"
        }
        if summary.exposedToExploited > 0 {
            out += "exposed to a CVE marked exploited: \(summary.exposedToExploited) VMs\n"
        }
        if !summary.noScan.isEmpty { out += "no scan: \(summary.noScan.joined(separator: ", "))\n" }
        if !summary.unknownProduct.isEmpty {
            out += "product unknown: \(summary.unknownProduct.joined(separator: ", "))\n"
        }
        return out
    }

    public static func csv(_ scan: FleetScan) -> String {
        var bytes: [UInt8] = []
        writeCSV(scan) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `csv(scan)` written to `sink` a block at a time: a 100,000-VM fleet's rows are 170 MB, which a table held
    /// whole took a gigabyte to render.
    public static func writeCSV(_ scan: FleetScan, to sink: ([UInt8]) -> Void) {
        let header = [
            "vm", "group", "product", "build", "scanned_at", "status", "kb", "severity", "classification", "subtype",
            "released", "age_days", "cves", "covers", "title", "exploited", "cvss",
        ]
        var block = TextTable.csvLine(TextTable.csvHeader(header)) + "\r\n"
        func add(_ cells: [String]) {
            block += TextTable.csvLine(cells)
            block += "\r\n"
            if block.utf8.count >= 1 << 16 {
                sink(Array(block.utf8))
                block = ""
            }
        }
        for vm in scan.vms {
            let head = [
                vm.vm, vm.group ?? "", vm.product ?? "", vm.build ?? "", vm.scannedAt ?? "", vm.status.rawValue,
            ]
            let missing = vm.missing
            if missing.isEmpty { add(head + Array(repeating: "", count: 11)) }
            for update in missing {
                add(
                    head + [
                        update.kb, update.severity ?? "", update.classification ?? "", update.subtype ?? "",
                        update.released ?? "", update.ageDays.map(String.init) ?? "",
                        update.cves.joined(separator: " "),
                        update.covers.joined(separator: " "), update.title ?? "", update.exploited == true ? "yes" : "",
                        update.cvss.map { "\($0)" } ?? "",
                    ])
            }
        }
        sink(Array(block.utf8))
    }

    private static func short(_ text: String, limit: Int = 48) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
