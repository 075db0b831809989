/// A scan of the fleet: every target evaluated, filtered, and summed up (README, "Scan").
public struct FleetScan: Sendable, Codable {
    public enum Status: String, Sendable, Codable {
        case evaluated
        /// The VM's product is unknown, or the catalog holds nothing for it: never counted compliant.
        case unknownProduct = "unknown-product"
        /// No snapshot on or before the scan date.
        case noScan = "no-scan"
    }

    public struct VMResult: Sendable, Codable {
        public var vm: String
        public var group: String?
        public var image: String?
        public var product: String?
        public var build: String?
        public var scannedAt: String?
        public var status: Status
        public var missing: [MissingUpdate]
        public var componentUpdates: [MissingUpdate]
        /// Open (CVE, product) exposures on the OS and shown components.
        public var openCves: Int
        public var oldestMissingDays: Int?
    }

    public struct Summary: Sendable, Codable {
        public var vms = 0
        public var scanned = 0
        public var evaluated = 0
        public var compliant = 0
        /// Non-compliant VMs by their worst missing severity (`unrated` when the catalog gives none).
        public var nonCompliant: [String: Int] = [:]
        public var noScan: [String] = []
        public var unknownProduct: [String] = []
        /// Distinct CVEs open somewhere in the fleet.
        public var openCves = 0
        /// Non-compliant VMs by the age of their oldest missing update: `0-30`, `31-60`, `61-90`, `over-90` days.
        public var patchAge: [String: Int] = ["0-30": 0, "31-60": 0, "61-90": 0, "over-90": 0]
    }

    /// Narrows what a scan reports; applicability itself is the engine's policy.
    public struct Filter: Sendable {
        public var minimumSeverity: Severity?
        public var olderThanDays: Int?

        public init(minimumSeverity: Severity? = nil, olderThanDays: Int? = nil) {
            self.minimumSeverity = minimumSeverity
            self.olderThanDays = olderThanDays
        }

        func keeps(_ update: MissingUpdate) -> Bool {
            if let minimumSeverity {
                guard let severity = update.severity.flatMap(Severity.init(parsing:)), severity >= minimumSeverity
                else {
                    return false
                }
            }
            if let olderThanDays, (update.ageDays ?? 0) <= olderThanDays { return false }
            return true
        }
    }

    public var asOf: String
    public var vms: [VMResult]
    public var summary: Summary

    public init(targets: [ScanTarget], engine: ComplianceEngine, filter: Filter = Filter()) {
        asOf = engine.policy.asOf.description
        var summary = Summary()
        var fleetCVEs: Set<String> = []
        vms = targets.map { target in
            var result = VMResult(
                vm: target.vm, group: target.group, image: target.image, product: target.product,
                build: target.version?.description, scannedAt: target.scannedAt, status: .noScan, missing: [],
                componentUpdates: [], openCves: 0)
            summary.vms += 1
            guard target.scannedAt != nil else {
                summary.noScan.append(target.vm)
                return result
            }
            summary.scanned += 1
            guard let product = target.product,
                let evaluation = engine.evaluate(
                    VMState(
                        product: product, version: target.version, installed: Set(target.installed),
                        hotpatch: target.hotpatch))
            else {
                result.status = .unknownProduct
                summary.unknownProduct.append(target.vm)
                return result
            }
            result.status = .evaluated
            result.missing = evaluation.missing.filter(filter.keeps)
            result.componentUpdates = evaluation.componentUpdates.filter(filter.keeps)
            result.openCves = evaluation.openCVEs.count
            result.oldestMissingDays = result.missing.compactMap(\.ageDays).max()
            fleetCVEs.formUnion(evaluation.openCVEs)
            summary.evaluated += 1
            if result.missing.isEmpty {
                summary.compliant += 1
            } else {
                let worst = result.missing.compactMap { $0.severity.flatMap(Severity.init(parsing:)) }.max()
                summary.nonCompliant[worst?.description.lowercased() ?? "unrated", default: 0] += 1
                summary.patchAge[Self.ageBucket(result.oldestMissingDays ?? 0), default: 0] += 1
            }
            return result
        }
        summary.openCves = fleetCVEs.count
        self.summary = summary
    }

    /// Whether any VM misses an update at or above `severity` (`nil`: any missing update at all).
    public func hasFindings(atOrAbove severity: Severity?) -> Bool {
        vms.contains { vm in
            vm.missing.contains { update in
                guard let severity else { return true }
                return update.severity.flatMap(Severity.init(parsing:)).map { $0 >= severity } ?? false
            }
        }
    }

    static func ageBucket(_ days: Int) -> String {
        switch days {
        case ...30: "0-30"
        case 31...60: "31-60"
        case 61...90: "61-90"
        default: "over-90"
        }
    }
}
