/// What a VM's installed KBs and build already cover, per the servicing rules.
struct Coverage {
    let line: String?
    /// Installed KBs and every KB they supersede, transitively.
    let installed: Set<KB>
    /// The VM's UBR: the inventory's, or the highest FixedBuild of an installed update on its line.
    let revision: Int?
    /// The newest cumulative update the VM has (installed or at/below its build).
    let cumulativeLevel: CatalogUpdate?
    /// The newest Monthly Rollup installed.
    let rollupLevel: CatalogUpdate?

    init(state: VMState, catalog: ProductCatalog, supersedence: Supersedence, history: ReleaseHistory) {
        line = state.version?.line
        var installed = state.installed
        for kb in state.installed { installed.formUnion(supersedence.closure(of: kb)) }
        self.installed = installed
        let line = line
        let installedRevisions = catalog.updates.lazy.filter { state.installed.contains($0.kb) }
            .compactMap { $0.fixedBuild(on: line)?.revision }
        // An installed update the release history knows brings the line to its build, even where the catalog
        // lacks that month: it stands for the cumulative update of its date.
        let released = state.installed.compactMap { kb in
            state.version.flatMap { history.release(of: kb, build: $0.build) }
        }
        revision = ([state.version?.ubr].compactMap { $0 } + installedRevisions + released.map(\.ubr)).max()
        let revision = revision
        func atOrBelowBuild(_ update: CatalogUpdate) -> Bool {
            guard let fixed = update.fixedBuild(on: line)?.revision, let revision else { return false }
            return fixed <= revision
        }
        let fromHistory = released.map { release in
            CatalogUpdate(
                kb: release.kb ?? KB(0), kind: .cumulative, released: release.date,
                fixedBuilds: state.version.map {
                    [WindowsBuild(major: $0.major, minor: $0.minor, build: release.build, revision: release.ubr)]
                } ?? [])
        }
        let held = catalog.updates.filter {
            $0.kind == .cumulative && (installed.contains($0.kb) || atOrBelowBuild($0))
        }
        cumulativeLevel = (held + (catalog.servicing == .cumulative ? fromHistory : [])).max {
            Coverage.older($0, $1, line: line)
        }
        rollupLevel = catalog.updates.filter { $0.kind == .monthlyRollup && installed.contains($0.kb) }
            .max { Coverage.older($0, $1, line: nil) }
    }

    /// Installed, superseded by something installed, at or below the VM's build, or covered by the
    /// cumulative servicing rules.
    func satisfies(_ update: CatalogUpdate) -> Bool {
        if installed.contains(update.kb) { return true }
        if let fixed = update.fixedBuild(on: line)?.revision, let revision, fixed <= revision { return true }
        switch update.kind {
        case .cumulative, .hotpatch:
            guard let level = cumulativeLevel else { return false }
            return !Coverage.older(level, update, line: line)
        case .monthlyRollup, .securityOnly, .ieCumulative:
            guard let level = rollupLevel, let released = update.released, let levelDate = level.released else {
                return false
            }
            return released <= levelDate
        case .other:
            return false
        }
    }

    /// Cumulative order: by FixedBuild on the line where both have one, else by release date.
    static func older(_ a: CatalogUpdate, _ b: CatalogUpdate, line: String?) -> Bool {
        if let x = a.fixedBuild(on: line), let y = b.fixedBuild(on: line) { return x < y }
        switch (a.released, b.released) {
        case let (x?, y?): return x < y || (x == y && a.kb < b.kb)
        case (nil, _?): return true
        default: return false
        }
    }
}
