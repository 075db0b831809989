import Foundation
import PatchLedgerCore
import PatchLedgerKit
import Testing

@testable import PatchLedgerReport

/// The per-VM sections of the HTML report: every VM with something to install, up to a limit past which only
/// the worst are given one (100,000 VMs wrote 96 MB), and the page says so.
@Suite struct HTMLReportSectionsTests {
    static func sections(_ page: String) -> [String] {
        page.components(separatedBy: "<article id=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map(String.init)
    }

    @Test func pastTheLimitOnlyTheWorstVMsHaveASectionAndThePageSaysSo() async throws {
        // The demo's fleet, and a VM last by name that lacks everything: the worst, and ranked first.
        let ledger = try RendererGoldenTests.demoLedger()
        let bare = FileManager.default.temporaryDirectory.appendingPathComponent("zz-bare-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: bare) }
        try Data(
            #"[{"vm": "zz-bare", "scannedAt": "2023-08-28T00:00:00Z", "os": "Windows Server 2019", "build": "17763.4499", "kbs": ["KB5023702"]}]"#
                .utf8
        ).write(to: bare)
        _ = try InventoryImporter(preparation: InventoryPreparation(), progress: NoProgress()).run(
            paths: [bare.path], into: ledger)
        let parts = try await ReportWriter(asOf: RendererGoldenTests.first).gather(ledger)
        func page(_ limit: Int?) -> String {
            HTMLReport.render(
                scan: parts.scan, drift: parts.drift, lag: parts.lag, headline: parts.headline,
                problems: parts.problems, open: parts.open, vmSections: limit)
        }
        let failing = parts.scan.vms.filter { $0.missingCount > 0 }
        #expect(failing.count >= 3, "the demo has VMs to rank")
        let every = Self.sections(page(nil))
        #expect(every == failing.map(\.vm).sorted().map(HTMLReport.anchor))
        #expect(Self.sections(page(failing.count)) == every)
        #expect(!page(failing.count).contains("worst of the"))

        // The worst by severity, then oldest missing update, then open CVEs, listed by name: a limit at which
        // they are not merely the first by name.
        let worst = failing.sorted {
            let x = [$0.worstSeverity?.rawValue ?? 0, $0.oldestMissingDays ?? 0, $0.openCves]
            let y = [$1.worstSeverity?.rawValue ?? 0, $1.oldestMissingDays ?? 0, $1.openCves]
            return x != y ? y.lexicographicallyPrecedes(x) : $0.vm < $1.vm
        }
        let byName = failing.map(\.vm).sorted()
        let limit = try #require(
            (1..<failing.count).first { Array(worst.prefix($0).map(\.vm).sorted()) != Array(byName.prefix($0)) })
        let capped = page(limit)
        #expect(Self.sections(capped) == worst.prefix(limit).map(\.vm).sorted().map(HTMLReport.anchor))
        #expect(capped.contains("The \(limit) worst of the \(failing.count) VMs with something to install"))
        #expect(capped.contains("<code>patchledger scan --format csv</code>"))
    }
}
