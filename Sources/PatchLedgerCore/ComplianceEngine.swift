/// Decides which applicable updates a VM lacks and folds them into what to install (README, "Scan").
///
/// Built once per scan over compact per-product structures; each distinct VM state is evaluated once.
public final class ComplianceEngine {
    public struct Policy: Sendable {
        /// Classifications that count (compared case-insensitively); CVRF vendor fixes are Security Updates.
        public var classifications: Set<String>
        /// Updates released after this day do not exist yet for the evaluation.
        public var asOf: CalendarDate

        public init(classifications: Set<String>, asOf: CalendarDate) {
            self.classifications = Set(classifications.map { $0.lowercased() })
            self.asOf = asOf
        }
    }

    let catalogs: [String: ProductCatalog]
    let supersedence: Supersedence
    let policy: Policy
    /// Builds of installed KBs the catalog has no FixedBuild for (months not imported, data before 2021).
    let history: ReleaseHistory
    private var memo: [VMState: Evaluation] = [:]
    /// Per product, every KB its catalog lists: other installed KBs cannot change an evaluation.
    private let listed: [String: Set<KB>]

    public init(
        catalogs: [ProductCatalog], supersedence: Supersedence, policy: Policy,
        history: ReleaseHistory = ReleaseHistory([])
    ) {
        self.history = history
        var byName: [String: ProductCatalog] = [:]
        for catalog in catalogs {
            var filtered = catalog
            filtered.updates = catalog.updates.filter { update in
                (update.released.map { $0 <= policy.asOf } ?? true)
                    && policy.classifications.contains((update.classification ?? "").lowercased())
            }
            byName[catalog.product.lowercased()] = filtered
        }
        self.catalogs = byName
        listed = byName.mapValues { Set($0.updates.map(\.kb)) }
        self.supersedence = supersedence
        self.policy = policy
    }

    /// Whether the catalog knows the product at all (else the VM is reported `unknown-product`).
    public func knows(product: String) -> Bool { catalogs[product.lowercased()] != nil }

    /// - Returns: `nil` when the catalog does not know the VM's product.
    public func evaluate(_ state: VMState) -> Evaluation? {
        let key = state.product.lowercased()
        guard let catalog = catalogs[key], let listed = listed[key] else { return nil }
        // Fleets are full of identical VMs once KBs unknown to the catalog (drivers, Defender definitions,
        // other products) are set aside: evaluate each distinct state once.
        var state = state
        let build = state.version?.build ?? 0
        state.installed = state.installed.filter {
            listed.contains($0) || supersedence.replacesAny($0) || history.release(of: $0, build: build) != nil
        }
        if let known = memo[state] { return known }
        let coverage = Coverage(state: state, catalog: catalog, supersedence: supersedence, history: history)
        let shown = Set(
            catalog.updates.lazy.filter { $0.component != nil && coverage.installed.contains($0.kb) }
                .compactMap(\.component))
        var applicable: [CatalogUpdate] = []
        var unverified: [CatalogUpdate] = []
        for update in catalog.updates {
            // Hotpatches are for enrolled VMs only; elsewhere a cumulative update always covers them.
            if update.kind == .hotpatch && !state.hotpatch { continue }
            if let component = update.component, !shown.contains(component) {
                unverified.append(update)
            } else {
                applicable.append(update)
            }
        }
        let open = openCVEs(applicable, coverage)
        var severities: [String: Severity] = [:]
        for fix in applicable.lazy.flatMap(\.cves) where open.contains(fix.cve) {
            if let severity = fix.severity, severities[fix.cve].map({ severity > $0 }) ?? true {
                severities[fix.cve] = severity
            }
        }
        var bySeverity: [String: Int] = [:]
        for cve in open { bySeverity[severities[cve]?.description.lowercased() ?? "unrated", default: 0] += 1 }
        let unsatisfied = applicable.filter { needed($0, coverage, open) }
        var missingKBs: [String: Severity?] = [:]
        for update in unsatisfied {
            missingKBs[update.kb.description] = update.severity(of: update.cves.filter { open.contains($0.cve) })
        }
        let evaluation = Evaluation(
            missing: fold(unsatisfied, open: open), missingKBs: missingKBs,
            componentUpdates: fold(unverified.filter { !coverage.satisfies($0) }, open: nil),
            openCVEs: open.sorted(), openCVEsBySeverity: bySeverity,
            openCVESeverities: Dictionary(uniqueKeysWithValues: open.map { ($0, severities[$0]) }))
        memo[state] = evaluation
        return evaluation
    }

    /// A (CVE, product) exposure is open when none of its remediations is satisfied: Security-Only and
    /// Monthly Rollup fixes of one CVE are alternatives, not two gaps.
    private func openCVEs(_ updates: [CatalogUpdate], _ coverage: Coverage) -> Set<String> {
        var closed: Set<String> = []
        var all: Set<String> = []
        for update in updates {
            let satisfied = coverage.satisfies(update)
            for fix in update.cves {
                all.insert(fix.cve)
                if satisfied { closed.insert(fix.cve) }
            }
        }
        return all.subtracting(closed)
    }

    /// Unsatisfied, and (when the catalog names CVEs for it) closing at least one open exposure.
    private func needed(_ update: CatalogUpdate, _ coverage: Coverage, _ open: Set<String>) -> Bool {
        !coverage.satisfies(update) && (update.cves.isEmpty || update.cves.contains { open.contains($0.cve) })
    }
}
