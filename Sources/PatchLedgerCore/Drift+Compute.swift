extension Drift {
    /// - Parameters:
    ///   - since: start of the window; each VM's drift runs from its latest snapshot on or before it (else
    ///     its snapshot before `to`). `nil`: each VM's last two snapshots, and 30 days back for the fleet.
    ///   - until: end of the window; each VM's drift runs to its latest snapshot on or before it.
    public init(histories: [VMHistory], since: CalendarDate?, until: CalendarDate, longest: Int = 10) {
        let windowStart = since ?? CalendarDate(daysSinceEpoch: until.daysSinceEpoch - 30)
        self.since = windowStart.description
        self.until = until.description
        vms = histories.compactMap { history in
            guard let (fromIndex, toIndex) = Self.compared(history.scans, since: since, until: until) else {
                return nil
            }
            let to = history.scans[toIndex]
            let from = fromIndex.map { history.scans[$0] }
            let before = from.map { history.missing(at: $0.scannedAt) } ?? []
            let after = history.missing(at: to.scannedAt)
            let lower = from?.scannedAt ?? Timestamp(secondsSinceEpoch: .min)
            return VMDrift(
                vm: history.vm, from: from?.scannedAt.description, to: to.scannedAt.description,
                installed: Self.sorted(to.kbs.subtracting(from?.kbs ?? [])),
                removed: Self.sorted((from?.kbs ?? []).subtracting(to.kbs)),
                newlyMissing: after.subtracting(before).sorted(), fixed: before.subtracting(after).sorted(),
                regressions: history.findings.filter {
                    $0.isRegression && $0.firstSeen > lower && $0.firstSeen <= to.scannedAt
                }.map(\.kb).sorted())
        }
        fleet = Self.fleet(histories, since: windowStart, until: until, longest: longest)
        peers = Self.peers(histories, until: until)
    }

    /// The scans a VM's drift compares (indexes into `scans`, oldest first): its latest on or before `until`,
    /// and its latest on or before `since` (else the one before). Only these need their installed KBs.
    public static func compared(_ scans: [VMHistory.Scan], since: CalendarDate?, until: CalendarDate) -> (
        from: Int?, to: Int
    )? {
        let end = Timestamp(until, hour: 23, minute: 59, second: 59)
        guard let toIndex = scans.lastIndex(where: { $0.scannedAt <= end }) else { return nil }
        let chosen = since.flatMap { day in scans.lastIndex { $0.scannedAt <= Timestamp(day) } }
        return (chosen.flatMap { $0 < toIndex ? $0 : nil } ?? (toIndex > 0 ? toIndex - 1 : nil), toIndex)
    }

    static func sorted(_ kbs: Set<KB>) -> [String] { kbs.sorted().map(\.description) }

    static func fleet(_ histories: [VMHistory], since: CalendarDate, until: CalendarDate, longest: Int) -> Fleet {
        // Each day counts at its end, each VM by its latest scan on or before it.
        let count = max(0, until.daysSinceEpoch - since.daysSinceEpoch + 1)
        let instants = (0..<count).map {
            Timestamp(CalendarDate(daysSinceEpoch: since.daysSinceEpoch + $0), hour: 23, minute: 59, second: 59)
        }
        var scanned = [Int](repeating: 0, count: count)
        var compliant = [Int](repeating: 0, count: count)
        var critical = [Int](repeating: 0, count: count)
        var important = [Int](repeating: 0, count: count)
        for history in histories {
            var latest = -1
            var evaluated = -1
            for day in 0..<count {
                while latest + 1 < history.scans.count, history.scans[latest + 1].scannedAt <= instants[day] {
                    latest += 1
                    if history.scans[latest].evaluated { evaluated = latest }
                }
                guard latest >= 0 else { continue }
                scanned[day] += 1
                // Compliant as `scan --as-of` that day would say.
                if history.scans[latest].isCompliant(on: CalendarDate(daysSinceEpoch: since.daysSinceEpoch + day)) {
                    compliant[day] += 1
                }
                // Exposures stay as the VM's last evaluated scan left them (a scan of an unknown product says
                // nothing of its CVEs).
                if evaluated >= 0 {
                    critical[day] += history.scans[evaluated].openCritical
                    important[day] += history.scans[evaluated].openImportant
                }
            }
        }
        var days: [Day] = []
        for day in 0..<count {
            days.append(
                Day(
                    date: CalendarDate(daysSinceEpoch: since.daysSinceEpoch + day).description,
                    scanned: scanned[day], compliant: compliant[day],
                    compliantPct: scanned[day] == 0 ? nil : Double(compliant[day] * 1000 / scanned[day]) / 10,
                    openCriticalExposures: critical[day], openImportantExposures: important[day]))
        }
        let window = Timestamp(since)...Timestamp(until, hour: 23, minute: 59, second: 59)
        let fixed = histories.flatMap(\.findings).filter { $0.fixedAt.map(window.contains) == true }
        var timeToFix = ["all": Self.timeToFix(fixed)]
        for (severity, group) in Dictionary(grouping: fixed, by: { $0.severity?.lowercased() ?? "unrated" }) {
            timeToFix[severity] = Self.timeToFix(group)
        }
        let end = window.upperBound
        let open = histories.flatMap(\.findings).filter { $0.isOpen(at: end) }
        let longestOpen = open.map { finding in
            OpenFinding(
                vm: finding.vm, kb: finding.kb, severity: finding.severity, firstSeen: finding.firstSeen.description,
                days: Int((end.secondsSinceEpoch - finding.firstSeen.secondsSinceEpoch) / 86_400))
        }
        .sorted { ($0.days, $1.vm, $1.kb) > ($1.days, $0.vm, $0.kb) }
        return Fleet(days: days, timeToFix: timeToFix, longestOpen: Array(longestOpen.prefix(longest)))
    }

    static func timeToFix(_ findings: [Finding]) -> TimeToFix {
        let days = findings.compactMap(\.daysToFix).map(Double.init)
        guard !days.isEmpty else { return TimeToFix(fixed: 0) }
        return TimeToFix(fixed: days.count, meanDays: days.reduce(0, +) / Double(days.count), medianDays: days.median)
    }

    /// VMs of a group or an image (three or more VMs scanned) whose latest installed set differs from the
    /// majority of their peers.
    static func peers(_ histories: [VMHistory], until: CalendarDate) -> [PeerDrift] {
        var result: [PeerDrift] = []
        var grouped: [String: [VMHistory]] = [:]
        for history in histories {
            if let group = history.group { grouped[group, default: []].append(history) }
            if let image = history.image { grouped["image \(image)", default: []].append(history) }
        }
        // Named groups first; an image's finding that a group already showed is not repeated.
        var seen: Set<String> = []
        let named = grouped.keys.filter { !$0.hasPrefix("image ") }.sorted()
        let order = named + grouped.keys.filter { $0.hasPrefix("image ") }.sorted()
        for group in order {
            guard let members = grouped[group] else { continue }
            // The latest scan on or before the end: the one drift compares, whose KBs were read.
            let latest = members.compactMap { history in
                compared(history.scans, since: nil, until: until).map { (history.vm, history.scans[$0.to].kbs) }
            }
            guard latest.count >= 3 else { continue }
            var counts: [KB: Int] = [:]
            for (_, kbs) in latest { for kb in kbs { counts[kb, default: 0] += 1 } }
            let majority = Set(counts.filter { $0.value * 2 > latest.count }.keys)
            for (vm, kbs) in latest.sorted(by: { $0.0 < $1.0 }) {
                let lacks = majority.subtracting(kbs)
                let extra = kbs.filter { (counts[$0] ?? 0) * 2 < latest.count }
                let drift = PeerDrift(group: group, vm: vm, lacks: sorted(lacks), extra: sorted(Set(extra)))
                if (!lacks.isEmpty || !extra.isEmpty), seen.insert("\(vm) \(drift.lacks) \(drift.extra)").inserted {
                    result.append(drift)
                }
            }
        }
        return result
    }
}
