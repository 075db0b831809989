extension CompiledCatalog {
    /// The findings of an outcome evaluated with `detailed: true`, as `FindingsEvaluator` keys them.
    ///
    /// - Parameter cveKeys: the evaluator's id of each of this catalog's CVE ids.
    func lacks(_ outcome: StateOutcome, cveKeys: [Int32]) -> SnapshotLacks {
        let p = products[Int(outcome.product)]
        // An update's severity: the highest of its CVEs still open, else its own. A KB listed twice keeps the
        // severity of its last listing, as the scan's folds list them.
        var updates: [(key: Int64, order: Int, severity: UInt8)] = []
        for fold in outcome.missing {
            for id in outcome.members(of: fold).lazy.map(Int.init) {
                var highest: UInt8 = 0
                for fix in Int(p.fixStart[id])..<Int(p.fixStart[id + 1])
                where Bits.contains(outcome.open, Int(p.fixCVE[fix])) {
                    highest = max(highest, p.fixSeverity[fix])
                }
                updates.append(
                    (FindingKey.update(KB(p.kb[id])).raw, updates.count, highest > 0 ? highest : p.severity[id]))
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
        var cves: [(key: Int64, severity: UInt8)] = []
        var index = 0
        outcome.open.withUnsafeBufferPointer { words in
            Bits.forEach(words) { cve in
                cves.append((FindingKey.cve(cveKeys[Int(p.cveGlobal[cve])]).raw, outcome.openSeverities?[index] ?? 0))
                index += 1
            }
        }
        // CVE keys sort after every update key; among themselves, by the evaluator's ids.
        cves.sort { $0.key < $1.key }
        keys += cves.map(\.key)
        severities += cves.map(\.severity)
        return SnapshotLacks(keys: keys, severities: severities, compliant: outcome.missing.isEmpty)
    }
}
