extension ComplianceEngine {
    /// Reduces unsatisfied updates to what to install: an update covered by another missing one (it
    /// supersedes it, or is a newer cumulative update or rollup) is folded into the newest that covers it.
    ///
    /// - Parameter open: the VM's open CVEs, to list per update; `nil` lists every CVE (unverified components).
    func fold(_ updates: [CatalogUpdate], open: Set<String>?) -> [MissingUpdate] {
        let ordered = updates.sorted { Coverage.older($1, $0, line: nil) }  // newest first
        let coveredBy = ordered.indices.map { index in
            ordered.indices.filter { $0 != index && covers(ordered[$0], ordered[index]) }
        }
        // A root is covered by nothing else; of two that cover each other, the newer is the root.
        let isRoot = ordered.indices.map { index in
            coveredBy[index].allSatisfy { other in other > index && coveredBy[other].contains(index) }
        }
        func root(of index: Int, depth: Int = 0) -> Int {
            if isRoot[index] || depth > ordered.count { return index }
            if let direct = coveredBy[index].first(where: { isRoot[$0] }) { return direct }
            return coveredBy[index].first.map { root(of: $0, depth: depth + 1) } ?? index
        }
        var groups: [Int: [Int]] = [:]
        for index in ordered.indices {
            let top = root(of: index)
            groups[top, default: []].append(index)
        }
        return groups.keys.sorted().map { top in
            let others = (groups[top] ?? []).filter { $0 != top }.map { ordered[$0] }
            return missing(ordered[top], covering: others, open: open)
        }
        .sorted(by: Self.moreUrgent)
    }

    /// `a` makes `b` unnecessary: it supersedes it (transitively), or servicing order says so.
    func covers(_ a: CatalogUpdate, _ b: CatalogUpdate) -> Bool {
        if a.kb == b.kb { return true }
        if supersedence.closure(of: a.kb).contains(b.kb) { return true }
        guard a.component == b.component else { return false }
        switch (a.kind, b.kind) {
        case (.cumulative, .cumulative), (.cumulative, .hotpatch), (.hotpatch, .hotpatch):
            return !Coverage.older(a, b, line: nil)
        case (.monthlyRollup, .monthlyRollup), (.monthlyRollup, .securityOnly), (.monthlyRollup, .ieCumulative):
            guard let x = a.released, let y = b.released else { return false }
            return y <= x
        default:
            return false
        }
    }

    private func missing(_ update: CatalogUpdate, covering others: [CatalogUpdate], open: Set<String>?)
        -> MissingUpdate
    {
        let all = [update] + others
        var seen: Set<String> = []
        let fixes = all.flatMap(\.cves).filter { fix in
            (open?.contains(fix.cve) ?? true) && seen.insert(fix.cve).inserted
        }
        let oldest = all.compactMap(\.released).min()
        let severity = fixes.compactMap(\.severity).max() ?? all.compactMap(\.severity).max()
        return MissingUpdate(
            kb: update.kb.description, title: update.title, classification: update.classification,
            subtype: update.subtype, severity: severity?.description, released: update.released?.description,
            ageDays: oldest.map { policy.asOf.daysSinceEpoch - $0.daysSinceEpoch },
            restartRequired: update.restartRequired,
            cves: fixes.map(\.cve).sorted(), supersedes: supersedence.direct(update.kb).map(\.description).sorted(),
            covers: others.map(\.kb.description).sorted(), component: update.component)
    }

    /// Worst severity first, then oldest, then KB.
    static func moreUrgent(_ a: MissingUpdate, _ b: MissingUpdate) -> Bool {
        let x = a.severity.flatMap(Severity.init(parsing:))?.rawValue ?? 0
        let y = b.severity.flatMap(Severity.init(parsing:))?.rawValue ?? 0
        if x != y { return x > y }
        if a.ageDays != b.ageDays { return (a.ageDays ?? -1) > (b.ageDays ?? -1) }
        return a.kb < b.kb
    }
}
