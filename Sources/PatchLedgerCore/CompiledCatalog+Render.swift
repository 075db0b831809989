extension CompiledCatalog {
    /// What to install, as rendered: one `MissingUpdate` per fold, most urgent first (worst severity, then
    /// oldest, then KB as text).
    ///
    /// - Parameter keeping: which folds to render (a scan's filter); all by default.
    public func missingUpdates(
        _ outcome: StateOutcome, componentUpdates: Bool = false, keeping: (StateOutcome.Fold) -> Bool = { _ in true }
    ) -> [MissingUpdate] {
        var updates: [MissingUpdate] = []
        forEachUpdate(outcome, componentUpdates: componentUpdates, body: { updates.append($0.missingUpdate) }, keeping)
        return updates
    }

    /// `missingUpdates` as ids, in the same order.
    func forEachUpdate(
        _ outcome: StateOutcome, componentUpdates: Bool, body: (UpdateRef) -> Void,
        _ keeping: (StateOutcome.Fold) -> Bool
    ) {
        let p = products[Int(outcome.product)]
        let folds = (componentUpdates ? outcome.componentUpdates : outcome.missing).filter(keeping)
        // Ordered by their ids before any string is made.
        let ranks = folds.map {
            (severity: $0.severity, age: ageDays($0) ?? -1, kb: p.kb[Int(outcome.members[Int($0.start)])])
        }
        let order = folds.indices.sorted { i, j in
            let (a, b) = (ranks[i], ranks[j])
            if a.severity != b.severity { return a.severity > b.severity }
            if a.age != b.age { return a.age > b.age }
            return KB(a.kb).description < KB(b.kb).description
        }
        for index in order {
            body(
                UpdateRef(
                    catalog: self, product: p, productIndex: Int(outcome.product), fold: folds[index],
                    members: outcome.members(of: folds[index]), open: componentUpdates ? nil : outcome.open))
        }
    }

    /// Days from the fold's oldest release to the evaluation date.
    public func ageDays(_ fold: StateOutcome.Fold) -> Int? {
        fold.oldest.map { policy.asOf.daysSinceEpoch - $0 }
    }

    /// The whole `Evaluation` of an outcome, strings and all.
    func evaluation(_ outcome: StateOutcome) -> Evaluation {
        let p = products[Int(outcome.product)]
        var openCVEs: [String] = []
        // Local CVE ids run in name order: the bitset lists them as `openCVEs` is sorted.
        outcome.open.withUnsafeBufferPointer { words in
            Bits.forEach(words) { openCVEs.append(cveNames[Int(p.cveGlobal[$0])]) }
        }
        var bySeverity: [String: Int] = [:]
        for rank in 0...4 where outcome.openBySeverity[rank] > 0 {
            bySeverity[Severity(rawValue: rank)?.description.lowercased() ?? "unrated"] = outcome.openBySeverity[rank]
        }
        return Evaluation(
            missing: missingUpdates(outcome), componentUpdates: missingUpdates(outcome, componentUpdates: true),
            openCVEs: openCVEs, openCVEsBySeverity: bySeverity)
    }
}

extension CompiledCatalog {
    /// The index of the `ignore` entry that accepts a fold for this VM, by its update's KB or its open CVEs.
    func ignoreEntry(_ fold: StateOutcome.Fold, of outcome: StateOutcome, for target: ScanTarget, in ignore: IgnoreList)
        -> Int?
    {
        let p = products[Int(outcome.product)]
        let members = outcome.members(of: fold)
        let kb = KB(p.kb[Int(members[members.startIndex])]).description
        var names: [String] = []
        if ignore.namesCVEs {
            var ids: [Int32] = []
            UpdateRef(
                catalog: self, product: p, productIndex: Int(outcome.product), fold: fold, members: members,
                open: outcome.open
            ).cves(into: &ids)
            names = ids.map { cveNames[Int($0)] }
        }
        return ignore.entry(vm: target.vm, group: target.group, kb: kb, cves: names)
    }

    /// How many of the outcome's open CVEs MSRC marks exploited on its product.
    func exploitedOpenCount(_ outcome: StateOutcome) -> Int {
        let p = products[Int(outcome.product)]
        var count = 0
        outcome.open.withUnsafeBufferPointer { words in
            Bits.forEach(words) { if p.cveExploited[$0] { count += 1 } }
        }
        return count
    }

    /// Adds the outcome's open CVEs to a bitset over the catalog's CVE ids (a fleet's distinct open CVEs).
    func addOpenCVEs(of outcome: StateOutcome, to fleet: inout [UInt64]) {
        let p = products[Int(outcome.product)]
        outcome.open.withUnsafeBufferPointer { words in
            Bits.forEach(words) { Bits.insert(&fleet, Int(p.cveGlobal[$0])) }
        }
    }
}
