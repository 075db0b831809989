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
        var days: [Day] = []
        var day = since
        while day <= until {
            let instant = Timestamp(day, hour: 23, minute: 59, second: 59)
            var scanned = 0
            var compliant = 0
            var critical = 0
            var important = 0
            for history in histories where history.snapshots.first.map({ $0.scannedAt <= instant }) == true {
                scanned += 1
                let open = history.findings.filter {
                    $0.firstSeen <= instant && ($0.fixedAt.map { $0 > instant } ?? true)
                }
                if !open.contains(where: { $0.kind == .update }) { compliant += 1 }
                critical += open.filter { $0.kind == .cve && $0.severity == "Critical" }.count
                important += open.filter { $0.kind == .cve && $0.severity == "Important" }.count
            }
            days.append(
                Day(
                    date: day.description, compliantPct: scanned == 0 ? nil : Double(compliant * 1000 / scanned) / 10,
                    openCritical: critical, openImportant: important))
            day = CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1)
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
