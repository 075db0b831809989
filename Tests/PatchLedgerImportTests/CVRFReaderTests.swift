import Foundation
import PatchLedgerCore
import PatchLedgerDigest
import Testing

@testable import PatchLedgerImport

@Suite struct CVRFReaderTests {
    func minimal() throws -> CVRFReader.Result {
        try CVRFReader.read(try Fixtures.url("minimal-cvrf.xml"), displayName: "minimal-cvrf.xml")
    }

    @Test func readsTrackingDataAndProductTreeByLocalName() throws {
        let document = try minimal().document
        #expect(document.id == "2018-FEB")
        #expect(document.revision == "7")
        #expect(document.initialRelease == CalendarDate(year: 2018, month: 2, day: 13))
        #expect(document.products.map(\.name).contains("Windows Server 2016 (Server Core installation)"))
        #expect(document.products.first { $0.productID == "10486-10816" }?.family == "Browser")
    }

    @Test func badDateIsADiagnosticNotAFailure() throws {
        let result = try minimal()
        #expect(result.document.currentRelease == nil)
        #expect(result.diagnostics.contains { $0.message.contains("bad date '2018-02-30T08:00:00Z'") })
    }

    @Test func remediationWithSeveralProductIDsKeepsThemAll() throws {
        let fix = try #require(try minimal().document.vulnerabilities.first?.remediations.first)
        #expect(fix.kb == KB(4_074_590))
        #expect(fix.productIDs == ["10816", "10855"])
        #expect(fix.supersedes == [.kb(KB(4_056_890))])
        #expect(fix.restartRequired == true)
    }

    @Test func supercedenceListsSplitOnEverySeparatorAndKeepBulletins() throws {
        let fixes = try #require(try minimal().document.vulnerabilities.first?.remediations)
        let rollup = try #require(fixes.first { $0.kb == KB(4_074_598) })
        #expect(
            rollup.supersedes == [.kb(KB(4_056_894)), .kb(KB(4_056_897)), .kb(KB(4_054_518)), .bulletin("MS16-110")])
        #expect(rollup.subtype == "Monthly Rollup")
        #expect(
            try minimal().diagnostics.contains { $0.message.hasSuffix("neither KBs nor bulletins were left out: n/a") })
        let securityOnly = try #require(fixes.first { $0.kb == KB(4_074_587) })
        #expect(securityOnly.supersedes.isEmpty)
    }

    @Test func nonKBAndKnownIssueRemediationsAreSkippedWithADiagnostic() throws {
        let result = try minimal()
        let kbs = result.document.vulnerabilities.flatMap { $0.remediations.map(\.kb) }
        #expect(kbs == [KB(4_074_590), KB(4_074_598), KB(4_074_587), KB(5_028_169)])
        #expect(result.diagnostics.contains { $0.message == "skipped 1 'Known Issue' remediation(s)" })
        #expect(result.diagnostics.contains { $0.message.contains("without a KB ('Release Notes')") })
    }

    @Test func unknownProductIDIsDroppedWithADiagnostic() throws {
        let result = try minimal()
        let securityOnly = try #require(
            result.document.vulnerabilities.first?.remediations.first { $0.kb == KB(4_074_587) })
        #expect(securityOnly.productIDs == ["10788"])
        #expect(result.diagnostics.contains { $0.message.contains("ProductID 99999 not in the product tree") })
    }

    @Test func threatsMergePerProductAndUntargetedExploitStatusAppliesToAll() throws {
        let vulnerability = try #require(try minimal().document.vulnerabilities.first)
        let server = try #require(vulnerability.threats["10816"])
        #expect(server.severity == .important)
        #expect(server.impact == "Information Disclosure")
        #expect(server.cvssBase == 5.5)
        #expect(server.exploitStatus == "Publicly Disclosed:No;Exploited:No")
        #expect(vulnerability.threats["10855"]?.severity == nil)
        #expect(vulnerability.threats["10855"]?.cvssBase == 5.5)
    }

    @Test func fixedBuildIsKeptAsWritten() throws {
        let fixes = try minimal().document.vulnerabilities.flatMap(\.remediations)
        #expect(fixes.first { $0.kb == KB(5_028_169) }?.fixedBuild == "10.0.14393.6085")
        #expect(fixes.first { $0.kb == KB(5_028_169) }?.restartRequired == false)
    }

    @Test func sha256IsOfTheFileBytes() throws {
        let url = try Fixtures.url("minimal-cvrf.xml")
        var hasher = SHA256()
        hasher.update(Array(try Data(contentsOf: url)))
        #expect(try minimal().sha256 == hasher.finalizeHex())
    }
}
