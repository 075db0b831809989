/// One update to install (a fold: the update and the missing ones it covers) as ids into the compiled catalog:
/// what `MissingUpdate` says, readable without making its strings.
public struct UpdateRef {
    let catalog: CompiledCatalog
    let product: CompiledProduct
    let fold: StateOutcome.Fold
    /// The VM's open CVEs; `nil` lists every CVE (component updates).
    let open: [UInt64]?

    /// The update to install, as the catalog describes it.
    public var update: CatalogUpdate { product.updates[Int(fold.members[fold.members.startIndex])] }

    public var severity: Severity? { Severity(rawValue: Int(fold.severity)) }

    /// Days from the oldest fix it covers to the evaluation date.
    public var ageDays: Int? { catalog.ageDays(fold) }

    /// The missing updates folded into this one, as text, sorted.
    public var covers: [String] { fold.members.dropFirst().map { KB(product.kb[Int($0)]).description }.sorted() }

    /// The catalog's supersedence list of the update, as text, sorted.
    public var supersedes: [String] { catalog.supersedence.direct(update.kb).map(\.description).sorted() }

    /// Calls `body` with the id (in `CompiledCatalog.cveNames`) of each CVE it closes — open ones, its own and
    /// those of the updates it covers — once each, in name order.
    public func forEachCVE(_ body: (Int) -> Void) {
        var cves: [Int32] = []
        for id in fold.members.lazy.map(Int.init) {
            for fix in Int(product.fixStart[id])..<Int(product.fixStart[id + 1]) {
                let cve = Int(product.fixCVE[fix])
                if let open, !Bits.contains(open, cve) { continue }
                cves.append(product.cveGlobal[cve])
            }
        }
        cves.sort()
        for (index, cve) in cves.enumerated() where index == 0 || cves[index - 1] != cve { body(Int(cve)) }
    }

    public var missingUpdate: MissingUpdate {
        let update = update
        var cves: [String] = []
        forEachCVE { cves.append(catalog.cves[$0]) }
        return MissingUpdate(
            kb: update.kb.description, title: update.title, classification: update.classification,
            subtype: update.subtype, severity: severity?.description, released: update.released?.description,
            ageDays: ageDays, restartRequired: update.restartRequired, cves: cves, supersedes: supersedes,
            covers: covers, component: update.component)
    }
}
