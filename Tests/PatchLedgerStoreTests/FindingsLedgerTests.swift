import Foundation
import PatchLedgerCore
import PatchLedgerImport
import Testing

@testable import PatchLedgerStore

/// The findings ledger over the sample catalog (Windows Server 2019, June–August 2023).
@Suite struct FindingsLedgerTests {
    let ledger: Ledger

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
        try (ledger.dump()["findings"] ?? []).filter { $0[1] == "\"update\"" && $0[2] == "\"KB5028168\"" }
    }

    @Test func installedThenUninstalledGivesFirstSeenFixedAndARegression() throws {
        #expect(try scan("2023-07-20", [5_027_222]) == .added)
        #expect(try scan("2023-07-25", [5_028_168]) == .added)
        #expect(try scan("2023-07-30", [5_027_222]) == .added)
        try ledger.refreshFindings()
        // vm_id, kind, key, episode, severity, first_seen, last_seen, fixed_at
        let rows = try updateFindings()
        #expect(
            rows.map { Array($0[3...]) } == [
                [
                    "1", "\"Critical\"", "\"2023-07-20T00:00:00Z\"", "\"2023-07-20T00:00:00Z\"",
                    "\"2023-07-25T00:00:00Z\"",
                ],
                ["2", "\"Critical\"", "\"2023-07-30T00:00:00Z\"", "\"2023-07-30T00:00:00Z\"", "NULL"],
            ])
        let drift = Drift(
            histories: try ledger.histories(), since: CalendarDate(parsing: "2023-07-26"),
            until: try #require(CalendarDate(parsing: "2023-07-31")))
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

    @Test func reimportingAnUnchangedCatalogReplaysNothing() throws {
        _ = try scan("2023-07-20", [5_027_222])
        #expect(try ledger.refreshFindings() == 1)
        let summaries = try ledger.importCVRF(try TestData.xmlFiles(in: TestData.catalogs))
        #expect(summaries.allSatisfy { $0.outcome == .unchanged })
        #expect(try ledger.refreshFindings() == 0)
        // A release history changes what installed KBs bring, so it does replay.
        let day = try #require(CalendarDate(parsing: "2023-07-11"))
        let release = Release(
            channel: "LTSC", month: "2023-07", type: "B", date: day, build: 17763, ubr: 4645, kb: KB(5_028_168))
        _ = try ledger.importReleases([release], path: "history.txt")
        #expect(try ledger.refreshFindings() == 1)
    }

    @Test func aNewCatalogReplaysEveryVM() throws {
        _ = try scan("2023-07-20", [5_027_222])
        #expect(try ledger.refreshFindings() == 1)
        #expect(try ledger.refreshFindings() == 0)
        _ = try ledger.importFleet([FleetEntry(vm: "web-01", group: "web")], path: "fleet.csv")
        #expect(try ledger.refreshFindings() == 1)
    }

    @Test func aScanDaySharesTheCatalogOfTheLastReleaseOnOrBeforeIt() throws {
        let days = try ["2023-06-13", "2023-07-11", "2023-08-08"].map { try #require(CalendarDate(parsing: $0)) }
        func latest(_ day: String) throws -> String? {
            Ledger.latest(days, onOrBefore: try #require(CalendarDate(parsing: day)))?.description
        }
        #expect(try latest("2023-06-01") == nil)
        #expect(try latest("2023-06-13") == "2023-06-13")
        #expect(try latest("2023-07-31") == "2023-07-11")
        #expect(try latest("2023-09-04") == "2023-08-08")
    }
}
