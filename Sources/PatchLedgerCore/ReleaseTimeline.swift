/// The security releases of a product's build line, from the catalog's cumulative updates and the
/// release history together: where an image's build sits, and what came out after.
final class ReleaseTimeline {
    struct Level {
        var kb: KB?
        var build: WindowsBuild
        var date: CalendarDate
    }

    let engine: ComplianceEngine
    let history: ReleaseHistory
    /// Security release dates per product and build: computed once, asked for every VM.
    private var releaseDates: [String: [CalendarDate]] = [:]
    private var cumulative: [String: [CatalogUpdate]] = [:]

    init(engine: ComplianceEngine, history: ReleaseHistory) {
        self.engine = engine
        self.history = history
    }

    /// The image's patch level: the newest cumulative update (catalog FixedBuild) or release (history)
    /// at or below its build.UBR on its line; the higher of the two when both know one.
    func level(of version: OSVersion, product: String) -> Level? {
        guard let ubr = version.ubr else { return nil }
        let fromCatalog = cumulativeUpdates(product).compactMap { update -> Level? in
            guard let fixed = update.fixedBuild(on: version.line), fixed.revision <= ubr, let date = update.released
            else { return nil }
            return Level(kb: update.kb, build: fixed, date: date)
        }
        .max { $0.build < $1.build }
        let fromHistory = history.level(at: version, product: product).map { release -> Level in
            Level(
                kb: release.kb,
                build: WindowsBuild(
                    major: version.major, minor: version.minor, build: release.build, revision: release.ubr),
                date: release.date)
        }
        switch (fromCatalog, fromHistory) {
        case let (catalog?, history?): return history.build > catalog.build ? history : catalog
        case let (catalog?, nil): return catalog
        case let (nil, history): return history
        }
    }

    /// Patch Tuesday dates of the line, oldest first: the history's B releases where it covers the line,
    /// else the catalog's cumulative updates (each a month's security release).
    func securityReleases(product: String, build: Int) -> [CalendarDate] {
        let key = "\(product)|\(build)"
        if let known = releaseDates[key] { return known }
        let recorded = history.releases(product: product, build: build).filter(\.isSecurityRelease).map(\.date)
        let catalog = cumulativeUpdates(product).compactMap(\.released)
        let dates = Array(Set(recorded + catalog)).sorted()
        releaseDates[key] = dates
        return dates
    }

    /// Security releases with a date in `(after, through]`.
    func count(product: String, build: Int, after: CalendarDate, through: CalendarDate) -> Int {
        // One per month: a month's release and its re-release count once.
        Set(
            securityReleases(product: product, build: build).filter { $0 > after && $0 <= through }.map {
                $0.year * 12 + $0.month
            }
        ).count
    }

    /// The UBR a VM's latest scan shows: stated, or the highest build an installed update brings the line to.
    func revision(of target: ScanTarget, line version: OSVersion, product: String) -> Int? {
        var revisions: [Int] = []
        if let scanned = target.scannedVersion, scanned.line == version.line, let ubr = scanned.ubr {
            revisions.append(ubr)
        }
        let installed = Set(target.installed)
        for update in cumulativeUpdates(product) where installed.contains(update.kb) {
            if let fixed = update.fixedBuild(on: version.line) { revisions.append(fixed.revision) }
        }
        let line = history.lineID(product: product)
        for kb in installed {
            if let release = history.release(of: kb, line: line, build: version.build) { revisions.append(release.ubr) }
        }
        return revisions.max()
    }

    /// The product's cumulative updates (or Monthly Rollups) up to the evaluation date.
    private func cumulativeUpdates(_ product: String) -> [CatalogUpdate] {
        if let known = cumulative[product] { return known }
        let updates = engine.compiled.updates(of: product).filter {
            $0.component == nil && ($0.kind == .cumulative || $0.kind == .monthlyRollup)
        }
        cumulative[product] = updates
        return updates
    }
}
