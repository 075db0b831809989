extension CompiledCatalog {
    /// Buffers one worker reuses across the keys it evaluates, so that an evaluation allocates only its result.
    struct Scratch {
        var marks: [UInt8] = []
        var severities: [UInt8] = []
        var stamps: [UInt32] = []
        var stamp: UInt32 = 0
        var isRoot: [Bool] = []

        mutating func prepare(cves: Int, updates: Int) {
            if marks.count < cves {
                marks = [UInt8](repeating: 0, count: cves)
                severities = marks
                stamps = [UInt32](repeating: 0, count: cves)
            } else {
                for index in 0..<cves {
                    marks[index] = 0
                    severities[index] = 0
                }
            }
            if isRoot.count < updates { isRoot = [Bool](repeating: false, count: updates) }
        }
    }

    /// Evaluates a key (README, "Scan"): a (CVE, product) exposure is open when none of the applicable updates
    /// that fix it is satisfied (Security-Only and Monthly Rollup fixes of one CVE are alternatives, not two
    /// gaps); an unsatisfied applicable update is missing when it closes an open exposure or names no CVE;
    /// missing updates fold into the newest that covers them. Updates of components the VM does not show are
    /// listed apart, folded likewise.
    func evaluate(_ key: StateKey, scratch: inout Scratch) -> StateOutcome {
        let p = products[Int(key.product)]
        let count = p.count
        let cveCount = p.cveGlobal.count
        scratch.prepare(cves: cveCount, updates: count)
        let satisfied = key.bits
        let shownBase = p.words * 64
        var applicable = [UInt64](repeating: 0, count: p.words)
        var unverified = [UInt64](repeating: 0, count: p.words)
        // The hot loop of a scan (every update, every CVE fix of the product, per distinct state): through
        // buffer pointers, without bounds or uniqueness checks per fix.
        withUnsafeBuffers(p.kind, p.component, p.fixStart, p.fixCVE, p.fixSeverity) {
            kind, component, fixStart, fixCVE, fixSeverity in
            scratch.marks.withUnsafeMutableBufferPointer { marks in
                scratch.severities.withUnsafeMutableBufferPointer { severities in
                    for id in 0..<count {
                        if kind[id] == .setupDynamicUpdate || (kind[id] == .hotpatch && !key.hotpatch) { continue }
                        let shown = Int(component[id])
                        if shown >= 0 && !Bits.contains(satisfied, shownBase + shown) {
                            Bits.insert(&unverified, id)
                            continue
                        }
                        Bits.insert(&applicable, id)
                        let closing: UInt8 = Bits.contains(satisfied, id) ? 3 : 1
                        for fix in Int(fixStart[id])..<Int(fixStart[id + 1]) {
                            let cve = Int(fixCVE[fix])
                            marks[cve] |= closing
                            severities[cve] = max(severities[cve], fixSeverity[fix])
                        }
                    }
                }
            }
        }
        // Marked 1: fixed by an applicable update, by no satisfied one.
        var open = [UInt64](repeating: 0, count: Bits.words(for: cveCount))
        var openCount = 0
        var bySeverity = StateOutcome.SeverityCounts()
        for cve in 0..<cveCount where scratch.marks[cve] == 1 {
            Bits.insert(&open, cve)
            openCount += 1
            bySeverity.add(scratch.severities[cve])
        }
        var missing = [UInt64](repeating: 0, count: p.words)
        for word in 0..<p.words {
            var candidates = applicable[word] & ~satisfied[word]
            while candidates != 0 {
                let id = word << 6 + candidates.trailingZeroBitCount
                candidates &= candidates &- 1
                let fixes = Int(p.fixStart[id])..<Int(p.fixStart[id + 1])
                if fixes.isEmpty || fixes.contains(where: { Bits.contains(open, Int(p.fixCVE[$0])) }) {
                    Bits.insert(&missing, id)
                }
            }
            unverified[word] &= ~satisfied[word]
        }
        var members: [Int32] = []
        var folds = fold(missing, p, open: open, into: &members, scratch: &scratch)
        let componentStart = folds.count
        folds += fold(unverified, p, open: nil, into: &members, scratch: &scratch)
        return StateOutcome(
            product: key.product, open: open, openCount: openCount, openBySeverity: bySeverity, members: members,
            folds: folds, componentStart: componentStart)
    }

    /// Groups missing updates under the newest that covers them (README, "Scan", **Missing**): a root is covered by
    /// nothing else in the set, or only by older updates it covers in turn; every other update joins the first
    /// root that covers it, directly or through the newest update that does.
    ///
    /// - Parameter members: where the folds' update ids are appended.
    private func fold(
        _ set: [UInt64], _ p: CompiledProduct, open: [UInt64]?, into members: inout [Int32], scratch: inout Scratch
    ) -> [StateOutcome.Fold] {
        var ids: [Int32] = []  // newest first
        set.withUnsafeBufferPointer { words in Bits.forEachDescending(words) { ids.append(Int32($0)) } }
        guard !ids.isEmpty else { return [] }
        let words = p.words
        func coveredBy(_ id: Int, _ body: (Int) -> Bool) {
            // Newest first; `body` returns false to stop.
            var word = words - 1
            while word >= 0 {
                var bits = p.coveredBy[id * words + word] & set[word]
                while bits != 0 {
                    let high = 63 - bits.leadingZeroBitCount
                    if !body(word << 6 + high) { return }
                    bits &= ~(1 << UInt64(high))
                }
                word -= 1
            }
        }
        for id in ids.lazy.map(Int.init) {
            var root = true
            coveredBy(id) { other in
                // `other` is older and `id` covers it in turn.
                root = other < id && p.coveredBy[other * words + id >> 6] & (1 << UInt64(id & 63)) != 0
                return root
            }
            scratch.isRoot[id] = root
        }
        var roots: [(root: Int32, member: Int32)] = []
        roots.reserveCapacity(ids.count)
        for id in ids {
            var current = Int(id)
            var depth = 0
            while !scratch.isRoot[current] && depth <= ids.count {
                var direct = -1
                var first = -1
                coveredBy(current) { other in
                    if first < 0 { first = other }
                    if scratch.isRoot[other] { direct = other }
                    return direct < 0
                }
                if direct >= 0 {
                    current = direct
                    break
                }
                guard first >= 0 else { break }
                current = first
                depth += 1
            }
            roots.append((Int32(current), id))
        }
        for id in ids { scratch.isRoot[Int(id)] = false }
        // Groups newest root first, members in the order met (newest first).
        let order = roots.indices.sorted {
            roots[$0].root != roots[$1].root ? roots[$0].root > roots[$1].root : $0 < $1
        }
        var bounds: [Range<Int>] = []
        var index = 0
        while index < order.count {
            let root = roots[order[index]].root
            let start = members.count
            members.append(root)
            while index < order.count && roots[order[index]].root == root {
                if roots[order[index]].member != root { members.append(roots[order[index]].member) }
                index += 1
            }
            bounds.append(start..<members.count)
        }
        return bounds.map { range in
            let summary = summary(of: members[range], p, open: open, scratch: &scratch)
            return StateOutcome.Fold(
                start: Int32(range.lowerBound), count: Int32(range.count), oldestDay: summary.oldest,
                severity: summary.severity, exploited: summary.exploited, score: summary.score)
        }
    }

    /// A group's severity and oldest release, as its `MissingUpdate` reports them: the highest severity among its CVEs
    /// (each counted once, as the first member that fixes it rates it; only open ones when `open` is given),
    /// else among its updates' own ratings; and whether those CVEs include an exploited one, and their highest
    /// CVSS score.
    private func summary(
        of group: ArraySlice<Int32>, _ p: CompiledProduct, open: [UInt64]?, scratch: inout Scratch
    ) -> (severity: UInt8, oldest: Int32, exploited: Bool, score: Float) {
        scratch.stamp &+= 1
        if scratch.stamp == 0 {
            for index in scratch.stamps.indices { scratch.stamps[index] = 0 }
            scratch.stamp = 1
        }
        var fixes: UInt8 = 0
        var exploited = false
        var score: Float = -1
        var own: UInt8 = 0
        var oldest = Int32.max
        for id in group.lazy.map(Int.init) {
            own = max(own, p.severity[id])
            if p.released[id] != Int32.min { oldest = min(oldest, p.released[id]) }
            for fix in Int(p.fixStart[id])..<Int(p.fixStart[id + 1]) {
                let cve = Int(p.fixCVE[fix])
                if let open, !Bits.contains(open, cve) { continue }
                guard scratch.stamps[cve] != scratch.stamp else { continue }
                scratch.stamps[cve] = scratch.stamp
                fixes = max(fixes, p.fixSeverity[fix])
                exploited = exploited || p.fixExploited[fix]
                score = max(score, p.fixScore[fix])
            }
        }
        return (fixes > 0 ? fixes : own, oldest == Int32.max ? Int32.min : oldest, exploited, score)
    }
}

/// The five columns' buffers at once, for the evaluation's hot loop.
@inline(__always) private func withUnsafeBuffers<R>(
    _ a: [UpdateKind], _ b: [Int32], _ c: [Int32], _ d: [Int32], _ e: [UInt8],
    _ body: (
        UnsafeBufferPointer<UpdateKind>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>,
        UnsafeBufferPointer<Int32>, UnsafeBufferPointer<UInt8>
    ) -> R
) -> R {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeBufferPointer { c in
                d.withUnsafeBufferPointer { d in e.withUnsafeBufferPointer { e in body(a, b, c, d, e) } }
            }
        }
    }
}
