import Foundation
import GRDB
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import Testing

@testable import PatchLedgerStore

/// The findings ledger over the sample catalog (Windows Server 2019, June–August 2023).
@Suite struct FindingsLedgerTests {
    let ledger: Ledger

    init(ledger: Ledger) {
        self.ledger = ledger
    }

    init() throws {
        ledger = try Ledger.inMemory()
        try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
    }

    func scan(_ day: String, _ kbs: [Int]) throws -> InventoryImport.Outcome {
        try ledger.importingInventory { session in
            try session.add(
                InventoryImportTests.snapshot("web-01", at: day, kbs: kbs), sourcePath: "scan-\(day).txt", sha256: "00")
        }
    }

    func updateFindings() throws -> [[String]] {
        // The dump shows values as SQL literals: text is quoted.
        try (ledger.dump()["findings"] ?? []).filter { $0[1] == "\"KB5028168\"" }
    }

    @Test func installedThenUninstalledGivesFirstSeenFixedAndARegression() throws {
        #expect(try scan("2023-07-20", [5_027_222]) == .added)
        #expect(try scan("2023-07-25", [5_028_168]) == .added)
        #expect(try scan("2023-07-30", [5_027_222]) == .added)
        try ledger.refreshFindings()
        // vm_id, kb, episode, severity, first_seen, last_seen, fixed_at
        let rows = try updateFindings()
        #expect(
            rows.map { Array($0[2...]) } == [
                [
                    "1", "\"Critical\"", "\"2023-07-20T00:00:00Z\"", "\"2023-07-20T00:00:00Z\"",
                    "\"2023-07-25T00:00:00Z\"",
                ],
                // Open: its last sighting is the VM's latest evaluation.
                ["2", "\"Critical\"", "\"2023-07-30T00:00:00Z\"", "NULL", "NULL"],
            ])
        let (since, until) = (CalendarDate(parsing: "2023-07-26"), try #require(CalendarDate(parsing: "2023-07-31")))
        let drift = Drift(histories: try ledger.driftHistories(since: since, until: until), since: since, until: until)
        #expect(drift.vms.first?.regressions == ["KB5028168"])
        #expect(drift.vms.first?.newlyMissing == ["KB5028168"])
    }

    @Test func importingTheSameSnapshotTwiceChangesNoCount() throws {
        _ = try scan("2023-07-20", [5_027_222])
        try ledger.refreshFindings()
        let before = try ledger.dump()
        #expect(try scan("2023-07-20", [5_027_222]) == .unchanged)
        #expect(try ledger.refreshFindings() == 0)
        #expect(try ledger.dump() == before)
    }

    /// The sample catalog's June, July and August cumulative updates for Server 2019, in scan order: missing,
    /// patched, uninstalled (a regression), patched again, and twice the same.
    static let scans: [(vm: String, day: String, kbs: [Int])] = [
        ("web-01", "2023-07-20", [5_027_222]), ("web-02", "2023-07-20", []),
        ("web-01", "2023-07-25", [5_028_168]), ("web-02", "2023-07-26", [5_028_168]),
        ("web-01", "2023-07-30", [5_027_222]), ("web-01", "2023-08-10", [5_029_247]),
        ("web-02", "2023-08-10", [5_028_168]), ("web-02", "2023-08-11", [5_028_168]),
    ]

    func importScans(_ scans: some Sequence<(vm: String, day: String, kbs: [Int])>) throws {
        try ledger.importingInventory { session in
            for scan in scans {
                _ = try session.add(
                    InventoryImportTests.snapshot(scan.vm, at: scan.day, kbs: scan.kbs),
                    sourcePath: "\(scan.vm)-\(scan.day).txt", sha256: "00")
            }
        }
    }

    /// Findings with each open one's last sighting filled in, as users read them, in KB order.
    func episodes() throws -> [[String]] {
        try ledger.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT vm, kb, episode, severity, first_seen, last_seen, fixed_at FROM finding_episodes
                    ORDER BY 1, 2, 3, 4
                    """
            ).map { row in row.databaseValues.map { String.fromDatabaseValue($0) ?? $0.description } }
        }
    }

    @Test func scansRefreshedOneByOneGiveTheRowsOfOneReplay() throws {
        for scan in Self.scans {
            try importScans([scan])
            #expect(ledger.vmsEvaluatedByLastWrite == 1)
        }
        let incremental = try episodes()
        let replay = try Ledger.inMemory()
        try replay.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
        let whole = FindingsLedgerTests(ledger: replay)
        try whole.importScans(Self.scans)
        #expect(replay.vmsEvaluatedByLastWrite == 2)
        #expect(try whole.episodes() == incremental)
        // web-01's regression and fix; web-02 still lacks August's update, last seen on its latest scan.
        #expect(
            incremental.contains([
                "web-01", "KB5028168", "2", "Critical", "2023-07-30T00:00:00Z", "2023-07-30T00:00:00Z",
                "2023-08-10T00:00:00Z",
            ]))
        #expect(
            incremental.contains([
                "web-02", "KB5029247", "1", "Critical", "2023-08-10T00:00:00Z", "2023-08-11T00:00:00Z",
                "NULL",
            ]))
    }

    @Test func aScanOlderThanTheLatestReplaysItsVMWhole() throws {
        let late = Self.scans.filter { $0.day != "2023-07-25" }
        try importScans(late)
        try ledger.refreshFindings()
        // web-01's July 25 scan arrives last: its history is replayed, not continued from August.
        try importScans(Self.scans.filter { $0.day == "2023-07-25" })
        #expect(ledger.vmsEvaluatedByLastWrite == 1)
        let replay = try Ledger.inMemory()
        try replay.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
        let whole = FindingsLedgerTests(ledger: replay)
        try whole.importScans(Self.scans)
        try replay.refreshFindings()
        #expect(try whole.episodes() == episodes())
    }

    @Test func anImportThatRefreshesCommitsItsFindingsWithItsSnapshotsOrNeither() throws {
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try ledger.importingInventory { session in
                _ = try session.add(
                    InventoryImportTests.snapshot("web-01", at: "2023-07-20", kbs: [5_027_222]), sourcePath: "a.txt",
                    sha256: "00")
                throw Interrupted()
            }
        }
        #expect(try ledger.dump()["snapshots"]?.isEmpty == true)
        #expect(try ledger.dump()["findings"]?.isEmpty == true)
        try ledger.importingInventory { session in
            _ = try session.add(
                InventoryImportTests.snapshot("web-01", at: "2023-07-20", kbs: [5_027_222]), sourcePath: "a.txt",
                sha256: "00")
        }
        // The findings came with the snapshot: nothing is left to refresh.
        #expect(try updateFindings().count == 1)
        #expect(try ledger.refreshFindings() == 0)
    }

    @Test func reimportingAnUnchangedCatalogReplaysNothing() throws {
        _ = try scan("2023-07-20", [5_027_222])
        #expect(ledger.vmsEvaluatedByLastWrite == 1)
        let summaries = try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
        #expect(summaries.allSatisfy { $0.outcome == .unchanged })
        #expect(ledger.vmsEvaluatedByLastWrite == 0)
        // The next inventory import evaluates its own VM only, not the fleet.
        try importScans([("db-01", "2023-07-21", [5_027_222])])
        #expect(ledger.vmsEvaluatedByLastWrite == 1)
        // A release history changes what installed KBs bring, so it does replay, every VM.
        let day = try #require(CalendarDate(parsing: "2023-07-11"))
        let release = Release(
            line: "Windows Server 2019", channel: "LTSC", month: "2023-07", type: "B", date: day, build: 17763,
            ubr: 4645, kb: KB(5_028_168))
        _ = try ledger.importReleases([release], path: "history.txt")
        #expect(ledger.vmsEvaluatedByLastWrite == 2)
        #expect(try ledger.refreshFindings() == 0, "the imports brought the findings up to date")
    }

    @Test func aReleaseCorrectedInPlaceReplaysAndTheSameReleaseAgainDoesNot() throws {
        let july = try #require(CalendarDate(parsing: "2023-07-11"))
        func release(type: String, date: CalendarDate) -> Release {
            Release(
                line: "Windows Server 2019", channel: "LTSC", month: "2023-07", type: type, date: date, build: 17763,
                ubr: 4645, kb: KB(5_028_168))
        }
        _ = try scan("2023-07-20", [5_027_222])
        _ = try ledger.importReleases([release(type: "B", date: july)], path: "history.txt")
        #expect(ledger.vmsEvaluatedByLastWrite == 1)
        #expect(try ledger.importReleases([release(type: "B", date: july)], path: "history.txt") == (0, 0, 1))
        #expect(ledger.vmsEvaluatedByLastWrite == 0, "the same rows again change nothing to judge by")
        // A corrected row (its type and date say whether and when it was a security release) keeps its key.
        let corrected = release(type: "OOB", date: CalendarDate(daysSinceEpoch: july.daysSinceEpoch + 1))
        #expect(try ledger.importReleases([corrected], path: "history.txt") == (0, 1, 0))
        #expect(ledger.vmsEvaluatedByLastWrite == 1, "the findings are judged again by the corrected row")
        #expect(try ledger.refreshFindings() == 0)
    }

    @Test func aManifestEntryReplaysItsVM() throws {
        _ = try scan("2023-07-20", [5_027_222])
        #expect(ledger.vmsEvaluatedByLastWrite == 1)
        #expect(try ledger.refreshFindings() == 0)
        _ = try ledger.importFleet([FleetEntry(vm: "web-01", group: "web")], path: "fleet.csv")
        #expect(ledger.vmsEvaluatedByLastWrite == 1)
    }

    @Test func aScanDaySharesTheCatalogOfTheLastReleaseOnOrBeforeIt() throws {
        let evaluator = FindingsEvaluator(
            catalogs: try ledger.productCatalogs(for: ["Windows Server 2019"]), supersedence: try ledger.supersedence(),
            history: ReleaseHistory([]))
        func cutoff(_ day: String) throws -> String {
            evaluator.cutoff(for: try #require(CalendarDate(parsing: day))).description
        }
        // Before the first release the day is its own cutoff (its catalog holds nothing yet).
        #expect(try cutoff("2023-06-01") == "2023-06-01")
        #expect(try cutoff("2023-06-13") == "2023-06-13")
        #expect(try cutoff("2023-07-31") == "2023-07-11")
        #expect(try cutoff("2023-09-04") == "2023-08-08")
    }

}
