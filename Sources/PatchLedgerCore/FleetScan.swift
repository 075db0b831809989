/// A scan of the fleet: every target evaluated, filtered, and summed up (README, "Scan").
///
/// Results stay compact (a `StateOutcome` shared by every VM of the same state); `VMResult.missing` renders
/// a VM's updates when asked, so a scan of 100,000 VMs holds ids, not strings.
public struct FleetScan: Sendable {
    public enum Status: String, Sendable, Codable {
        case evaluated
        /// The VM's product is unknown, or the catalog holds nothing for it: never counted compliant.
        case unknownProduct = "unknown-product"
        /// No snapshot on or before the scan date.
        case noScan = "no-scan"
    }

    public struct VMResult: Sendable {
        public var vm: String
        public var group: String?
        public var image: String?
        public var product: String?
        public var build: String?
        public var scannedAt: String?
        public var status: Status
        /// Open (CVE, product) exposures on the OS and shown components.
        public var openCves = 0
        /// Of those, the CVEs MSRC marks exploited.
        public var exploitedCves = 0
        public var oldestMissingDays: Int?
        /// How many updates to install, and the worst severity among them.
        public var missingCount = 0
        public var worstSeverity: Severity?
        fileprivate var outcome: StateOutcome?
        fileprivate var catalog: CompiledCatalog?
        fileprivate var filter = Filter()
        /// Updates an ignore entry accepts: the fold (by its start in the outcome's members) and the entry.
        fileprivate var ignoredFolds: [(start: Int32, entry: IgnoreList.Entry)] = []

        /// How many updates to install an ignore entry accepts (listed by `ignored`, not in `missing`).
        public var ignoredCount: Int { ignoredFolds.count }

        private func kept(_ fold: StateOutcome.Fold, _ catalog: CompiledCatalog) -> Bool {
            filter.keeps(fold, ageDays: catalog.ageDays(fold)) && !ignoredFolds.contains { $0.start == fold.start }
        }

        /// What to install, most urgent first, rendered from the evaluation on each call.
        public var missing: [MissingUpdate] {
            guard let outcome, let catalog else { return [] }
            return catalog.missingUpdates(outcome) { kept($0, catalog) }
        }

        /// The updates to install that ignore entries accept, each with its entry.
        public var ignored: [(update: MissingUpdate, entry: IgnoreList.Entry)] {
            guard let outcome, let catalog, !ignoredFolds.isEmpty else { return [] }
            var result: [(update: MissingUpdate, entry: IgnoreList.Entry)] = []
            for (start, entry) in ignoredFolds {
                let update = catalog.missingUpdates(outcome) { $0.start == start }
                result += update.map { ($0, entry) }
            }
            return result
        }

        /// Updates for components not shown on the VM: applicability unverified, never in `missing`.
        public var componentUpdates: [MissingUpdate] {
            guard let outcome, let catalog else { return [] }
            return catalog.missingUpdates(outcome, componentUpdates: true) {
                filter.keeps($0, ageDays: catalog.ageDays($0))
            }
        }

        /// `missing` (or `componentUpdates`) in the same order, as ids: for renderers of whole fleets, which
        /// write CVE names from a table of their own rather than a string array per update.
        public func forEachUpdate(componentUpdates: Bool = false, _ body: (UpdateRef) -> Void) {
            guard let outcome, let catalog else { return }
            catalog.forEachUpdate(outcome, componentUpdates: componentUpdates, body: body) {
                componentUpdates ? filter.keeps($0, ageDays: catalog.ageDays($0)) : kept($0, catalog)
            }
        }
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
        /// Distinct CVEs open somewhere in the fleet (a CVE open on three VMs counts once).
        public var distinctOpenCves = 0
        /// VMs with at least one open CVE that MSRC marks exploited.
        public var exposedToExploited = 0
        /// Updates to install that ignore entries accept, over the fleet.
        public var ignoredUpdates = 0
        /// Non-compliant VMs by the age of their oldest missing update: `0-30`, `31-60`, `61-90`, `over-90` days.
        public var patchAge: [String: Int] = ["0-30": 0, "31-60": 0, "61-90": 0, "over-90": 0]
    }

    /// Narrows what a scan reports; applicability itself is the engine's policy.
    public struct Filter: Sendable {
        public var minimumSeverity: Severity?
        public var olderThanDays: Int?
        /// Only updates that close a CVE marked exploited.
        public var exploitedOnly: Bool

        public init(minimumSeverity: Severity? = nil, olderThanDays: Int? = nil, exploitedOnly: Bool = false) {
            self.minimumSeverity = minimumSeverity
            self.olderThanDays = olderThanDays
            self.exploitedOnly = exploitedOnly
        }

        func keeps(_ fold: StateOutcome.Fold, ageDays: Int?) -> Bool {
            if let minimumSeverity, fold.severity < UInt8(minimumSeverity.rawValue) { return false }
            if let olderThanDays, (ageDays ?? 0) <= olderThanDays { return false }
            if exploitedOnly && !fold.exploited { return false }
            return true
        }
    }

    public var asOf: String
    public var vms: [VMResult]
    public var summary: Summary
    /// The catalog the VMs were evaluated against: its `cveNames` are what `UpdateRef.cves(into:)` numbers.
    public let catalog: CompiledCatalog

    /// Evaluates the fleet on this thread: for tests and small fleets (`scan(targets:engine:filter:)` uses
    /// every core).
    public init(
        targets: [ScanTarget], engine: ComplianceEngine, filter: Filter = Filter(), ignore: IgnoreList = IgnoreList()
    ) {
        let catalog = engine.compiled
        let keys = Self.keys(targets, catalog, range: targets.indices)
        let (unique, keyOf) = Self.distinct(keys)
        var scratch = CompiledCatalog.Scratch()
        let outcomes = unique.map { catalog.evaluate($0, scratch: &scratch) }
        self.init(
            targets: targets, catalog: catalog, keyOf: keyOf, outcomes: outcomes, filter: filter, ignore: ignore)
    }

    /// Evaluates the fleet over every core: targets reduce to keys in parallel chunks, each distinct key is
    /// evaluated once in parallel chunks, and results come back in the targets' order.
    ///
    /// - Parameter ignore: the entries in force (`IgnoreList.active(on:)`).
    public static func scan(
        targets: [ScanTarget], engine: ComplianceEngine, filter: Filter = Filter(), ignore: IgnoreList = IgnoreList()
    ) async -> FleetScan {
        let catalog = engine.compiled
        let keys = await inChunks(of: 2_048, count: targets.count) { range in Self.keys(targets, catalog, range: range)
        }
        let (unique, keyOf) = distinct(keys)
        let outcomes = await inChunks(of: 256, count: unique.count) { range in
            var scratch = CompiledCatalog.Scratch()
            return range.map { catalog.evaluate(unique[$0], scratch: &scratch) }
        }
        return FleetScan(
            targets: targets, catalog: catalog, keyOf: keyOf, outcomes: outcomes, filter: filter, ignore: ignore)
    }

    /// Each target's key, or `nil` when it has no scan or its product is not in the catalog.
    private static func keys(_ targets: [ScanTarget], _ catalog: CompiledCatalog, range: Range<Int>) -> [StateKey?] {
        range.map { index in
            let target = targets[index]
            guard target.scannedAt != nil, let name = target.product, let product = catalog.product(named: name)
            else { return nil }
            return catalog.key(
                product: product, version: target.version, installed: target.installed, hotpatch: target.hotpatch)
        }
    }

    /// The distinct keys, and for each target the index of its key among them (`-1`: none).
    private static func distinct(_ keys: [StateKey?]) -> ([StateKey], [Int32]) {
        var index: [StateKey: Int32] = [:]
        var unique: [StateKey] = []
        let keyOf = keys.map { key -> Int32 in
            guard let key else { return -1 }
            if let known = index[key] { return known }
            index[key] = Int32(unique.count)
            unique.append(key)
            return Int32(unique.count - 1)
        }
        return (unique, keyOf)
    }

    /// `body` over consecutive ranges of `0..<count`, concurrently, the results joined in order.
    private static func inChunks<T: Sendable>(
        of size: Int, count: Int, _ body: @escaping @Sendable (Range<Int>) -> [T]
    ) async -> [T] {
        await withTaskGroup(of: (Int, [T]).self) { group in
            for start in stride(from: 0, to: count, by: size) {
                group.addTask { (start, body(start..<min(count, start + size))) }
            }
            var parts: [Int: [T]] = [:]
            for await (start, part) in group { parts[start] = part }
            return parts.keys.sorted().flatMap { parts[$0] ?? [] }
        }
    }

    private init(
        targets: [ScanTarget], catalog: CompiledCatalog, keyOf: [Int32], outcomes: [StateOutcome], filter: Filter,
        ignore: IgnoreList
    ) {
        asOf = catalog.policy.asOf.description
        self.catalog = catalog
        var summary = Summary()
        var fleetCVEs = [UInt64](repeating: 0, count: Bits.words(for: catalog.cveNames.count))
        var counted = [Bool](repeating: false, count: outcomes.count)
        // Per distinct outcome: its open exploited CVEs, counted once.
        var exploited = [Int32](repeating: -1, count: outcomes.count)
        vms = zip(targets, keyOf).map { target, key in
            var result = VMResult(
                vm: target.vm, group: target.group, image: target.image, product: target.product,
                build: target.version?.description, scannedAt: target.scannedAt, status: .noScan)
            summary.vms += 1
            guard target.scannedAt != nil else {
                summary.noScan.append(target.vm)
                return result
            }
            summary.scanned += 1
            guard key >= 0 else {
                result.status = .unknownProduct
                summary.unknownProduct.append(target.vm)
                return result
            }
            let outcome = outcomes[Int(key)]
            result.status = .evaluated
            result.outcome = outcome
            result.catalog = catalog
            result.filter = filter
            result.openCves = outcome.openCount
            if exploited[Int(key)] < 0 { exploited[Int(key)] = Int32(catalog.exploitedOpenCount(outcome)) }
            result.exploitedCves = Int(exploited[Int(key)])
            if result.exploitedCves > 0 { summary.exposedToExploited += 1 }
            var worst: UInt8 = 0
            for fold in outcome.missing {
                let age = catalog.ageDays(fold)
                guard filter.keeps(fold, ageDays: age) else { continue }
                if !ignore.isEmpty, let entry = catalog.ignoreEntry(fold, of: outcome, for: target, in: ignore) {
                    result.ignoredFolds.append((fold.start, ignore.entries[entry]))
                    summary.ignoredUpdates += 1
                    continue
                }
                result.missingCount += 1
                worst = max(worst, fold.severity)
                if let age { result.oldestMissingDays = max(result.oldestMissingDays ?? age, age) }
            }
            result.worstSeverity = Severity(rawValue: Int(worst))
            if !counted[Int(key)] {
                counted[Int(key)] = true
                catalog.addOpenCVEs(of: outcome, to: &fleetCVEs)
            }
            summary.evaluated += 1
            if result.missingCount == 0 {
                summary.compliant += 1
            } else {
                summary.nonCompliant[result.worstSeverity?.description.lowercased() ?? "unrated", default: 0] += 1
                summary.patchAge[Self.ageBucket(result.oldestMissingDays ?? 0), default: 0] += 1
            }
            return result
        }
        summary.distinctOpenCves = Bits.count(fleetCVEs)
        self.summary = summary
    }

    /// Whether any VM misses an update at or above `severity` (`nil`: any missing update at all).
    public func hasFindings(atOrAbove severity: Severity?) -> Bool {
        vms.contains { vm in
            guard vm.missingCount > 0 else { return false }
            guard let severity else { return true }
            return vm.worstSeverity.map { $0 >= severity } ?? false
        }
    }

    public static func ageBucket(_ days: Int) -> String {
        switch days {
        case ...30: "0-30"
        case 31...60: "31-60"
        case 61...90: "61-90"
        default: "over-90"
        }
    }
}
