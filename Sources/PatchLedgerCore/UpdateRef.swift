/// One update to install (a fold: the update and the missing ones it covers) as ids into the compiled catalog:
/// what `MissingUpdate` says, readable without making its strings.
public struct UpdateRef {
    let catalog: CompiledCatalog
    let product: CompiledProduct
    let productIndex: Int
    let fold: StateOutcome.Fold
    /// The fold's update ids: the one to install first.
    let members: ArraySlice<Int32>
    /// The VM's open CVEs; `nil` lists every CVE (component updates).
    let open: [UInt64]?

    /// The update to install, as the catalog describes it.
    public var update: CatalogUpdate { product.updates[top] }

    public var severity: Severity? { Severity(rawValue: Int(fold.severity)) }

    /// One of the open CVEs it closes is marked exploited.
    public var exploited: Bool { fold.exploited }

    /// The highest CVSS base score among the open CVEs it closes.
    public var cvss: Double? { fold.cvss }

    public var classification: String? { product.updates[top].classification }

    public var component: String? { product.updates[top].component }

    private var top: Int { Int(members[members.startIndex]) }

    /// Days from the oldest fix it covers to the evaluation date.
    public var ageDays: Int? { catalog.ageDays(fold) }

    /// The missing updates folded into this one, as text, sorted.
    public var covers: [String] { members.dropFirst().map { KB(product.kb[Int($0)]).description }.sorted() }

    /// The catalog's supersedence list of the update, as text, sorted.
    public var supersedes: [String] { catalog.supersedence.direct(update.kb).map(\.description).sorted() }

    /// The update's number across the catalog's products, below `CompiledCatalog.updateCount`: renderers keep
    /// what they write of an update's own fields by it.
    public var index: Int { catalog.updateIndex(product: productIndex, id: top) }

    /// The ids (in `CompiledCatalog.cveNames`) of the CVEs it closes — open ones, its own and those of the
    /// updates it covers — once each, in name order, written over `ids` (a buffer the caller reuses).
    public func cves(into ids: inout [Int32]) {
        ids.removeAll(keepingCapacity: true)
        let p = product
        // Local ids run in name order: one update's sorted list, or a bitset of a fold's, is in order.
        if members.count == 1 {
            let id = top
            p.sortedCVE.withUnsafeBufferPointer { sorted in
                for position in Int(p.sortedStart[id])..<Int(p.sortedStart[id + 1]) {
                    let cve = Int(sorted[position])
                    if let open, !Bits.contains(open, cve) { continue }
                    ids.append(p.cveGlobal[cve])
                }
            }
            return
        }
        var union = [UInt64](repeating: 0, count: Bits.words(for: p.cveGlobal.count))
        for id in members.lazy.map(Int.init) {
            for position in Int(p.sortedStart[id])..<Int(p.sortedStart[id + 1]) {
                Bits.insert(&union, Int(p.sortedCVE[position]))
            }
        }
        if let open {
            for word in union.indices { union[word] &= open[word] }
        }
        union.withUnsafeBufferPointer { words in Bits.forEach(words) { ids.append(p.cveGlobal[$0]) } }
    }

    public var missingUpdate: MissingUpdate {
        let update = update
        var ids: [Int32] = []
        cves(into: &ids)
        let cves = ids.map { catalog.cveNames[Int($0)] }
        return MissingUpdate(
            kb: update.kb.description, title: update.title, classification: update.classification,
            subtype: update.subtype, severity: severity?.description, released: update.released?.description,
            ageDays: ageDays, restartRequired: update.restartRequired, cves: cves, exploited: exploited ? true : nil,
            cvss: cvss, supersedes: supersedes, covers: covers, component: update.component)
    }
}
