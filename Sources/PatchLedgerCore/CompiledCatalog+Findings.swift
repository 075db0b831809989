extension CompiledCatalog {
    /// The findings of an outcome: its missing updates by KB, its open CVEs
    /// counted.
    func lacks(_ outcome: StateOutcome) -> SnapshotLacks {
        let p = products[Int(outcome.product)]
        // A KB listed twice keeps the severity of its last listing, as the scan's folds list them.
        var updates: [(key: Int64, order: Int, severity: UInt8)] = []
        for fold in outcome.missing {
            for id in outcome.members(of: fold).lazy.map(Int.init) {
                updates.append((Int64(p.kb[id]), updates.count, p.severity(of: id, open: outcome.open)))
            }
        }
        updates.sort { ($0.key, $0.order) < ($1.key, $1.order) }
        var keys: [Int64] = []
        var severities: [UInt8] = []
        for (index, update) in updates.enumerated()
        where index + 1 == updates.count || updates[index + 1].key != update.key {
            keys.append(update.key)
            severities.append(update.severity)
        }
        return SnapshotLacks(
            keys: keys, severities: severities, compliant: outcome.missing.isEmpty, openCVEs: outcome.openCount,
            openCritical: outcome.openBySeverity[Severity.critical.rawValue],
            openImportant: outcome.openBySeverity[Severity.important.rawValue])
    }
}
