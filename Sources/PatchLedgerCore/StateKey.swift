/// All that a VM's evaluation depends on: its product, which of the product's updates it already has (installed,
/// replaced by something installed, at or below its build, or covered by its cumulative or rollup level),
/// which components it shows, and hotpatch enrolment. VMs with equal keys share one `StateOutcome`.
public struct StateKey: Hashable, Sendable {
    let product: Int32
    let hotpatch: Bool
    /// The satisfied updates (`CompiledProduct.words` words), then the components shown.
    let bits: [UInt64]
}

extension CompiledCatalog {
    /// The key of a VM of product `product` (an index of `products`), per the servicing rules of README, "Scan".
    func key(product: Int, version: OSVersion?, installed: some Sequence<KB>, hotpatch: Bool) -> StateKey {
        let p = products[product]
        let count = p.count
        let line = p.line(of: version)
        var closure = [UInt64](repeating: 0, count: p.words)
        // The VM's UBR: stated, or the highest an installed update brings the line to (catalog or history).
        var revision = version?.ubr ?? -1
        // Levels the release history knows of: an installed KB it lists brings the line to its build and date.
        var historyLevels: [Level] = []
        for kb in installed {
            guard let global = kbIndex[kb.number].map(Int.init) else { continue }
            let offset = Int(p.closureOffset[global])
            if offset >= 0 {
                for word in 0..<p.words { closure[word] |= p.closureWords[offset + word] }
            }
            if line >= 0, let local = p.localID(global) {
                let fixed = Int(p.fixedRevision[line * count + local])
                if fixed >= 0 { revision = max(revision, fixed) }
            }
            if inHistory[global], let version,
                let release = history.release(of: kb, line: historyLine[product], build: version.build)
            {
                revision = max(revision, release.ubr)
                if p.servicing == .cumulative {
                    historyLevels.append(
                        Level(revision: release.ubr, released: release.date.daysSinceEpoch, kb: release.kb?.number ?? 0)
                    )
                }
            }
        }
        func fixed(_ id: Int) -> Int { line >= 0 ? Int(p.fixedRevision[line * count + id]) : -1 }
        func level(_ id: Int) -> Level {
            Level(revision: fixed(id), released: p.released[id] == Int32.min ? nil : Int(p.released[id]), kb: p.kb[id])
        }
        func atOrBelowBuild(_ id: Int) -> Bool {
            let fixed = fixed(id)
            return fixed >= 0 && revision >= 0 && fixed <= revision
        }
        // Levels: the newest cumulative update held (installed, replaced, or at or below the build), and the
        // newest Monthly Rollup installed.
        var newest: Level?
        var rollup = Int32.min
        // Per servicing line, the newest held update that covers the older ones of its line.
        var lineNewest = [Int](repeating: -1, count: p.servicingLineCount)
        for id in 0..<count {
            let held = Bits.contains(closure, id)
            if held, p.servicingLine[id] >= 0, p.coversOlderOfLine[id] { lineNewest[Int(p.servicingLine[id])] = id }
            switch p.kind[id] {
            case .cumulative where held || atOrBelowBuild(id):
                let candidate = level(id)
                if let current = newest, !current.isOlder(than: candidate) { continue }
                newest = candidate
            case .monthlyRollup where held:
                rollup = max(rollup, p.released[id])
            default:
                break
            }
        }
        for candidate in historyLevels {
            if let current = newest, !current.isOlder(than: candidate) { continue }
            newest = candidate
        }
        // A combined line's newest held update also serves the lines it includes (`DotNetLine`).
        let lines = p.servicingLineCount
        let ownNewest = lineNewest
        for outer in 0..<lines where ownNewest[outer] >= 0 {
            for inner in 0..<lines where inner != outer && p.lineIncludes[outer * lines + inner] {
                lineNewest[inner] = max(lineNewest[inner], ownNewest[outer])
            }
        }
        let componentWords = Bits.words(for: p.components.count)
        var bits = [UInt64](repeating: 0, count: p.words + componentWords)
        for id in 0..<count {
            let held = Bits.contains(closure, id)
            if held, p.component[id] >= 0 { Bits.insert(&bits, p.words * 64 + Int(p.component[id])) }
            var satisfied = held || atOrBelowBuild(id)
            if !satisfied, p.servicingLine[id] >= 0, case let newer = lineNewest[Int(p.servicingLine[id])], newer >= 0 {
                satisfied = CompiledProduct.lineCovers(
                    newer, id, line: p.servicingLine, includes: p.lineIncludes, lineCount: p.servicingLineCount,
                    coversOlder: p.coversOlderOfLine, released: p.released)
            }
            if !satisfied {
                switch p.kind[id] {
                case .cumulative, .hotpatch:
                    satisfied = newest.map { !$0.isOlder(than: level(id)) } ?? false
                case .monthlyRollup, .securityOnly, .ieCumulative:
                    satisfied = rollup != Int32.min && p.released[id] != Int32.min && p.released[id] <= rollup
                    // Beside cumulative updates, a Security-Only package is in every cumulative of its day or later.
                    if !satisfied, p.kind[id] == .securityOnly, let day = newest?.released, p.released[id] != Int32.min
                    {
                        satisfied = Int(p.released[id]) <= day
                    }
                case .other:
                    satisfied = p.backfilled[id] && rollup >= CompiledProduct.rollupsCumulativeSince
                case .setupDynamicUpdate:
                    break
                }
            }
            if satisfied { Bits.insert(&bits, id) }
        }
        // A VM showing a plain .NET component shows the combined one that includes it.
        let components = p.components.count
        for shown in 0..<components where Bits.contains(bits, p.words * 64 + shown) {
            for other in 0..<components where other != shown && p.componentShows[shown * components + other] {
                Bits.insert(&bits, p.words * 64 + other)
            }
        }
        return StateKey(product: Int32(product), hotpatch: hotpatch && p.hasHotpatches, bits: bits)
    }

    /// A cumulative level, compared as servicing orders two: by UBR on the VM's line where both have one, else
    /// by release date (undated first) and KB.
    struct Level {
        var revision: Int
        var released: Int?
        var kb: Int

        func isOlder(than other: Level) -> Bool {
            if revision >= 0 && other.revision >= 0 { return revision < other.revision }
            switch (released, other.released) {
            case let (x?, y?): return x < y || (x == y && kb < other.kb)
            case (nil, _?): return true
            default: return false
            }
        }
    }
}
