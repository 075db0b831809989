import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import Testing

@testable import PatchLedgerStore

@Suite struct CVRFImportTests {
    @Test func sampleCatalogsBuildTheCumulativeChain() throws {
        let ledger = try Ledger.inMemory()
        let summaries = try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
        #expect(summaries.map(\.added) == [3, 3, 3])
        let august = try ledger.update(KB(5_029_247))
        #expect(august.supersedes == ["KB5026362", "KB5027222", "KB5028168"])
        #expect(august.fixedBuilds.map(\.build) == ["10.0.17763.4737", "10.0.17763.4737"])
        #expect(august.released == "2023-08-08")
        #expect(august.severity == "Critical")
        let july = try ledger.update(KB(5_028_168))
        #expect(july.supersededBy == ["KB5029247"])
        #expect(july.cves == ["CVE-2023-32046", "CVE-2023-32049", "CVE-2023-35365"])
    }

    @Test func reimportingIdenticalContentChangesNothing() throws {
        let ledger = try Ledger.inMemory()
        let files = try TestData.xmlFiles(in: TestData.catalogs)
        try ledger.importCVRF(files)
        let before = try ledger.dump()
        let again = try ledger.importCVRF(files)
        #expect(again.allSatisfy { $0.outcome == .unchanged && $0.added == 0 && $0.changed == 0 })
        #expect(again.map(\.unchanged) == [3, 3, 3])
        // Nothing written, not even the import history, only the run's line per file in `import_log`: a nightly
        // re-run leaves the ledger as it was.
        #expect(try ledger.dump(excluding: ["import_log"]) == before.filter { $0.key != "import_log" })
        #expect(try ledger.dump()["import_log"]?.count == 6)
        #expect(try ledger.importHistory().map(\.outcome) == Array(repeating: "imported", count: 3))
    }

    /// A ledger holding the July 2023 sample document, and that document to vary.
    func ledgerHoldingJuly() throws -> (Ledger, CVRFDocument) {
        let ledger = try Ledger.inMemory()
        let url = TestData.catalogs.appendingPathComponent("cvrf-2023-Jul.xml")
        try ledger.importCVRF([url])
        return (ledger, try CVRFReader.read(url).document)
    }

    @Test func newerRevisionReplacesTheOlderAndCountsWhatChanged() throws {
        var (ledger, document) = try ledgerHoldingJuly()
        document.revision = "3"
        // The revision drops the Server 2016 fix and adds a new KB.
        for index in document.vulnerabilities.indices {
            document.vulnerabilities[index].remediations.removeAll { $0.kb == KB(5_028_169) }
            document.vulnerabilities[index].remediations[0].fixedBuild = "10.0.14393.9999"
        }
        var added = CVRFRemediation(kb: KB(5_028_999))
        added.productIDs = ["11923"]
        document.vulnerabilities[0].remediations.append(added)
        let summary = try ledger.importing { try $0.apply(document, sha256: "revised", file: "revised") }
        #expect(summary.outcome == .imported)
        #expect((summary.added, summary.changed, summary.unchanged, summary.removed) == (1, 1, 1, 1))
        #expect(throws: StoreError.notFound("KB5028169")) { try ledger.update(KB(5_028_169)) }
    }

    @Test func olderRevisionIsRefusedAndWritesNothing() throws {
        var (ledger, document) = try ledgerHoldingJuly()
        let before = try ledger.dump(excluding: ["imports"])
        document.revision = "1"
        document.vulnerabilities.removeAll()
        let summary = try ledger.importing { try $0.apply(document, sha256: "old", file: "old") }
        #expect(summary.outcome == .older)
        #expect(try ledger.dump(excluding: ["imports"]) == before)
    }

    @Test func aCVERelistedByALaterDocumentKeepsOnlyWhatThatDocumentSaysOfIt() throws {
        var (ledger, later) = try ledgerHoldingJuly()
        later.id = "2023-Sep"
        later.vulnerabilities = [later.vulnerabilities[0]]
        let cve = later.vulnerabilities[0].cve
        let kept = try #require(later.vulnerabilities[0].threats.keys.sorted().first)
        later.vulnerabilities[0].threats = later.vulnerabilities[0].threats.filter { $0.key == kept }
        let productsBefore = try ledger.productsScored(cve: cve)
        #expect(productsBefore.count > 1)
        _ = try ledger.importing { try $0.apply(later, sha256: "later", file: "later") }
        let keptName = try #require(later.products.first { $0.productID == kept }?.name)
        #expect(try ledger.productsScored(cve: cve) == [ProductName.canonical(keptName)])
    }

    @Test func aReferenceToNothingFailsTheImportAndLeavesTheLedgerAsItWas() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
        let before = try ledger.dump()
        #expect(throws: StoreError.self) {
            try ledger.importing { session in
                try session.db.execute(sql: "DELETE FROM updates WHERE source_key = 'KB5028168'")
            }
        }
        #expect(try ledger.dump() == before)
    }

    @Test func anErrorInAnyFileLeavesTheLedgerExactlyAsItWas() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importCVRF([TestData.catalogs.appendingPathComponent("cvrf-2023-Jun.xml")])
        let before = try ledger.dump()
        for bad in [
            "truncated.xml", "xxe.xml", "billion-laughs.xml", "empty.xml", "binary.xml", "bad-encoding.xml",
            "wrong-root.xml",
        ] {
            let files = try TestData.xmlFiles(in: TestData.catalogs) + [TestData.fixtures.appendingPathComponent(bad)]
            #expect(throws: ImportError.self) { try ledger.importCVRF(files) }
            #expect(try ledger.dump() == before, "\(bad) changed the ledger")
        }
    }

    @Test(.enabled(if: TestData.sharedMSRC != nil, "../shared/data/msrc is absent"))
    func realMSRCDocumentsImportWithTheirKnownFacts() throws {
        let ledger = try Ledger.inMemory()
        let files = try TestData.xmlFiles(in: try #require(TestData.sharedMSRC))
        #expect(files.count == 6)
        let first = try ledger.importCVRF(files)
        #expect(first.allSatisfy { $0.outcome == .imported && $0.added > 0 })

        let february = try ledger.update(KB(4_074_590))
        #expect(february.classification == "Security Updates")
        #expect(february.subtype == "Security Update")
        #expect(february.released == "2018-02-13")
        #expect(february.products.contains("Windows Server 2016"))
        #expect(february.supersedes.contains("KB4056890"))

        let july = try ledger.update(KB(5_028_168))
        #expect(july.fixedBuilds.contains(.init(product: "Windows Server 2019", build: "10.0.17763.4645")))
        #expect(july.supersedes.contains("KB5027222"))
        #expect(july.released == "2023-07-11")

        let before = try ledger.dump(excluding: ["imports", "import_log"])
        let again = try ledger.importCVRF(files)
        #expect(again.allSatisfy { $0.outcome == .unchanged && $0.added + $0.changed + $0.removed == 0 })
        #expect(try ledger.dump(excluding: ["imports", "import_log"]) == before)
    }
}

extension Ledger {
    /// The names of the products `cve_products` scores `cve` for.
    func productsScored(cve: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT p.name FROM cve_products c JOIN products p ON p.id = c.product_id WHERE c.cve = ?
                    ORDER BY p.name
                    """, arguments: [cve])
        }
    }
}
