import GRDB
import PatchLedgerCore
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
        let ledger = try Ledger(writer: queue)
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
}
