import Foundation
import Testing

/// `scan`, `drift`'s trend and the report count the same VMs compliant on the same day (README, "Drift").
@Suite struct ComplianceAgreementTests {
    @Test func scanDriftAndReportAgreeOnEachDay() throws {
        let cli = try CLI()
        try cli.succeed(["import", "catalog", "--quiet", "catalogs/msrc"])
        try cli.succeed(["import", "fleet", "catalogs/fleet/manifest.csv"])
        for day in ["2023-08-28", "2023-09-04"] {
            try cli.succeed(["import", "inventory", "--quiet", "--scanned-at", day, "catalogs/fleet/scans/\(day)"])
        }
        // A VM patched for July and not scanned since (the August updates of 2023-08-08 make it not compliant),
        // and a VM whose product no catalog knows (never compliant, though it has no finding).
        let extra = cli.folder.appendingPathComponent("extra.json")
        try Data(
            """
            [{"vm": "july-01", "scannedAt": "2023-07-20T06:00:00Z", "os": "Windows Server 2019 Datacenter",
              "build": "10.0.17763", "architecture": "x64", "kbs": ["KB5028168"]},
             {"vm": "odd-01", "scannedAt": "2023-08-28T06:00:00Z", "os": "Windows 3.11 for Workgroups", "kbs": []}]
            """.utf8
        ).write(to: extra)
        try cli.succeed(["import", "inventory", "--quiet", extra.path])
        var counts: [String: Int] = [:]
        for day in ["2023-07-20", "2023-08-10", "2023-08-28", "2023-09-04"] {
            let scan = try cli.json(["scan", "--as-of", day, "--format", "json"])
            let compliant = try #require((scan["summary"] as? [String: Any])?["compliant"] as? Int)
            let drift = try cli.json(["drift", "--until", day, "--format", "json"])
            let days = try #require((drift["fleet"] as? [String: Any])?["days"] as? [[String: Any]])
            #expect(days.last?["date"] as? String == day)
            #expect(days.last?["compliant"] as? Int == compliant, "drift on \(day)")
            let html = cli.folder.appendingPathComponent("report-\(day).html")
            try cli.succeed(["report", "--as-of", day, "--html", html.path])
            let page = try String(contentsOf: html, encoding: .utf8)
            #expect(page.contains("<b>\(compliant) compliant</b>"), "report header on \(day)")
            #expect(page.contains("\(day): <b>\(compliant) of "), "report trend on \(day)")
            counts[day] = compliant
        }
        // july-01 alone is scanned on July 20 and compliant; by August 10 it lacks August's update.
        #expect(counts["2023-07-20"] == 1)
        #expect(counts["2023-08-10"] == 0)
    }
}
