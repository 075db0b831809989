/// Merges the rows of one KB for one VM product: sources (MSRC first) and Server Core/component variants.
struct UpdateMerge {
    var update: CatalogUpdate
    var isOS = false
    var cves: [String: CVEFix] = [:]

    init(kb: KB) { update = CatalogUpdate(kb: kb) }

    mutating func add(_ row: ProductCatalogAssembly.UpdateRow, component: String?) {
        if component == nil { isOS = true } else if update.component == nil { update.component = component }
        update.title = update.title ?? row.title
        update.classification = update.classification ?? row.classification
        update.subtype = update.subtype ?? row.subtype
        if let severity = row.severity.flatMap(Severity.init(parsing:)) {
            update.severity = max(update.severity ?? severity, severity)
        }
        update.released = update.released ?? row.released.flatMap { CalendarDate(parsing: $0) }
        if let restart = row.restartRequired {
            update.restartRequired = (update.restartRequired ?? false) || restart
        }
        if let build = row.fixedBuild.flatMap({ WindowsBuild(parsing: $0) }), !update.fixedBuilds.contains(build) {
            update.fixedBuilds.append(build)
        }
    }

    /// A CVE listed again (another installation option of the product) keeps the highest severity and score,
    /// and is exploited if any listing says so.
    mutating func addCVE(_ cve: String, severity: String?, exploited: Bool, cvss: Double?) {
        let parsed = severity.flatMap(Severity.init(parsing:))
        guard var known = cves[cve] else {
            cves[cve] = CVEFix(cve: cve, severity: parsed, exploited: exploited, cvss: cvss)
            return
        }
        if let parsed, known.severity.map({ parsed > $0 }) ?? true { known.severity = parsed }
        known.exploited = known.exploited || exploited
        if let cvss { known.cvss = max(known.cvss ?? cvss, cvss) }
        cves[cve] = known
    }

    func build(servicing: Servicing) -> CatalogUpdate {
        var result = update
        // A fix listed for the OS itself is the OS's, even where components list the same KB.
        if isOS { result.component = nil }
        result.kind = isOS ? UpdateKind(subtype: update.subtype, title: update.title, servicing: servicing) : .other
        result.cves = cves.values.sorted { $0.cve < $1.cve }
        return result
    }
}
