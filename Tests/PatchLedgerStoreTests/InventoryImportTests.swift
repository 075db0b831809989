import Foundation
import GRDB
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import Testing

@testable import PatchLedgerStore

@Suite struct InventoryImportTests {
    let ledger: Ledger
    init() throws { ledger = try Ledger.inMemory() }

    static func snapshot(_ vm: String, at time: String, kbs: [Int], build: String = "10.0.17763") -> InventorySnapshot {
        var snapshot = InventorySnapshot(format: "systeminfo")
        snapshot.vm = vm
        snapshot.scannedAt = Timestamp(parsing: time)
        snapshot.osName = "Microsoft Windows Server 2019 Datacenter"
        snapshot.version = OSVersion(parsing: build)
        snapshot.architecture = .x64
        kbs.forEach { snapshot.add(InstalledKB(kb: KB($0))) }
        return snapshot
    }

    func add(_ snapshots: InventorySnapshot...) throws -> [InventoryImport.Outcome] {
        try ledger.importingInventory { session in
            try snapshots.map { try session.add($0, sourcePath: "scan.txt", sha256: "00") }
        }
    }

    @Test func theSameScanTwiceIsOneSnapshotAndWritesNothing() throws {
        let scan = Self.snapshot("web-01", at: "2023-08-01", kbs: [5_028_168, 5_027_397])
        #expect(try add(scan) == [.added])
        let before = try ledger.dump()
        #expect(try add(scan) == [.unchanged])
        #expect(try ledger.dump() == before)
        #expect(before["snapshots"]?.count == 1)
        #expect(before["snapshot_kbs"]?.count == 2)
    }

    /// Windows XP's `KB893803v2` is stored as KB893803, its spelling kept beside it.
    @Test func aLegacyIdIsStoredAsItsKBWithItsSpelling() throws {
        var scan = Self.snapshot("xp-01", at: "2023-08-01", kbs: [5_028_168])
        scan.add(InstalledKB(kb: KB(893_803), written: "KB893803v2"))
        _ = try add(scan)
        let rows = try ledger.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kb, written FROM snapshot_kbs ORDER BY kb")
        }
        #expect(rows.map { $0["kb"] as Int } == [893_803, 5_028_168])
        #expect(rows.map { $0["written"] as String? } == ["KB893803v2", nil])
    }

    @Test func aLaterScanOfTheSameVMIsANewSnapshotAndNothingIsOverwritten() throws {
        _ = try add(Self.snapshot("web-01", at: "2023-08-01", kbs: [5_027_397]))
        _ = try add(Self.snapshot("WEB-01", at: "2023-09-01", kbs: [5_028_168, 5_027_397]))
        let dump = try ledger.dump()
        #expect(dump["vms"]?.count == 1)
        #expect(dump["snapshots"]?.count == 2)
        #expect(dump["snapshot_kbs"]?.count == 3)
        let vm = try #require(try ledger.vms().first)
        #expect(vm.scannedAt == "2023-09-01T00:00:00Z")
        #expect(vm.snapshots == 2)
        #expect(vm.kbs == ["KB5027397", "KB5028168"])
        #expect(vm.product == "Windows Server 2019")
    }

    @Test func aFailingRunLeavesTheLedgerAsItWas() throws {
        _ = try add(Self.snapshot("web-01", at: "2023-08-01", kbs: [5_027_397]))
        let before = try ledger.dump()
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try ledger.importingInventory { session in
                _ = try session.add(
                    Self.snapshot("web-02", at: "2023-08-01", kbs: [1_234_567]), sourcePath: "a", sha256: "1")
                throw Stop()
            }
        }
        #expect(try ledger.dump() == before)
    }

    @Test func aFileRolledBackToItsSavepointLeavesTheRestOfTheRun() throws {
        struct BadRecord: Error {}
        try ledger.importingInventory(savepoints: true) { session in
            _ = try session.add(Self.snapshot("web-01", at: "2023-07-20", kbs: [1]), sourcePath: "a.json", sha256: "a")
            #expect(throws: BadRecord.self) {
                try session.withinSavepoint {
                    // Many rows, some still held back by the batched insert when the file fails.
                    for day in 10...30 {
                        _ = try session.add(
                            Self.snapshot("db-01", at: "2023-07-\(day)", kbs: Array(1...70)), sourcePath: "b.json",
                            sha256: "b")
                    }
                    throw BadRecord()
                }
            }
            _ = try session.add(
                Self.snapshot("db-01", at: "2023-08-01", kbs: [2, 3]), sourcePath: "c.json", sha256: "c")
        }
        let dump = try ledger.dump()
        #expect(dump["vms"]?.map { $0[1] } == ["\"web-01\"", "\"db-01\""])
        #expect(dump["snapshots"]?.count == 2)
        #expect(dump["snapshot_kbs"]?.count == 3)
    }

    @Test func scansJoinTheManifestEntryByNameOrComputerName() throws {
        let entries = [
            FleetEntry(
                vm: "web-01", group: "web",
                image: "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.4645.230707",
                build: OSVersion(parsing: "17763.4645")),
            FleetEntry(vm: "web-03", computerName: "WEB03HOST", group: "web"),
            FleetEntry(vm: "db-09", group: "data"),
        ]
        #expect(try ledger.importFleet(entries, path: "fleet.csv") == (3, 0))
        _ = try add(
            Self.snapshot("WEB-01", at: "2023-08-01", kbs: [5_028_168]),
            Self.snapshot("web03host", at: "2023-08-01", kbs: [5_028_168]))
        let vms = try ledger.vms()
        #expect(vms.map(\.vm) == ["db-09", "web-01", "web-03"])
        #expect(vms.map(\.group) == ["data", "web", "web"])
        #expect(vms[0].scannedAt == nil)
        #expect(vms[1].build == "10.0.17763.4645")
        #expect(vms[2].build == "10.0.17763")
        #expect(vms[2].kbs == ["KB5028168"])
    }

    @Test func aManifestImportedAgainUpdatesTheVMAndKeepsItsScans() throws {
        _ = try add(Self.snapshot("web-01", at: "2023-08-01", kbs: [5_028_168]))
        #expect(
            try ledger.importFleet([FleetEntry(vm: "WEB-01", group: "web", tags: ["owner": "a"])], path: "f") == (0, 1))
        #expect(try ledger.importFleet([FleetEntry(vm: "web-01", group: "frontend")], path: "f") == (0, 1))
        let vm = try #require(try ledger.vms().first)
        #expect(vm.vm == "web-01")
        #expect(vm.group == "frontend")
        #expect(vm.snapshots == 1)
    }
}
