import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import Testing

@testable import PatchLedgerStore

/// The six real CVRF documents and the real inventory captures: no false alarms on cumulative servicing.
@Suite(.enabled(if: TestData.sharedMSRC != nil, "../shared/data is absent"))
struct ScanRealDataTests {
    @Test func eachServerVMMissesAtMostTheNewestCumulativeUpdateAndNothingOfAnotherProduct() throws {
        let ledger = try Ledger.inMemory()
        try ledger.importCVRF(try TestData.xmlFiles(in: try #require(TestData.sharedMSRC)))
        let inventories = try #require(TestData.sharedMSRC).deletingLastPathComponent().appendingPathComponent(
            "inventories")
        try ledger.importingInventory { session in
            // Every capture but the Windows Update search result (updates not installed, refused).
            for name in try FileManager.default.contentsOfDirectory(atPath: inventories.path).sorted()
            where !name.hasSuffix("_updates.txt") {
                let result = try InventoryReader.read(inventories.appendingPathComponent(name), displayName: name)
                let defaults = SnapshotDefaults(vm: name, scannedAt: Timestamp(secondsSinceEpoch: 0))
                for snapshot in result.snapshots {
                    _ = try session.add(
                        snapshot.completed(with: defaults).snapshot, sourcePath: name, sha256: result.sha256)
                }
            }
        }
        let asOf = try #require(CalendarDate(parsing: "2026-11-29"))
        let targets = try ledger.scanTargets(asOf: asOf)
        let engine = ComplianceEngine(
            catalogs: try ledger.productCatalogs(for: Set(targets.compactMap(\.product))),
            supersedence: try ledger.supersedence(),
            policy: .init(
                classifications: [Classification.securityUpdates, Classification.criticalUpdates], asOf: asOf))
        let scan = FleetScan(targets: targets, engine: engine)
        let newest = [
            "Windows Server 2016": "KB5068864", "Windows Server 2019": "KB5068791", "Windows Server 2022": "KB5068787",
        ]
        let servers = scan.vms.filter { newest[$0.product ?? ""] != nil }
        #expect(servers.count == 3)
        for vm in servers {
            let product = try #require(vm.product)
            #expect(vm.status == .evaluated)
            #expect(vm.missing.map(\.kb) == [newest[product]], "\(vm.vm)")
            let listed = try Set(
                ledger.productCatalogs(for: [product]).flatMap {
                    $0.updates.filter { $0.component == nil }.map(\.kb.description)
                })
            #expect(vm.missing.allSatisfy { listed.contains($0.kb) && $0.component == nil }, "\(vm.vm)")
        }
        // The Server 2016 capture (wesng's validation file): its superseded cumulative updates are folded in.
        let server2016 = try #require(servers.first { $0.product == "Windows Server 2016" })
        #expect(server2016.missing.first?.covers.contains("KB4074590") == true)
    }
}
