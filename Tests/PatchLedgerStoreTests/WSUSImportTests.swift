import Foundation
import GRDB
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import Testing

@testable import PatchLedgerStore

extension Ledger {
    /// Reads and loads a package.xml (with its fragment folders) through `import catalog`'s entry point, which logs
    /// every run in `import_log` (so comparisons of the ledger before and after leave that table out).
    @discardableResult
    func importWSUS(_ url: URL) throws -> ImportSummary {
        let summaries = try CatalogImporter(format: .wsusPackage, progress: NoProgress()).run(
            paths: [url.path], into: self
        ).summaries
        return try #require(summaries.first)
    }
}

@Suite struct WSUSImportTests {
    let package = TestData.root.appendingPathComponent("catalogs/wsus/package.xml")

    /// The sample package with lines inserted after the bundle update (RevisionId 40000005), written to a
    /// folder of its own; `body` gets the file and the bundle's line number.
    func withBundleRelisted(_ relist: (String) -> [String], _ body: (URL, Int) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wsus-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = try String(contentsOf: package, encoding: .utf8).components(separatedBy: "\n")
        let bundle = try #require(lines.firstIndex { $0.contains("RevisionId=\"40000005\"") })
        lines.insert(contentsOf: relist(lines[bundle]), at: bundle + 1)
        let url = folder.appendingPathComponent("package.xml")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try body(url, bundle + 1)
    }

    @Test func bundlesTakeTheKBOfWhatTheyBundleAndSupersedenceResolvesToKBs() throws {
        let ledger = try Ledger.inMemory()
        let summary = try ledger.importWSUS(package)
        #expect(summary.added == 33)
        let august = try ledger.update(KB(5_029_247))
        #expect(august.sources == ["wsus"])
        #expect(august.classification == "Security Updates")
        #expect(august.subtype == "Cumulative")
        #expect(august.released == "2023-08-08")
        #expect(august.products == ["Windows Server 2019"])
        #expect(august.supersedes == ["KB5026362", "KB5027222", "KB5028168"])
        #expect(august.supersededBy == ["KB5030214"])
    }

    @Test func forwardSupersedenceFromMetadataFillsAGapInSupersededBy() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importWSUS(package)
        // July's Server 2022 update has no SupersededBy in package.xml; August's c/ fragment names it.
        #expect(try ledger.update(KB(5_028_171)).supersededBy == ["KB5029250", "KB5030216"])
    }

    @Test func reimportingThePackageChangesNothing() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importWSUS(package)
        let before = try ledger.dump(excluding: ["imports", "import_log"])
        let again = try ledger.importWSUS(package)
        #expect(again.outcome == .unchanged)
        #expect((again.added, again.changed, again.unchanged) == (0, 0, 33))
        #expect(try ledger.dump(excluding: ["imports", "import_log"]) == before)
    }

    @Test func aHigherRevisionNumberReplacesTheUpdate() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importWSUS(package)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wsus-rev-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: package, encoding: .utf8)
            .replacingOccurrences(
                of: "CreationDate=\"2023-09-12T08:51:08Z\"", with: "CreationDate=\"2023-10-10T08:51:08Z\"")
        let revised = text.replacingOccurrences(
            of: "RevisionNumber=\"201\" RevisionId=\"40000004\"", with: "RevisionNumber=\"202\" RevisionId=\"40000004\""
        )
        #expect(revised != text)
        let url = folder.appendingPathComponent("package.xml")
        try revised.write(to: url, atomically: true, encoding: .utf8)
        let summary = try ledger.importWSUS(url)
        #expect((summary.added, summary.changed, summary.unchanged) == (0, 1, 32))
    }

    @Test func aFileLocatedTwiceIsStoredOnceAndTheFileIndexStands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wsus-files-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: package, encoding: .utf8)
        let line = try #require(
            text.split(separator: "\n").first { $0.contains("<FileLocation Id=\"CGd30LDiOsksh6Grl9JfOPBE6ag=\"") })
        let twice = text.replacingOccurrences(of: "  </FileLocations>", with: "\(line)\n  </FileLocations>")
        #expect(twice != text)
        let url = folder.appendingPathComponent("package.xml")
        try twice.write(to: url, atomically: true, encoding: .utf8)
        // A first load, which builds the file index at its end, then the original package over it.
        let ledger = try Ledger.inMemory()
        try ledger.importWSUS(url)
        try ledger.importWSUS(package)
        let (rows, files, indexed) = try ledger.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM wsus_files") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(DISTINCT file_id) FROM wsus_files") ?? 0,
                try Bool.fetchOne(
                    db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'wsus_files_file_id'") ?? false
            )
        }
        #expect(rows == files)
        #expect(rows > 0)
        #expect(indexed)
    }

    @Test func aFirstLoadBuildsTheUniqueUpdateKeyIndexKeyFirst() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importWSUS(package)
        let (columns, unique) = try ledger.writer.read { db in
            (
                try String.fetchAll(
                    db, sql: "SELECT name FROM pragma_index_info('updates_source_key') ORDER BY seqno"),
                try Bool.fetchOne(
                    db, sql: "SELECT \"unique\" FROM pragma_index_list('updates') WHERE name = 'updates_source_key'")
                    ?? false
            )
        }
        #expect(columns == ["source_key", "source"])
        #expect(unique)
    }

    @Test func anUpdateListedTwiceKeepsItsHigherRevisionOnce() throws {
        let ledger = try Ledger.inMemory()
        var imported: ImportSummary?
        try withBundleRelisted({ bundle in
            [
                bundle.replacingOccurrences(
                    of: "RevisionNumber=\"201\" RevisionId=\"40000005\"",
                    with: "RevisionNumber=\"202\" RevisionId=\"40000105\""),
                bundle.replacingOccurrences(
                    of: "RevisionNumber=\"201\" RevisionId=\"40000005\"",
                    with: "RevisionNumber=\"200\" RevisionId=\"40000095\""),
            ]
        }) { url, _ in imported = try ledger.importWSUS(url) }
        let summary = try #require(imported)
        #expect((summary.added, summary.changed, summary.unchanged) == (33, 1, 1))
        let rows = try ledger.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.revision_number, u.revision_id, u.kb, count(p.product_id) AS products FROM updates u
                    LEFT JOIN update_products p ON p.update_id = u.id
                    WHERE u.source_key = '2667a254-1fba-5171-8193-6a9792d7371d' GROUP BY u.id
                    """)
        }
        #expect(rows.count == 1)
        #expect(rows.first.map { [$0[0], $0[1], $0[3]] as [Int] } == [202, 40_000_105, 1])
        #expect(rows.first?["kb"] == "KB5026363")
    }

    @Test func anUpdateListedTwiceWithOneRevisionKeepsTheFirstWithAWarning() throws {
        // The package as it is, from a folder of its own like the one below (no metadata fragments beside it).
        let expected = try Ledger.inMemory()
        try withBundleRelisted({ _ in [] }) { url, _ in
            let summary = try expected.importWSUS(url)
            #expect(summary.warnings.isEmpty)
        }
        let ledger = try Ledger.inMemory()
        // The same UpdateId and RevisionNumber again, under another RevisionId.
        try withBundleRelisted({
            [$0.replacingOccurrences(of: "RevisionId=\"40000005\"", with: "RevisionId=\"40000095\"")]
        }) {
            url, line in
            let summary = try ledger.importWSUS(url)
            #expect(
                summary.warnings == [
                    "1 × UpdateIds listed twice with one revision (the first kept), first: UpdateId "
                        + "2667a254-1fba-5171-8193-6a9792d7371d revision 201 on lines \(line) and \(line + 1)"
                ])
        }
        // The same ledger but for the package's digest, and the warning kept with the import.
        #expect(
            try ledger.dump(excluding: ["imports", "documents", "import_log"])
                == expected.dump(excluding: ["imports", "documents", "import_log"]))
        #expect(try ledger.importHistory().last?.warnings.count == 1)
    }

    @Test func aSupersededByNamingNoRevisionIsCountedAndIgnored() throws {
        let ledger = try Ledger.inMemory()
        // Another update like the bundle, superseded by a revision the package does not hold (and by one it does).
        try withBundleRelisted({
            [
                $0.replacingOccurrences(
                    of: "2667a254-1fba-5171-8193-6a9792d7371d", with: "0b5e2d3c-1111-4222-8333-944455556666"
                )
                .replacingOccurrences(of: "RevisionId=\"40000005\"", with: "RevisionId=\"40000095\"")
                .replacingOccurrences(of: "<Revision Id=\"40000007\" />", with: "<Revision Id=\"49999999\" />")
            ]
        }) {
            url, _ in
            let summary = try ledger.importWSUS(url)
            #expect(
                summary.warnings == [
                    "1 × SupersededBy RevisionIds naming no revision of the package (ignored), first: RevisionId 49999999"
                ])
        }
        #expect(try ledger.importHistory().last?.warnings.first?.hasPrefix("1 × SupersededBy") == true)
    }

    @Test func anOlderPackageIsRefusedWithoutWriting() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importWSUS(package)
        let before = try ledger.dump(excluding: ["imports", "import_log"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wsus-old-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("package.xml")
        try String(contentsOf: package, encoding: .utf8)
            .replacingOccurrences(
                of: "CreationDate=\"2023-09-12T08:51:08Z\"", with: "CreationDate=\"2023-01-10T08:51:08Z\""
            )
            .write(to: url, atomically: true, encoding: .utf8)
        let summary = try ledger.importWSUS(url)
        #expect(summary.outcome == .older)
        #expect(try ledger.dump(excluding: ["imports", "import_log"]) == before)
    }

    @Test func msrcAndWSUSNamesOfOneProductMeet() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
        try ledger.importWSUS(package)
        let july = try ledger.update(KB(5_028_168))
        #expect(july.sources == ["msrc", "wsus"])
        #expect(july.products == ["Windows Server 2019", "Windows Server 2019 (Server Core installation)"])
        #expect(try ledger.catalogStats().products == 6)
    }
}
