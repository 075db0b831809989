import Foundation
import Testing

/// The HTML report's headline: every tile says what the CLI's JSON says, and problems are listed, never "none".
@Suite struct ReportHeadlineCLITests {
    static let evil = #"<b>evil&"vm'"#

    /// May 2023's Monthly Rollup for Windows Server 2012 R2 (KB5026415), closing the Win32k elevation of privilege
    /// exploited in the wild (CVE-2023-29336, rated Important): the fixture's one update below Critical.
    static let may2023 = """
        <?xml version="1.0" encoding="utf-8"?>
        <cvrf:cvrfdoc xmlns:cvrf="http://www.icasi.org/CVRF/schema/cvrf/1.1" \
        xmlns:prod="http://www.icasi.org/CVRF/schema/prod/1.1" xmlns:vuln="http://www.icasi.org/CVRF/schema/vuln/1.1">
          <cvrf:DocumentTitle>May 2023 Security Updates</cvrf:DocumentTitle>
          <cvrf:DocumentTracking>
            <cvrf:Identification><cvrf:ID>2023-May</cvrf:ID></cvrf:Identification>
            <cvrf:InitialReleaseDate>2023-05-09T07:00:00Z</cvrf:InitialReleaseDate>
            <cvrf:CurrentReleaseDate>2023-05-09T07:00:00Z</cvrf:CurrentReleaseDate>
          </cvrf:DocumentTracking>
          <prod:ProductTree><prod:Branch Type="Vendor" Name="Microsoft">
            <prod:FullProductName ProductID="10483">Windows Server 2012 R2</prod:FullProductName>
          </prod:Branch></prod:ProductTree>
          <vuln:Vulnerability Ordinal="1">
            <vuln:Title>Win32k Elevation of Privilege Vulnerability</vuln:Title>
            <vuln:CVE>CVE-2023-29336</vuln:CVE>
            <vuln:Threats>
              <vuln:Threat Type="Severity"><vuln:Description>Important</vuln:Description>\
        <vuln:ProductID>10483</vuln:ProductID></vuln:Threat>
              <vuln:Threat Type="Exploit Status"><vuln:Description>Publicly Disclosed:No;Exploited:Yes</vuln:Description>\
        </vuln:Threat>
            </vuln:Threats>
            <vuln:Remediations><vuln:Remediation Type="Vendor Fix">
              <vuln:Description>5026415</vuln:Description><vuln:ProductID>10483</vuln:ProductID>
              <vuln:SubType>Monthly Rollup</vuln:SubType>
            </vuln:Remediation></vuln:Remediations>
          </vuln:Vulnerability>
        </cvrf:cvrfdoc>
        """

    /// The demo, plus a VM whose name and group are markup, deployed from an unresolved `latest` image, last
    /// scanned on August 1 at June's cumulative update (so it lacks July's, which closes an exploited CVE); and a
    /// Windows Server 2012 R2 VM of group `legacy`, scanned on September 1 with nothing installed (so it lacks
    /// May's rollup, rated Important).
    static func fixture() throws -> CLI {
        let cli = try FailClosedTests.demo()
        let may = cli.folder.appendingPathComponent("cvrf-2023-May.xml")
        try Data(may2023.utf8).write(to: may)
        try cli.succeed(["import", "catalog", "--quiet", may.path])
        let manifest = cli.folder.appendingPathComponent("evil.csv")
        try Data(
            (#"vm,group,image,deployed_at"# + "\n"
                + #""<b>evil&""vm'",ops<script>,MicrosoftWindowsServer:WindowsServer:2019-datacenter:latest,2023-07-01"#
                + "\nlegacy-01,legacy,,\n").utf8
        ).write(to: manifest)
        try cli.succeed(["import", "fleet", manifest.path])
        let scan = cli.folder.appendingPathComponent("evil.json")
        let record: [String: Any] = [
            "vm": evil, "scannedAt": "2023-08-01T00:00:00Z", "os": "Microsoft Windows Server 2019 Datacenter",
            "build": "10.0.17763.4499", "architecture": "x64-based PC", "kbs": ["KB5027222"],
        ]
        let legacy: [String: Any] = [
            "vm": "legacy-01", "scannedAt": "2023-09-01T00:00:00Z", "os": "Microsoft Windows Server 2012 R2 Standard",
            "build": "6.3.9600", "architecture": "x64-based PC", "kbs": [String](),
        ]
        try JSONSerialization.data(withJSONObject: [record, legacy]).write(to: scan)
        try cli.succeed(["import", "inventory", "--quiet", scan.path])
        return cli
    }

    /// The page between `start` and the next `end` after it.
    static func part(of page: String, from start: String, to end: String) -> Substring? {
        guard let opening = page.range(of: start) else { return nil }
        let rest = page[opening.upperBound...]
        return rest.range(of: end).map { rest[..<$0.lowerBound] } ?? rest
    }

    /// Each tile's `data-value`, by `data-tile`.
    static func tiles(_ page: String) throws -> [String: String] {
        let pattern = try Regex(#"data-tile="([a-z-]+)" data-value="([0-9]*)""#)
        var values: [String: String] = [:]
        for match in page.matches(of: pattern) {
            if let key = match.output[1].substring, let value = match.output[2].substring {
                values[String(key)] = String(value)
            }
        }
        return values
    }

    @Test func everyTileEqualsTheCLIsJSONAndProblemsAreListedEscaped() throws {
        let cli = try Self.fixture()
        let day = "2023-09-04"
        let file = cli.folder.appendingPathComponent("report.html")
        try cli.succeed(["report", "--as-of", day, "--html", file.path])
        let page = try String(contentsOf: file, encoding: .utf8)
        let tiles = try Self.tiles(page)
        let scan = try cli.json(["scan", "--format", "json", "--as-of", day])
        let summary = try #require(scan["summary"] as? [String: Any])
        let report = try cli.json(["report", "--format", "json", "--as-of", day])
        let headline = try #require(report["headline"] as? [String: Any])
        let lag = try #require(report["lag"] as? [String: Any])
        let images = try #require(lag["images"] as? [[String: Any]])

        #expect(tiles["compliant"] == "\(summary["compliant"] as? Int ?? -1)")
        #expect(tiles["exposed-to-exploited"] == "\(summary["exposedToExploited"] as? Int ?? -1)")
        #expect(tiles["exposed-to-exploited"] == "2", "the evil VM lacks July's fix of an exploited CVE, legacy May's")
        let critical = (summary["nonCompliant"] as? [String: Int])?["critical"] ?? 0
        #expect(tiles["missing-critical"] == "\(critical)")
        #expect(tiles["stale-images"] == "\(images.filter { $0["stale"] as? Bool == true }.count)")
        let ages = (scan["vms"] as? [[String: Any]] ?? []).compactMap { $0["oldestMissingDays"] as? Int }
        #expect(tiles["worst-patch-age"] == "\(ages.max() ?? -1)")
        #expect(tiles["median-patch-age"] == "\(headline["medianPatchAgeDays"] as? Int ?? -1)")
        #expect(headline["noRecentScan"] as? [String] == [Self.evil], "scanned 34 days before the day")
        #expect(tiles["no-recent-scan"] == "1")

        // Charts: whole-number axis ticks, and each line's last value written out.
        let ticks = page.matches(of: try Regex(#"<text class="tick"[^>]*>([^<]*)</text>"#)).compactMap {
            $0.output[1].substring.map(String.init)
        }
        #expect(!ticks.isEmpty)
        #expect(ticks.allSatisfy { $0.wholeMatch(of: /[0-9]+%?/) != nil }, "\(ticks)")
        #expect(page.matches(of: try Regex(#"<text class="last""#)).count == 2)

        // Compliance per group, counts written beside the bars; image lag against its threshold.
        let groups = try #require(Self.part(of: page, from: "<section id=\"groups\">", to: "</section>"))
        #expect(groups.contains(">ops&lt;script&gt;</text>"))
        #expect(groups.contains(">1 not compliant</text>"))
        #expect(groups.contains(">2 compliant, 1 not compliant</text>"), "web")
        #expect(page.contains("threshold 30 d</text>"))

        // Each VM with something to install has its own section, linked from the worst VMs table.
        let anchor = "vm-" + Self.evil.utf8.map { String($0, radix: 16) }.joined()
        #expect(page.contains("<a href=\"#\(anchor)\">&lt;b&gt;evil&amp;&quot;vm&#39;</a>"))
        let section = try #require(Self.part(of: page, from: "<article id=\"\(anchor)\">", to: "</article>"))
        #expect(section.contains(">KB5029247</a>"))
        #expect(section.contains("<b class=\"bad\">exploited</b>"))
        #expect(section.contains("1 older"), "August's update covers July's")
        // Since when: the one scan (August 1) showed July's update missing; August's, released later, covers it.
        #expect(section.contains("not compliant since 2023-08-01"))
        #expect(section.contains("<td>2023-08-01</td>"), "missing since, beside KB5029247")

        // Patch age: each bucket's non-compliant VMs by their worst severity, as the scan's JSON gives them.
        let patchAge = try #require(Self.part(of: page, from: "<section id=\"patch-age\">", to: "</section>"))
        var expected: [String: [String: Int]] = [:]
        for vm in try #require(scan["vms"] as? [[String: Any]]) {
            let missing = vm["missing"] as? [[String: Any]] ?? []
            guard !missing.isEmpty else { continue }
            let ranks = ["low", "moderate", "important", "critical"]
            let worst = missing.compactMap { ($0["severity"] as? String)?.lowercased() }.max {
                (ranks.firstIndex(of: $0) ?? -1) < (ranks.firstIndex(of: $1) ?? -1)
            }
            let oldest = missing.compactMap { $0["ageDays"] as? Int }.max() ?? 0
            let bucket = oldest <= 30 ? "0-30" : oldest <= 60 ? "31-60" : oldest <= 90 ? "61-90" : "over-90"
            expected[bucket, default: [:]][worst ?? "unrated", default: 0] += 1
        }
        #expect(expected.count == 3, "web-03 is recent, the markup VM 55 days behind, legacy 118: \(expected)")
        #expect(expected["over-90"] == ["important": 1])
        for (bucket, severities) in expected {
            let words = severities.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            let bar = try #require(Self.part(of: String(patchAge), from: ">\(bucket) days</text>", to: "</text>"))
            #expect(words.allSatisfy { bar.hasSuffix($0) || bar.contains("\($0),") }, "\(bucket): \(bar)")
            #expect(bar.contains("class=\"fill-\(severities.keys.first ?? "")\""))
        }

        // Severities by rank, not by name: Critical before Important (alphabetical order would put it last).
        for table in ["worst-vms", "top-missing"] {
            let part = try #require(Self.part(of: page, from: "<section id=\"\(table)\">", to: "</section>"))
            let ranks = part.matches(of: /data-rank="([0-9])"/).compactMap { Int($0.output.1) }
            #expect(Set(ranks) == [4, 3], "\(table): \(ranks)")
            #expect(ranks == ranks.sorted(by: >), "\(table): \(ranks)")
        }

        // Sortable by keyboard too: every header takes the focus.
        #expect(page.contains("<th scope=\"col\" tabindex=\"0\""))
        #expect(!page.contains("<th>"))

        // Problems: the old scan and the unresolved image, never "none"; every input field escaped.
        let problems = try #require(Self.part(of: page, from: "<section id=\"problems\">", to: "</section>"))
        #expect(!problems.contains("None:"))
        #expect(problems.contains("&lt;b&gt;evil&amp;&quot;vm&#39;"))
        #expect(problems.contains("is not resolved"))
        #expect(!page.contains(Self.evil))
        #expect(!page.contains("<script>ops") && !page.contains("ops<script>"))
    }
}
