extension Drift {
    /// - Parameters:
    ///   - since: start of the window; each VM's drift runs from its latest snapshot on or before it (else
    ///     its snapshot before `to`). `nil`: each VM's last two snapshots, and 30 days back for the fleet.
    ///   - until: end of the window; each VM's drift runs to its latest snapshot on or before it.
    public init(histories: [VMHistory], since: CalendarDate?, until: CalendarDate, longest: Int = 10) {
        let windowStart = since ?? CalendarDate(daysSinceEpoch: until.daysSinceEpoch - 30)
        self.since = windowStart.description
        self.until = until.description
        let end = Timestamp(until, hour: 23, minute: 59, second: 59)
        vms = histories.compactMap { history in
            guard let toIndex = history.snapshots.lastIndex(where: { $0.scannedAt <= end }) else { return nil }
            let chosen = since.flatMap { day in history.snapshots.lastIndex { $0.scannedAt <= Timestamp(day) } }
            let fromIndex = chosen.flatMap { $0 < toIndex ? $0 : nil } ?? (toIndex > 0 ? toIndex - 1 : nil)
            let to = history.snapshots[toIndex]
            let from = fromIndex.map { history.snapshots[$0] }
            let before = from.map { history.missing(at: $0.scannedAt) } ?? []
            let after = history.missing(at: to.scannedAt)
            let lower = from?.scannedAt ?? Timestamp(secondsSinceEpoch: .min)
            return VMDrift(
                vm: history.vm, from: from?.scannedAt.description, to: to.scannedAt.description,
                installed: Self.sorted(to.kbs.subtracting(from?.kbs ?? [])),
                removed: Self.sorted((from?.kbs ?? []).subtracting(to.kbs)),
                newlyMissing: after.subtracting(before).sorted(), fixed: before.subtracting(after).sorted(),
                regressions: history.findings.filter {
                    $0.kind == .update && $0.isRegression && $0.firstSeen > lower && $0.firstSeen <= to.scannedAt
                }.map(\.key).sorted())
        }
        fleet = Self.fleet(histories, since: windowStart, until: until, longest: longest)
        peers = Self.peers(histories, at: end)
    }

    static func sorted(_ kbs: Set<KB>) -> [String] { kbs.sorted().map(\.description) }

    static func fleet(_ histories: [VMHistory], since: CalendarDate, until: CalendarDate, longest: Int) -> Fleet {
        // Each day counts at its end. One pass over the findings: each is open over a run of days, added to
        // per-day counters where it starts and taken off where it ends (a fleet holds millions of findings).
        let count = max(0, until.daysSinceEpoch - since.daysSinceEpoch + 1)
        let instants = (0..<count).map {
            Timestamp(CalendarDate(daysSinceEpoch: since.daysSinceEpoch + $0), hour: 23, minute: 59, second: 59)
        }
        /// The first day whose end is at or after `time` (`count` when none is).
        func firstDay(endingAtOrAfter time: Timestamp) -> Int { instants.partitionPoint { $0 >= time } }
        var scanned = [Int](repeating: 0, count: count + 1)
        var compliant = [Int](repeating: 0, count: count)
        var critical = [Int](repeating: 0, count: count + 1)
        var important = [Int](repeating: 0, count: count + 1)
        var openUpdates = [Int](repeating: 0, count: count + 1)
        for history in histories {
            guard let first = history.snapshots.first else { continue }
            let start = firstDay(endingAtOrAfter: first.scannedAt)
            guard start < count else { continue }
            scanned[start] += 1
            for index in openUpdates.indices { openUpdates[index] = 0 }
            for finding in history.findings {
                // Open at a day's end when seen by then and not yet fixed.
                let from = max(start, firstDay(endingAtOrAfter: finding.firstSeen))
                let to = finding.fixedAt.map { firstDay(endingAtOrAfter: $0) } ?? count
                guard from < to else { continue }
                switch (finding.kind, finding.severity) {
                case (.update, _):
                    openUpdates[from] += 1
                    openUpdates[to] -= 1
                case (.cve, "Critical"):
                    critical[from] += 1
                    critical[to] -= 1
                case (.cve, "Important"):
                    important[from] += 1
                    important[to] -= 1
                default:
                    break
                }
            }
            var open = 0
            for day in 0..<count {
                open += openUpdates[day]
                if day >= start && open == 0 { compliant[day] += 1 }
            }
        }
        var days: [Day] = []
        var (vms, openCritical, openImportant) = (0, 0, 0)
        for day in 0..<count {
            vms += scanned[day]
            openCritical += critical[day]
            openImportant += important[day]
            days.append(
                Day(
                    date: CalendarDate(daysSinceEpoch: since.daysSinceEpoch + day).description,
                    compliantPct: vms == 0 ? nil : Double(compliant[day] * 1000 / vms) / 10,
                    openCritical: openCritical, openImportant: openImportant))
        }
        let window = Timestamp(since)...Timestamp(until, hour: 23, minute: 59, second: 59)
        let fixed = histories.flatMap(\.findings).filter {
            $0.kind == .update && $0.fixedAt.map(window.contains) == true
        }
        var timeToFix = ["all": Self.timeToFix(fixed)]
        for (severity, group) in Dictionary(grouping: fixed, by: { $0.severity?.lowercased() ?? "unrated" }) {
            timeToFix[severity] = Self.timeToFix(group)
        }
        let end = window.upperBound
        let open = histories.flatMap(\.findings).filter {
            $0.kind == .update && $0.firstSeen <= end && ($0.fixedAt.map { $0 > end } ?? true)
        }
        let longestOpen = open.map { finding in
            OpenFinding(
                vm: finding.vm, kb: finding.key, severity: finding.severity, firstSeen: finding.firstSeen.description,
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
    static func peers(_ histories: [VMHistory], at end: Timestamp) -> [PeerDrift] {
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
            let latest = members.compactMap { history in
                history.snapshots.last { $0.scannedAt <= end }.map { (history.vm, $0.kbs) }
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
