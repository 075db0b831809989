import Testing

@testable import PatchLedgerCore

/// A fleet evaluated over every core answers as one evaluated VM by VM.
@Suite struct FleetScanTests {
    typealias Engine = ComplianceEngineTests

    /// Server 2019 in mid-2023: three cumulative updates (with FixedBuilds), a .NET line and an ordinary update.
    static let updates = [
        Engine.update(5_026_362, "2023-05-09", .cumulative, fixed: "10.0.17763.4377", cves: ["CVE-2023-24932"]),
        Engine.update(
            5_027_222, "2023-06-13", .cumulative, fixed: "10.0.17763.4499", cves: ["CVE-2023-29363", "CVE-2023-32014"],
            severity: .important),
        Engine.update(
            5_028_168, "2023-07-11", .cumulative, fixed: "10.0.17763.4645", cves: ["CVE-2023-32046", "CVE-2023-36884"]),
        Engine.update(
            5_027_544, "2023-06-13", .other, cves: ["CVE-2023-24895"], component: "Microsoft .NET Framework 4.8"),
        Engine.update(
            5_028_857, "2023-07-11", .other, cves: ["CVE-2023-33127", "CVE-2023-24895"],
            component: "Microsoft .NET Framework 4.8"),
        Engine.update(4_535_680, "2021-01-12", .other, cves: ["CVE-2020-0689"], severity: .important),
    ]

    /// VMs of every kind of state, in many copies: by KBs, by build, behind, current, showing the component or not.
    static func targets() -> [ScanTarget] {
        let installs: [(String?, [Int])] = [
            ("10.0.17763", []), ("10.0.17763", [5_026_362]), ("10.0.17763.4499", []),
            ("10.0.17763", [5_028_168, 5_027_544]), ("10.0.17763.4645", [5_028_857]), (nil, [4_535_680, 1_234_567]),
            ("10.0.17763", [5_027_222, 5_027_544, 4_535_680]),
        ]
        var targets = (0..<700).map { index in
            let (build, kbs) = installs[index % installs.count]
            return ScanTarget(
                vm: "vm-\(index)", product: "Windows Server 2019", version: build.flatMap { OSVersion(parsing: $0) },
                scannedAt: "2023-08-01T00:00:00Z", installed: kbs.map(KB.init))
        }
        targets.append(
            ScanTarget(
                vm: "unknown", product: "Windows 95", version: nil, scannedAt: "2023-08-01T00:00:00Z", installed: []))
        targets.append(
            ScanTarget(vm: "never", product: "Windows Server 2019", version: nil, scannedAt: nil, installed: []))
        return targets
    }

    @Test func everyCoreAnswersAsOneVMAtATime() async throws {
        let engine = Engine.engine("Windows Server 2019", Self.updates, edges: [5_028_857: [5_027_544]])
        let filter = FleetScan.Filter(minimumSeverity: .important)
        let targets = Self.targets()
        let parallel = await FleetScan.scan(targets: targets, engine: engine, filter: filter)
        let sequential = FleetScan(targets: targets, engine: engine, filter: filter)
        #expect(parallel.vms.map(\.vm) == targets.map(\.vm))
        #expect(parallel.vms.map(\.status) == sequential.vms.map(\.status))
        #expect(parallel.vms.map(\.missing) == sequential.vms.map(\.missing))
        #expect(parallel.vms.map(\.componentUpdates) == sequential.vms.map(\.componentUpdates))
        #expect(parallel.summary.compliant == sequential.summary.compliant)
        #expect(parallel.summary.nonCompliant == sequential.summary.nonCompliant)
        #expect(parallel.summary.distinctOpenCves == sequential.summary.distinctOpenCves)
        // And each VM as the one-VM engine answers it, the filter applied.
        for (target, result) in zip(targets, parallel.vms) where result.status == .evaluated {
            let product = try #require(target.product)
            let alone = try #require(
                engine.evaluate(VMState(product: product, version: target.version, installed: Set(target.installed))))
            let kept = alone.missing.filter { ($0.severity.flatMap(Severity.init(parsing:)) ?? .low) >= .important }
            #expect(result.missing == kept, "\(target.vm)")
            #expect(result.openCves == alone.openCVEs.count, "\(target.vm)")
            #expect(result.missingCount == kept.count)
        }
        // The states differ as the installs do: a VM behind misses the newest cumulative update, folded, and
        // the standalone update; one at the newest build, only the standalone update.
        let behind = try #require(parallel.vms.first { $0.vm == "vm-0" })
        #expect(behind.missing.map(\.kb) == ["KB5028168", "KB4535680"])
        #expect(behind.missing.first?.covers == ["KB5026362", "KB5027222"])
        #expect(parallel.vms.first { $0.vm == "vm-4" }?.missing.map(\.kb) == ["KB4535680"])
        #expect(parallel.vms.first { $0.vm == "vm-5" }?.missing.map(\.kb) == ["KB5028168"])
        #expect(parallel.summary.unknownProduct == ["unknown"])
        #expect(parallel.summary.noScan == ["never"])
    }

    @Test func statesThatHaveTheSameUpdatesShareOneKey() throws {
        let catalog = Engine.engine("Windows Server 2019", Self.updates).compiled
        let product = try #require(catalog.product(named: "windows server 2019"))
        func key(_ build: String?, _ kbs: [Int]) -> StateKey {
            catalog.key(
                product: product, version: build.flatMap { OSVersion(parsing: $0) }, installed: kbs.map(KB.init),
                hotpatch: true)
        }
        // The newest cumulative update by KB, by build, or beside older ones and KBs the catalog does not know.
        let current = key("10.0.17763", [5_028_168])
        #expect(key("10.0.17763.4645", []) == current)
        #expect(key("10.0.17763", [5_026_362, 5_028_168, 9_999_999]) == current)
        // An older level, a shown component, or a standalone update is another state.
        #expect(key("10.0.17763.4499", []) != current)
        #expect(key("10.0.17763", [5_028_168, 5_027_544]) != current)
        #expect(key("10.0.17763", [5_028_168, 4_535_680]) != current)
    }
}
