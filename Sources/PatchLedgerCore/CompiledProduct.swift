/// One product's catalog compiled for evaluation (README, "Scan"): its updates as dense ids in servicing order
/// (oldest first), flat columns, CVEs as ids, and what each update covers as bitsets, so that evaluating a
/// VM is word operations over arrays with nothing allocated per update.
public final class CompiledProduct: Sendable {
    public let name: String
    let servicing: Servicing
    /// The updates in id order, kept for rendering (titles, KBs) and release timelines.
    let updates: [CatalogUpdate]
    var count: Int { updates.count }
    /// Words in a bitset over the updates.
    let words: Int

    let kb: [Int]
    let kind: [UpdateKind]
    /// Days since the epoch; `Int32.min` when the catalog gives no date.
    let released: [Int32]
    /// `-1` for the OS itself, else an index into `components`.
    let component: [Int32]
    let components: [String]
    /// `Severity.rawValue`, `0` when the catalog gives none.
    let severity: [UInt8]
    /// Per update: its servicing line, or `-1`: a component (Adobe Flash Player, each .NET Framework the catalog
    /// names, Internet Explorer 11), or the servicing stack. A line's updates are cumulative: each one that is
    /// not Security-Only (`coversOlderOfLine`) covers the older ones of its line, named by the catalog's
    /// supersedence or not (issue 20: 226 of 465 KBs listed on real captures were older updates of a line whose
    /// newer update was listed too or installed).
    let servicingLine: [Int32]
    let coversOlderOfLine: [Bool]
    let servicingLineCount: Int
    /// `lineIncludes[outer * servicingLineCount + inner]`: updates of line `outer` cover the older ones of line
    /// `inner` (the same line, or a combined .NET line and a plain one it includes, `DotNetLine`).
    let lineIncludes: [Bool]
    /// `componentShows[shown * components.count + other]`: a VM showing component `shown` shows `other` too.
    let componentShows: [Bool]
    /// Per update: a standalone security update of a rollup-serviced OS from before October 2016 that the
    /// Monthly Rollups took in since (`isBackfilled`); a Monthly Rollup of October 2016 or later covers it.
    let backfilled: [Bool]

    /// CVE fixes, flat: update `i` fixes `fixCVE[fixStart[i]..<fixStart[i + 1]]`, CVE ids local to the
    /// product, each with its severity (`0`: none), in the order of `CatalogUpdate.cves`.
    let fixStart: [Int32]
    let fixCVE: [Int32]
    let fixSeverity: [UInt8]
    /// Per fix: MSRC marks the CVE exploited on this product; its CVSS base score (`-1`: none).
    let fixExploited: [Bool]
    let fixScore: [Float]
    /// Per local CVE: exploited on this product.
    let cveExploited: [Bool]
    /// Local CVE id → the catalog's CVE id (whose order is the names' order, and so the local ids' too).
    let cveGlobal: [Int32]
    /// Update `i`'s CVEs once each in name order, as local ids:
    /// `sortedCVE[sortedStart[i]..<sortedStart[i + 1]]`, what a rendered update lists.
    let sortedStart: [Int32]
    let sortedCVE: [Int32]

    /// Build lines (`major.minor.build`) that some FixedBuild names, and per line a column of UBRs: update `i`'s
    /// fixed UBR on line `l` is `fixedRevision[l * count + i]`, `-1` when it lists none there.
    let lines: [(major: Int, minor: Int, build: Int)]
    let fixedRevision: [Int32]

    /// Per catalog KB id: the update's id in this product, or `-1`.
    let local: [Int32]
    /// Whether any update is a hotpatch: enrolment matters only then.
    let hasHotpatches: Bool

    /// Per catalog KB id: where its supersedence closure (the updates of this product it replaces,
    /// transitively, and itself when it is one) starts in `closureWords`, or `-1` when it touches none.
    let closureOffset: [Int32]
    let closureWords: [UInt64]
    /// Row `i` (`words` words from `i * words`): the updates other than `i` that cover `i`, i.e. make it
    /// unnecessary when both are missing (supersedence, or a newer cumulative update or rollup).
    let coveredBy: [UInt64]

    /// - Parameters:
    ///   - catalog: the product's updates already narrowed to the policy (classification, as-of day).
    ///   - kbIndex: the catalog-wide KB ids.
    ///   - cveIndex: the catalog-wide CVE ids.
    ///   - closures: the supersedence closure of each KB id that replaces anything, as KB ids.
    init(
        _ catalog: ProductCatalog, kbIndex: [Int: Int32], kbCount: Int, cveIndex: [String: Int32],
        closures: [Int32: [Int32]]
    ) {
        name = catalog.product
        servicing = catalog.servicing
        // Servicing order, as `olderByDate` compares: undated first, then by date and KB.
        let updates = catalog.updates.sorted {
            let x = $0.released?.daysSinceEpoch ?? Int.min
            let y = $1.released?.daysSinceEpoch ?? Int.min
            return x != y ? x < y : $0.kb < $1.kb
        }
        self.updates = updates
        let count = updates.count
        self.words = Bits.words(for: count)
        let words = Bits.words(for: count)
        let kb = updates.map(\.kb.number)
        let kind = updates.map(\.kind)
        let released = updates.map { $0.released.map { Int32($0.daysSinceEpoch) } ?? Int32.min }
        self.kb = kb
        self.kind = kind
        self.released = released
        severity = updates.map { $0.severity.map { UInt8($0.rawValue) } ?? 0 }
        var components: [String] = []
        var componentIDs: [String: Int32] = [:]
        let component = updates.map { update -> Int32 in
            guard let name = update.component else { return -1 }
            if let id = componentIDs[name] { return id }
            componentIDs[name] = Int32(components.count)
            components.append(name)
            return Int32(components.count - 1)
        }
        self.components = components
        self.component = component
        var lineIDs: [String: Int32] = [:]
        let servicingLine = updates.map { update -> Int32 in
            guard let name = Self.servicingLine(of: update) else { return -1 }
            if let id = lineIDs[name] { return id }
            lineIDs[name] = Int32(lineIDs.count)
            return Int32(lineIDs.count - 1)
        }
        let coversOlderOfLine = updates.map { !($0.subtype ?? "").lowercased().contains("security only") }
        self.servicingLine = servicingLine
        self.coversOlderOfLine = coversOlderOfLine
        servicingLineCount = lineIDs.count
        let lineNames = lineIDs.sorted { $0.value < $1.value }.map(\.key)
        lineIncludes = lineNames.flatMap { outer in lineNames.map { DotNetLine.includes(outer, $0) } }
        componentShows = components.flatMap { shown in components.map { DotNetLine.includes($0, shown) } }
        backfilled = Self.backfilled(updates, servicing: catalog.servicing, lines: servicingLine)

        // Local CVE ids in the catalog's (name) order, so that a bitset over them lists names in order.
        let cveGlobal = Set(updates.flatMap { $0.cves.compactMap { cveIndex[$0.cve] } }).sorted()
        let localCVE = Dictionary(uniqueKeysWithValues: cveGlobal.enumerated().map { ($1, Int32($0)) })
        var fixStart: [Int32] = [0]
        var fixCVE: [Int32] = []
        var fixSeverity: [UInt8] = []
        var fixExploited: [Bool] = []
        var fixScore: [Float] = []
        var cveExploited = [Bool](repeating: false, count: cveGlobal.count)
        for update in updates {
            for fix in update.cves {
                guard let global = cveIndex[fix.cve], let local = localCVE[global] else { continue }
                fixCVE.append(local)
                fixSeverity.append(fix.severity.map { UInt8($0.rawValue) } ?? 0)
                fixExploited.append(fix.exploited)
                fixScore.append(fix.cvss.map(Float.init) ?? -1)
                if fix.exploited { cveExploited[Int(local)] = true }
            }
            fixStart.append(Int32(fixCVE.count))
        }
        var sortedStart: [Int32] = [0]
        var sortedCVE: [Int32] = []
        for id in 0..<count {
            let own = Set(fixCVE[Int(fixStart[id])..<Int(fixStart[id + 1])])
            sortedCVE += own.sorted()
            sortedStart.append(Int32(sortedCVE.count))
        }
        self.sortedStart = sortedStart
        self.sortedCVE = sortedCVE
        self.fixStart = fixStart
        self.fixCVE = fixCVE
        self.fixSeverity = fixSeverity
        self.fixExploited = fixExploited
        self.fixScore = fixScore
        self.cveExploited = cveExploited
        self.cveGlobal = cveGlobal

        var lines: [(major: Int, minor: Int, build: Int)] = []
        for update in updates {
            for fixed in update.fixedBuilds
            where !lines.contains(where: { $0 == (fixed.major, fixed.minor, fixed.build) }) {
                lines.append((fixed.major, fixed.minor, fixed.build))
            }
        }
        var fixedRevision = [Int32](repeating: -1, count: lines.count * count)
        for (id, update) in updates.enumerated() {
            for (line, key) in lines.enumerated() {
                // The first FixedBuild listed on the line, as `CatalogUpdate.fixedBuild(on:)` takes it.
                if let fixed = update.fixedBuilds.first(where: { ($0.major, $0.minor, $0.build) == key }) {
                    fixedRevision[line * count + id] = Int32(clamping: fixed.revision)
                }
            }
        }
        self.lines = lines
        self.fixedRevision = fixedRevision

        // Local ids by catalog KB id.
        var local = [Int32](repeating: -1, count: kbCount)
        for (id, update) in updates.enumerated() {
            if let global = kbIndex[update.kb.number] { local[Int(global)] = Int32(id) }
        }
        self.local = local
        hasHotpatches = kind.contains(.hotpatch)
        var closureOffset = [Int32](repeating: -1, count: kbCount)
        var closureWords: [UInt64] = []
        var row = [UInt64](repeating: 0, count: words)
        for global in 0..<kbCount {
            for index in row.indices { row[index] = 0 }
            var touched = false
            if local[global] >= 0 {
                Bits.insert(&row, Int(local[global]))
                touched = true
            }
            for replaced in closures[Int32(global)] ?? [] where local[Int(replaced)] >= 0 {
                Bits.insert(&row, Int(local[Int(replaced)]))
                touched = true
            }
            guard touched else { continue }
            closureOffset[global] = Int32(closureWords.count)
            closureWords += row
        }
        self.closureOffset = closureOffset
        self.closureWords = closureWords

        var coveredBy = [UInt64](repeating: 0, count: count * words)
        for a in 0..<count {
            guard let global = kbIndex[kb[a]] else { continue }
            let offset = Int(closureOffset[Int(global)])
            for b in 0..<count where a != b {
                let replaces = offset >= 0 && closureWords[offset + b >> 6] & (1 << UInt64(b & 63)) != 0
                if replaces || Self.servicingCovers(a, b, kind: kind, component: component, released: released, kb: kb)
                    || Self.lineCovers(
                        a, b, line: servicingLine, includes: lineIncludes, lineCount: lineNames.count,
                        coversOlder: coversOlderOfLine, released: released)
                    || (backfilled[b] && kind[a] == .monthlyRollup && released[a] >= Self.rollupsCumulativeSince)
                {
                    coveredBy[b * words + a >> 6] |= 1 << UInt64(a & 63)
                }
            }
        }
        self.coveredBy = coveredBy
    }

    /// Servicing order makes `b` unnecessary beside `a` (what `coveredBy` adds to supersedence): a newer
    /// cumulative update or hotpatch of the same component, a cumulative update released on or after a
    /// Security-Only `b`, or a rollup released on or after `b`.
    private static func servicingCovers(
        _ a: Int, _ b: Int, kind: [UpdateKind], component: [Int32], released: [Int32], kb: [Int]
    ) -> Bool {
        guard component[a] == component[b] else { return false }
        switch (kind[a], kind[b]) {
        case (.cumulative, .cumulative), (.cumulative, .hotpatch), (.hotpatch, .hotpatch):
            return !olderByDate(a, b, released: released, kb: kb)
        // (.cumulative, .securityOnly): a Security-Only package beside the cumulative updates (MSRC lists some for
        // Windows 11 and Server 2022) is in the cumulative update of its day or later.
        case (.cumulative, .securityOnly), (.monthlyRollup, .monthlyRollup), (.monthlyRollup, .securityOnly),
            (.monthlyRollup, .ieCumulative):
            return released[a] != Int32.min && released[b] != Int32.min && released[b] <= released[a]
        default:
            return false
        }
    }

    /// October 2016, when the Monthly Rollups of Windows 7/8.1 and Server 2008 R2/2012/2012 R2 began; over the
    /// following months Microsoft folded the earlier standalone security updates into them.
    static let rollupsCumulativeSince = Int32(
        CalendarDate(year: 2016, month: 10, day: 1).map(\.daysSinceEpoch) ?? Int(Int32.max))

    /// Which updates the Monthly Rollups took in: on a rollup-serviced product, an OS standalone update (no
    /// component, not the servicing stack, not a rollup) released before October 2016 none of whose CVEs a
    /// later standalone update fixes (a fix still shipped standalone after the rollups began stayed out of them).
    /// Windows Update on a Server 2012 R2 machine did not offer the 22 such KBs a capture lacked.
    static func backfilled(_ updates: [CatalogUpdate], servicing: Servicing, lines: [Int32]) -> [Bool] {
        guard servicing == .monthlyRollup else { return [Bool](repeating: false, count: updates.count) }
        func standalone(_ id: Int) -> Bool {
            updates[id].kind == .other && updates[id].component == nil && lines[id] < 0
        }
        func released(_ id: Int) -> Int32 { updates[id].released.map { Int32($0.daysSinceEpoch) } ?? Int32.min }
        var laterStandalone: Set<String> = []
        for id in updates.indices where standalone(id) && released(id) >= rollupsCumulativeSince {
            laterStandalone.formUnion(updates[id].cves.map(\.cve))
        }
        return updates.indices.map { id in
            standalone(id) && released(id) != Int32.min && released(id) < rollupsCumulativeSince
                && !updates[id].cves.contains { laterStandalone.contains($0.cve) }
        }
    }

    /// The servicing line of `update`: its component, or the servicing stack for a Servicing Stack Update of the
    /// OS; `nil` for the OS's other updates.
    static func servicingLine(of update: CatalogUpdate) -> String? {
        if let component = update.component { return component }
        let compact = (update.subtype ?? "").lowercased().filter(\.isLetter)
        return compact.contains("servicingstack") ? "servicing stack" : nil
    }

    /// `a` makes `b` unnecessary on their servicing line (or `a`'s line includes `b`'s): `a` is not Security-Only
    /// and `b` is older (ids are in servicing order), or `b` is a Security-Only update of `a`'s day (a rollup
    /// covers its month's).
    @inline(__always) static func lineCovers(
        _ a: Int, _ b: Int, line: [Int32], includes: [Bool], lineCount: Int, coversOlder: [Bool], released: [Int32]
    ) -> Bool {
        guard line[a] >= 0, line[b] >= 0, coversOlder[a], includes[Int(line[a]) * lineCount + Int(line[b])] else {
            return false
        }
        // Only Security-Only updates do not cover older ones.
        return b < a || (!coversOlder[b] && released[b] == released[a] && released[a] != Int32.min)
    }

    /// Servicing order without a build line: by date (undated first), then KB; two undated updates are
    /// neither older than the other.
    @inline(__always) static func olderByDate(_ a: Int, _ b: Int, released: [Int32], kb: [Int]) -> Bool {
        let x = released[a]
        let y = released[b]
        if x != Int32.min && y != Int32.min { return x < y || (x == y && kb[a] < kb[b]) }
        return x == Int32.min && y != Int32.min
    }

    @inline(__always) func localID(_ global: Int) -> Int? {
        let id = local[global]
        return id >= 0 ? Int(id) : nil
    }

    /// A missing update's severity (`Severity.rawValue`, `0`: unrated): the highest of its CVEs still `open`
    /// (a bitset over local CVE ids), else its own.
    func severity(of id: Int, open: [UInt64]) -> UInt8 {
        var highest: UInt8 = 0
        for fix in Int(fixStart[id])..<Int(fixStart[id + 1]) where Bits.contains(open, Int(fixCVE[fix])) {
            highest = max(highest, fixSeverity[fix])
        }
        return highest > 0 ? highest : severity[id]
    }

    /// The index of `version`'s build line among `lines`, or `-1` when no FixedBuild names it.
    func line(of version: OSVersion?) -> Int {
        guard let version else { return -1 }
        return lines.firstIndex { $0 == (version.major, version.minor, version.build) } ?? -1
    }
}
