import PatchLedgerCore

/// `report --html`: one self-contained page (inline CSS, JS and SVG; no fonts, images or scripts from
/// elsewhere) with the fleet's trend, patch age, image lag, worst VMs and top missing updates.
public enum HTMLReport {
    /// - Parameters:
    ///   - headline: the tiles' figures, as `report --format json` gives them.
    ///   - problems: what could not be judged, one line each (as the commands warn on stderr).
    ///   - open: since when each VM has lacked each update (the per-VM sections' "missing since").
    ///   - vmSections: the most VMs given a section of their own, the worst first; `nil` for every VM.
    public static func render(
        scan: FleetScan, drift: Drift, lag: ImageLag, headline: ReportHeadline, problems: [String],
        open: OpenFindings, vmSections limit: Int? = defaultVMSections
    ) -> String {
        let summary = scan.summary
        var body = "<header><h1>PatchLedger fleet report</h1><p>as of \(HTML.escape(scan.asOf)): "
        body += "\(summary.vms) VMs, \(summary.scanned) scanned, <b>\(summary.compliant) compliant</b>, "
        body +=
            "\(summary.nonCompliant.values.reduce(0, +)) not compliant, \(summary.distinctOpenCves) distinct open CVEs"
        if !summary.noScan.isEmpty { body += ", \(summary.noScan.count) never scanned" }
        if !summary.unknownProduct.isEmpty { body += ", \(summary.unknownProduct.count) of unknown product" }
        body += "</p>" + catalogLine(headline) + "</header>"
        body += tiles(headline)

        // Every chart in one grid right below the tiles: on screen one look, on paper the first page.
        body += "<div class=\"charts\"><section id=\"trend\"><h2>Compliance trend</h2>"
        body += HTML.lineChart(
            drift.fleet.days.map { ($0.date, $0.compliantPct) }, maximum: 100, unit: "%", title: "compliant VMs per day"
        )
        if let last = drift.fleet.days.last {
            // The same count as the header's: each VM's latest scan on or before the day, judged as of the day.
            body +=
                "<p class=\"caption\">\(HTML.escape(last.date)): <b>\(last.compliant) of \(last.scanned)</b> scanned VMs "
            body += "compliant</p>"
        }
        let peak = max(drift.fleet.days.map(\.openCriticalExposures).max() ?? 0, 1)
        body += "</section><section id=\"exposures\"><h2>Open critical CVE exposures</h2>"
        body += HTML.lineChart(
            drift.fleet.days.map { ($0.date, Double($0.openCriticalExposures)) }, maximum: Double(peak), unit: "",
            title: "open critical CVE exposures per day")
        body += "</section>"
        body += "<section id=\"patch-age\"><h2>Patch age</h2>" + patchAgeBars(scan) + "</section>"
        body += "<section id=\"groups\"><h2>Compliance per group</h2>" + groupBars(scan) + "</section>"
        if !lag.images.isEmpty {
            // Numbered as the image table's rows: image names are too long for an axis.
            body += "<section id=\"image-lag-chart\"><h2>Image lag</h2>"
            body += HTML.barsWithThreshold(
                lag.images.map { ($0.image, $0.lagDays) }, threshold: lag.maxDays, unit: " d",
                title: "days each image's patch level lags the newest release (numbered as the image table's rows)")
            body += "</section>"
        }
        body += "</div>"
        body += "<section id=\"image-lag\"><h2>Images</h2>" + imageTable(lag) + "</section>"
        // Ranked once: the worst-VMs table and the per-VM sections share the order.
        let ranked = worstFirst(scan)
        body += "<section id=\"worst-vms\"><h2>Worst VMs</h2>" + worstVMs(ranked) + "</section>"
        body += "<section id=\"top-missing\"><h2>Top missing updates</h2>" + topMissing(scan) + "</section>"
        body += "<section><h2>Time to fix</h2>" + timeToFix(drift) + "</section>"
        body += "<section id=\"problems\"><h2>Problems</h2>" + problemList(problems, lag: lag, headline) + "</section>"
        body += "<section id=\"vms\"><h2>What each VM must install</h2>"
        body += vmSections(ranked, open: open, limit: limit) + "</section>"
        return page(body)
    }

    /// Sections beyond this many VMs made a page no browser opens comfortably: 100,000 VMs wrote 96 MB.
    public static let defaultVMSections = 1_000

    /// The headline tiles, each linking to the section that lists what it counts; `data-value` holds the plain
    /// number (empty when there is none) for tools and the render check.
    static func tiles(_ h: ReportHeadline) -> String {
        func tile(_ key: String, _ value: Int?, _ shown: String, _ label: String, _ link: String, alert: Bool) -> String
        {
            "<a class=\"tile\(alert ? " alert" : "")\" href=\"#\(link)\" data-tile=\"\(key)\" "
                + "data-value=\"\(value.map(String.init) ?? "")\"><span class=\"value\">\(HTML.escape(shown))</span>"
                + "<span class=\"label\">\(HTML.escape(label))</span></a>"
        }
        let days = { (value: Int?) in value.map { "\($0) days" } ?? "none" }
        return "<nav class=\"tiles\">"
            + tile(
                "compliant", h.compliant, "\(h.compliant) (\(h.compliantPercent) %)",
                "compliant of \(h.scanned) scanned",
                "worst-vms", alert: h.compliant < h.scanned)
            + tile(
                "exposed-to-exploited", h.exposedToExploited, "\(h.exposedToExploited)",
                "VMs exposed to an exploited CVE",
                "worst-vms", alert: h.exposedToExploited > 0)
            + tile(
                "missing-critical", h.missingCritical, "\(h.missingCritical)", "VMs missing a critical update",
                "top-missing", alert: h.missingCritical > 0)
            + tile(
                "median-patch-age", h.medianPatchAgeDays, days(h.medianPatchAgeDays), "median patch age", "patch-age",
                alert: false)
            + tile(
                "worst-patch-age", h.worstPatchAgeDays, days(h.worstPatchAgeDays), "worst patch age", "patch-age",
                alert: (h.worstPatchAgeDays ?? 0) > 30)
            + tile(
                "stale-images", h.staleImages, "\(h.staleImages)", "stale images", "image-lag", alert: h.staleImages > 0
            )
            + tile(
                "no-recent-scan", h.noRecentScan.count, "\(h.noRecentScan.count)",
                "VMs with no scan in \(h.maxScanAgeDays) days", "problems", alert: !h.noRecentScan.isEmpty)
            + "</nav>"
    }

    /// Non-compliant VMs per age bucket of their oldest missing update, split by their worst severity (named beside
    /// each bar, so that colour is never the only label).
    private static func patchAgeBars(_ scan: FleetScan) -> String {
        let buckets = ["0-30", "31-60", "61-90", "over-90"]
        let severities: [Severity?] = Severity.allCases.reversed() + [nil]
        var counts = [String: [Int]](uniqueKeysWithValues: buckets.map { ($0, [Int](repeating: 0, count: 5)) })
        for vm in scan.vms where vm.status == .evaluated && vm.missingCount > 0 {
            let column = severities.firstIndex(of: vm.worstSeverity) ?? severities.count - 1
            counts[FleetScan.ageBucket(vm.oldestMissingDays ?? 0)]?[column] += 1
        }
        let rows = buckets.map { bucket in
            (
                label: "\(bucket) days",
                parts: zip(severities, counts[bucket] ?? []).map { severity, count in
                    let name = severity?.description.lowercased() ?? "unrated"
                    return (name: name, count: count, style: "fill-\(name)")
                }
            )
        }
        return HTML.stackedBars(
            rows, title: "non-compliant VMs by the age of their oldest missing update, by their worst severity")
    }

    /// Each group's VMs: compliant, not compliant, not judged (no scan, unknown product); VMs without a group last.
    private static func groupBars(_ scan: FleetScan) -> String {
        var counts: [String: (compliant: Int, failing: Int, unjudged: Int)] = [:]
        for vm in scan.vms {
            let group = vm.group ?? "(no group)"
            if vm.status != .evaluated {
                counts[group, default: (0, 0, 0)].unjudged += 1
            } else if vm.missingCount == 0 {
                counts[group, default: (0, 0, 0)].compliant += 1
            } else {
                counts[group, default: (0, 0, 0)].failing += 1
            }
        }
        let rows = counts.keys.sorted { ($0 == "(no group)" ? 1 : 0, $0) < ($1 == "(no group)" ? 1 : 0, $1) }.map {
            group -> (label: String, parts: [(name: String, count: Int, style: String)]) in
            let count = counts[group] ?? (0, 0, 0)
            return (
                group,
                [
                    ("compliant", count.compliant, "ok"), ("not compliant", count.failing, "failing"),
                    ("not judged", count.unjudged, "unjudged"),
                ]
            )
        }
        return HTML.stackedBars(rows, title: "VMs per group: compliant, not compliant, not judged")
    }

    private static func catalogLine(_ h: ReportHeadline) -> String {
        guard let release = h.catalogNewestRelease else { return "<p class=\"bad\">The ledger holds no catalog.</p>" }
        var line = "Catalog: newest update released \(HTML.escape(release))"
        if let document = h.catalogNewestDocument { line += " (\(HTML.escape(document)))" }
        if let age = h.catalogAgeDays {
            // A report of a past day over today's catalog: the catalog is newer than the day.
            line += age >= 0 ? ", \(age) days before the report day" : ", \(-age) days after the report day"
        }
        if !h.catalogMissingMonths.isEmpty {
            line += "; no document for \(h.catalogMissingMonths.map(HTML.escape).joined(separator: ", "))"
        }
        return "<p class=\"catalog\" data-catalog-age=\"\(h.catalogAgeDays.map(String.init) ?? "")\">\(line)</p>"
    }

    /// What could not be judged or read; never "none" while there is something.
    private static func problemList(_ problems: [String], lag: ImageLag, _ h: ReportHeadline) -> String {
        var items = problems.map(HTML.escape)
        let stale = h.noRecentScan
        if !stale.isEmpty {
            items.append(
                "\(stale.count) VMs with no scan in the \(h.maxScanAgeDays) days before the report day: "
                    + stale.map(HTML.escape).joined(separator: ", "))
        }
        items += lag.problems.map { problem in
            "\(HTML.escape(problem.vm)): image \(HTML.escape(problem.image ?? "(none)")): \(HTML.escape(problem.reason))"
        }
        guard !items.isEmpty else {
            return "<p>None: every VM was judged, on a recent scan, against a current catalog.</p>"
        }
        return "<ul class=\"problems\">" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    private static func imageTable(_ lag: ImageLag) -> String {
        let rows = lag.images.enumerated().map { number, image -> [String] in
            [
                "\(number + 1)", HTML.escape(image.image), HTML.escape(image.product ?? ""),
                image.patchLevel.kb.map(HTML.reference) ?? "GA",
                HTML.escape(image.patchLevel.date), "\(image.lagDays)", "\(image.releasesBehind)",
                "\(image.openCves.values.reduce(0, +))", "\(image.vms.count)",
                image.stale ? "<b class=\"bad\">stale</b>" : "",
            ]
        }
        var out = HTML.table(
            ["#", "image", "product", "patch level", "patch date", "lag days", "behind", "open CVEs", "VMs", ""], rows,
            numeric: [0, 5, 6, 7, 8])
        let still = lag.vms.filter { $0.updatedSinceDeploy == false }.map { HTML.escape($0.vm) }
        if !still.isEmpty { out += "<p>Still at image level: \(still.joined(separator: ", "))</p>" }
        return out
    }

    /// The VMs with something to install, the worst first: by worst severity, then oldest missing update, then
    /// open CVEs.
    private static func worstFirst(_ scan: FleetScan) -> [FleetScan.VMResult] {
        // Each VM's rank once, as a tuple: ranks built as arrays in the comparison cost a tenth of a 100,000-VM report.
        scan.vms.filter { $0.missingCount > 0 }.map { (rank: rank($0), vm: $0) }.sorted {
            $0.rank != $1.rank ? $0.rank > $1.rank : $0.vm.vm < $1.vm.vm
        }.map(\.vm)
    }

    private static func worstVMs(_ ranked: [FleetScan.VMResult], limit: Int = 25) -> String {
        let rows = ranked.prefix(limit).map { vm -> [String] in
            [
                "<a href=\"#\(anchor(vm.vm))\">\(HTML.escape(vm.vm))</a>", HTML.escape(vm.group ?? ""),
                HTML.escape(vm.product ?? ""), HTML.severity(vm.worstSeverity?.description),
                "\(vm.missingCount)", "\(vm.oldestMissingDays ?? 0)", "\(vm.openCves)",
                vm.missing.map { HTML.reference($0.kb) }.joined(separator: " "),
            ]
        }
        return HTML.table(
            ["VM", "group", "product", "worst", "to install", "oldest days", "open CVEs", "updates"], rows,
            numeric: [4, 5, 6])
    }

    /// A VM's section id: `vm-` and its name's UTF-8 bytes in hex, unique and safe whatever the name holds.
    static func anchor(_ vm: String) -> String {
        "vm-" + vm.utf8.map { String($0, radix: 16) }.joined()
    }

    /// One section per VM with something to install, in name order: each update, why (the open CVEs it closes,
    /// exploited or not, what it covers), and since when (its release, its age, and the first scan that showed it
    /// or an update it covers missing). `all` is ranked worst first (`worstFirst`): past `limit` VMs, only the worst
    /// `limit` have one, and the page says so.
    private static func vmSections(_ all: [FleetScan.VMResult], open: OpenFindings, limit: Int?) -> String {
        guard !all.isEmpty else { return "<p>None: no VM has an update to install.</p>" }
        var note = ""
        var failing = all
        if let limit, all.count > limit {
            failing = Array(all.prefix(limit))
            note =
                "<p class=\"caption\">The \(limit) worst of the \(all.count) VMs with something to install (ranked "
                + "as the worst VMs above). Every VM's list: <code>patchledger scan --format csv</code>, or this "
                + "report with <code>--all-vms</code>.</p>"
        }
        failing.sort { $0.vm < $1.vm }
        return note
            + failing.map { vm in
                let rows = vm.missing.map { update -> [String] in
                    [
                        HTML.reference(update.kb), HTML.escape(update.title ?? update.subtype ?? ""),
                        HTML.severity(update.severity),
                        update.exploited == true ? "<b class=\"bad\">exploited</b>" : "",
                        "\(update.cves.count)", HTML.escape(update.released ?? ""),
                        update.ageDays.map { "\($0)" } ?? "",
                        HTML.escape(open.since(vm: vm.vm, kbs: [update.kb] + update.covers)?.date.description ?? ""),
                        update.covers.isEmpty ? "" : "\(update.covers.count) older",
                    ]
                }
                let since = open.since(vm: vm.vm).map { "not compliant since \($0.date)" }
                let facts = [vm.group, vm.product, vm.build, vm.scannedAt.map { "scanned \($0)" }, since].compactMap {
                    $0
                }
                return "<article id=\"\(anchor(vm.vm))\"><h3>\(HTML.escape(vm.vm))</h3>"
                    + "<p>\(HTML.escape(facts.joined(separator: " · ")))</p>"
                    + HTML.table(
                        [
                            "KB", "title", "severity", "exploited", "CVEs", "released", "age days", "missing since",
                            "covers",
                        ],
                        rows,
                        numeric: [4, 6])
                    + "</article>"
            }.joined()
    }

    private static func rank(_ vm: FleetScan.VMResult) -> (Int, Int, Int) {
        (vm.worstSeverity?.rawValue ?? 0, vm.oldestMissingDays ?? 0, vm.openCves)
    }

    private static func topMissing(_ scan: FleetScan, limit: Int = 25) -> String {
        var byKB: [String: (update: MissingUpdate, vms: Int)] = [:]
        let rank = { (update: MissingUpdate) in Severity(parsing: update.severity ?? "")?.rawValue ?? 0 }
        for vm in scan.vms {
            for update in vm.missing {
                byKB[update.kb, default: (update, 0)].vms += 1
                // One KB closes more on a VM further behind: show the highest severity it has on any VM (the one
                // the worst VMs table ranks by), with that VM's CVEs.
                if let held = byKB[update.kb]?.update, rank(update) > rank(held) { byKB[update.kb]?.update = update }
            }
        }
        let ranked = byKB.values.sorted {
            (a: (update: MissingUpdate, vms: Int), b: (update: MissingUpdate, vms: Int)) -> Bool in
            let x = [rank(a.update), a.update.cves.count, a.vms]
            let y = [rank(b.update), b.update.cves.count, b.vms]
            if x != y { return y.lexicographicallyPrecedes(x) }
            return a.update.kb < b.update.kb
        }
        let rows = ranked.prefix(limit).map { entry -> [String] in
            [
                HTML.reference(entry.update.kb), HTML.escape(entry.update.title ?? entry.update.subtype ?? ""),
                HTML.severity(entry.update.severity), "\(entry.update.cves.count)", "\(entry.vms)",
                HTML.escape(entry.update.released ?? ""),
            ]
        }
        return HTML.table(["KB", "title", "severity", "CVEs", "VMs", "released"], rows, numeric: [3, 4])
    }

    private static func timeToFix(_ drift: Drift) -> String {
        // By severity rank (critical first), not by name.
        let rank = { (key: String) in Severity(parsing: key)?.rawValue ?? 0 }
        let rows = drift.fleet.timeToFix.sorted { (rank($0.key), $1.key) > (rank($1.key), $0.key) }.map {
            key, value -> [String] in
            [
                HTML.escape(key), "\(value.fixed)", value.meanDays.map(HTML.format) ?? "",
                value.medianDays.map(HTML.format) ?? "",
            ]
        }
        return HTML.table(["severity", "fixed", "mean days", "median days"], rows, numeric: [1, 2, 3])
    }

    private static func page(_ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"/><title>PatchLedger fleet report</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <style>\(style)</style></head>
        <body>\(body)<script>\(script)</script></body></html>

        """
    }

    private static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;max-width:1100px}
        h1{font-size:22px;margin:0}h2{font-size:17px;border-bottom:1px solid #ccd;padding-bottom:4px;margin-top:28px}
        h3{font-size:14px}table{border-collapse:collapse;width:100%;margin:8px 0}
        th,td{border-bottom:1px solid #e3e6ee;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f3f5f9;cursor:pointer;user-select:none}th.sorted-asc::after{content:" \\25B2"}
        th.sorted-desc::after{content:" \\25BC"}.num{text-align:right}.bad{color:#b3261e}
        .chart{width:100%;max-width:640px;height:auto;display:block}.chart text{font-size:11px;fill:#555}
        .grid{stroke:#e3e6ee}.line{fill:none;stroke:#2f6fde;stroke-width:2}.bar{fill:#2f6fde}
        a{color:#2f6fde}.tiles{display:flex;flex-wrap:wrap;gap:8px;margin:16px 0}
        .tile{display:flex;flex-direction:column;min-width:130px;padding:8px 12px;border:1px solid #ccd;
        border-radius:6px;text-decoration:none;color:inherit}.tile .value{font-size:20px;font-weight:600}
        .tile .label{font-size:12px;color:#444}.sev{font-weight:600}.sev-critical{color:#9b1c1c}
        .sev-important{color:#8a4b00}.ok{fill:#2f7d46}.failing{fill:#b3261e}.unjudged{fill:#8a8f99}
        .bar.over{fill:#b3261e}.threshold{stroke:#b3261e;stroke-dasharray:4 3}.sev-moderate{color:#5f5300}.sev-low{color:#2f5f3a}
        .fill-critical{fill:#9b1c1c}.fill-important{fill:#d9822b}.fill-moderate{fill:#c9b400}.fill-low{fill:#6a9f6f}
        .fill-unrated{fill:#8a8f99}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:0 24px}
        .charts h2{margin-top:12px}.tile.alert{border-color:#b3261e}.tile.alert .value{color:#b3261e}
        @media print{body{margin:0;max-width:none}th{cursor:auto}section{break-inside:avoid}a{color:inherit}
        input[type=search]{display:none}header,.tiles{break-inside:avoid;break-after:avoid}
        .charts{grid-template-columns:1fr 1fr;break-after:page}.charts h2{font-size:13px;margin-top:6px}
        .charts .chart{max-height:200px}.tile{min-width:0;padding:4px 8px}.tile .value{font-size:16px}}
        """

    /// Sorts a table by the clicked column (numbers numerically, severities by rank); marks the page ready for the
    /// render check.
    private static let script = """
        document.querySelectorAll("table.sortable th").forEach(function (th, index) {
          th.addEventListener("click", function () {
            var table = th.closest("table"), body = table.tBodies[0];
            var column = Array.prototype.indexOf.call(th.parentNode.children, th);
            var ascending = !th.classList.contains("sorted-asc");
            table.querySelectorAll("th").forEach(function (other) { other.classList.remove("sorted-asc", "sorted-desc"); });
            th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
            var numeric = th.classList.contains("num");
            var rows = Array.prototype.slice.call(body.rows);
            // Severities sort by rank (data-rank), numbers as numbers, the rest as text.
            function key(cell) {
              if (!cell) return numeric ? 0 : "";
              var ranked = cell.querySelector("[data-rank]");
              if (ranked) return parseFloat(ranked.getAttribute("data-rank"));
              return numeric ? (parseFloat(cell.textContent) || 0) : cell.textContent;
            }
            rows.sort(function (a, b) {
              var x = key(a.cells[column]), y = key(b.cells[column]);
              // No ampersands: the page stays well-formed XML.
              var numbers = typeof x === "number" ? typeof y === "number" : false;
              var order = numbers ? x - y : String(x).localeCompare(String(y));
              return ascending ? order : -order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          });
          // Headers take the keyboard focus (tabindex): Enter or Space sorts, as a click does.
          th.addEventListener("keydown", function (event) {
            if (event.key === "Enter" || event.key === " ") { event.preventDefault(); th.click(); }
          });
        });
        // A filter box above each table, made here so that the page without script has none that does nothing.
        document.querySelectorAll("table.sortable").forEach(function (table) {
          var box = document.createElement("input");
          box.type = "search";
          box.placeholder = "filter rows";
          box.setAttribute("aria-label", "filter the table's rows");
          box.addEventListener("input", function () {
            var text = box.value.toLowerCase();
            Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
              row.hidden = text !== "" ? row.textContent.toLowerCase().indexOf(text) === -1 : false;
            });
          });
          table.parentNode.insertBefore(box, table);
        });
        document.body.setAttribute("data-ready", "yes");
        """
}
