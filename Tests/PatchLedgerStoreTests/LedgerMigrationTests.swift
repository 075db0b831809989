import GRDB
import PatchLedgerCore
import PatchLedgerKit
import Testing

@testable import PatchLedgerStore

@Suite struct LedgerMigrationTests {
    @Test func installedKBsWrittenAsTextBecomeNumbersAndScanAsBefore() throws {
        let queue = try DatabaseQueue()
        try Ledger.migrator.migrate(queue, upTo: "Index updates by source key first")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO vms (id, name) VALUES (1, 'web-01');
                    INSERT INTO snapshots (id, vm_id, scanned_at, fingerprint, source_path, source_sha256, format,
                        product, os_version, kb_count, imported_at)
                    VALUES (7, 1, '2023-08-01T00:00:00Z', 'f', 'scan.txt', '00', 'systeminfo', 'Windows Server 2019',
                        '10.0.17763', 2, '2023-08-02T00:00:00Z');
                    INSERT INTO snapshot_kbs (snapshot_id, kb, installed_on) VALUES
                        (7, 'KB5028168', '2023-07-12'), (7, 'KB890830', NULL);
                    """)
        }
        let ledger = try Ledger(writer: queue, evaluation: FindingsEvaluation())
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT snapshot_id, kb, installed_on FROM snapshot_kbs ORDER BY kb")
        }
        #expect(rows.map { $0["kb"] as Int } == [890_830, 5_028_168])
        #expect(rows.map { $0["installed_on"] as String? } == [nil, "2023-07-12"])
        let day = try #require(CalendarDate(parsing: "2023-08-31"))
        let target = try #require(try ledger.scanTargets(asOf: day).first)
        #expect(target.installed.sorted() == [KB(890_830), KB(5_028_168)])
        #expect(try ledger.vms().first?.kbs == ["KB890830", "KB5028168"])
    }

    /// Releases recorded when rows were keyed by build.UBR alone keep an unknown line, answer for any product of
    /// their build, and a line's own row of the same build.UBR is added beside them, not counted as known.
    @Test func releasesOfTheFirstShapeKeepAnUnknownLine() throws {
        let queue = try DatabaseQueue()
        try Ledger.migrator.migrate(queue, upTo: "Keep import warnings and log every run")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO releases (build, ubr, kb, released, type, channel, month, source_path)
                    VALUES (26100, 1742, NULL, '2024-10-01', 'A', 'GA', '2024-10', 'Windows_11_24H2_26100.txt');
                    """)
        }
        let ledger = try Ledger(writer: queue, evaluation: FindingsEvaluation())
        let version = try #require(OSVersion(parsing: "26100.1742"))
        #expect(try ledger.releaseHistory().level(at: version, product: "Windows Server 2025")?.ubr == 1742)
        let release = Release(
            line: "Windows Server 2025", channel: "LTSC", month: "2024-11", type: "A",
            date: try #require(CalendarDate(parsing: "2024-11-01")), build: 26100, ubr: 1742, kb: nil)
        #expect(
            try ledger.importReleases([release], path: "Windows_Server_2025_26100.txt") == (
                added: 1, changed: 0, unchanged: 0
            ))
        let history = try ledger.releaseHistory()
        #expect(history.level(at: version, product: "Windows Server 2025")?.date.description == "2024-11-01")
        let client = "Windows 11 Version 24H2 for x64-based Systems"
        #expect(history.level(at: version, product: client)?.date.description == "2024-10-01")
    }

    /// A ledger whose findings were written one row per VM × CVE, with last_seen on every open row: the
    /// findings are emptied and replayed in the current shape on the next refresh.
    @Test func findingsOfTheFirstShapeAreReplayedInTheCurrentOne() throws {
        let queue = try DatabaseQueue()
        try Ledger.migrator.migrate(queue, upTo: "Store installed KBs as numbers")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO vms (id, name) VALUES (1, 'web-01');
                    INSERT INTO findings (vm_id, kind, key, episode, severity, first_seen, last_seen)
                    VALUES (1, 'cve', 'CVE-2023-35385', 1, 'Critical', '2023-08-01T00:00:00Z', '2023-08-01T00:00:00Z');
                    INSERT INTO findings_state (id, catalog_stamp, manifest_stamp, last_snapshot_id)
                    VALUES (1, '1 0', '', 0);
                    """)
        }
        let ledger = try Ledger(writer: queue, evaluation: FindingsEvaluation())
        #expect(try ledger.dump()["findings"]?.isEmpty == true)
        #expect(try ledger.dump()["findings_state"]?.isEmpty == true)
        try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
        try ledger.importingInventory { session in
            _ = try session.add(
                InventoryImportTests.snapshot("web-01", at: "2023-08-20", kbs: [5_028_168]), sourcePath: "s.txt",
                sha256: "00")
        }
        #expect(ledger.vmsEvaluatedByLastWrite == 1)
        // web-01 has July's cumulative update: it lacks August's, one finding per KB, none per CVE.
        let rows = try queue.read { db in try String.fetchAll(db, sql: "SELECT kb FROM findings") }
        #expect(rows == ["KB5029247"])
    }
}
