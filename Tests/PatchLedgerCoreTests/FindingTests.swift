import Testing

@testable import PatchLedgerCore

@Suite struct FindingTests {
    static func time(_ text: String) -> Timestamp { Timestamp(parsing: text) ?? Timestamp(secondsSinceEpoch: 0) }

    /// What a scan lacks: updates by KB number, all Critical.
    static func lacks(updates: [Int] = []) -> SnapshotLacks {
        SnapshotLacks(
            keys: updates.sorted().map(Int64.init), severities: updates.map { _ in 4 }, compliant: updates.isEmpty)
    }

    /// Replays scans in order and returns every episode, fixed or open, by key then episode.
    static func replay(_ scans: [(String, SnapshotLacks)]) -> [EpisodeTracker.Episode] {
        var tracker = EpisodeTracker()
        var episodes: [EpisodeTracker.Episode] = []
        for (day, lacks) in scans { tracker.advance(to: lacks, at: day) { episodes.append($0) } }
        return (episodes + tracker.finish()).sorted { ($0.key, $0.episode) < ($1.key, $1.episode) }
    }

    @Test func missingThenInstalledThenUninstalledIsFirstSeenFixedAndARegression() {
        let episodes = Self.replay([
            ("2023-07-20", Self.lacks(updates: [5_028_168])), ("2023-07-25", Self.lacks()),
            ("2023-07-30", Self.lacks(updates: [5_028_168])), ("2023-08-02", Self.lacks(updates: [5_028_168])),
        ])
        #expect(episodes.count == 2)
        #expect(episodes[0].episode == 1)
        #expect(episodes[0].firstSeen == "2023-07-20")
        #expect(episodes[0].lastSeen == "2023-07-20")
        #expect(episodes[0].fixedAt == "2023-07-25")
        #expect(episodes[0].severity == 4)
        #expect(episodes[1].episode == 2)
        #expect(episodes[1].firstSeen == "2023-07-30")
        #expect(episodes[1].lastSeen == nil)
        #expect(episodes[1].fixedAt == nil)
    }

    @Test func aScanSeenTwiceAddsNoEpisode() {
        let once = Self.replay([("2023-07-20", Self.lacks(updates: [1, 7]))])
        let twice = Self.replay([
            ("2023-07-20", Self.lacks(updates: [1, 7])), ("2023-07-20", Self.lacks(updates: [7, 1])),
        ])
        #expect(once.map(\.key) == [1, 7])
        #expect(twice.map(\.key) == [1, 7])
        #expect(twice.map(\.episode) == [1, 1])
    }

    @Test func aFindingDaysToFixCountsWholeDays() {
        let finding = Finding(
            vm: "web-01", kb: "KB5028168", severity: "Critical", episode: 1,
            firstSeen: Self.time("2023-07-20"), lastSeen: Self.time("2023-07-20"), fixedAt: Self.time("2023-07-25"))
        #expect(finding.daysToFix == 5)
        #expect(!finding.isRegression)
    }

    @Test func medianAndMeanTimeToFixOnAHandComputedFleet() throws {
        // Fixed after 2, 4, 10 days (Critical) and 7 days (Important): critical mean 16/3, median 4; all median 5.5.
        func fixed(_ vm: String, _ kb: String, _ severity: String, _ from: String, _ to: String) -> Finding {
            Finding(
                vm: vm, kb: kb, severity: severity, episode: 1, firstSeen: Self.time(from),
                lastSeen: Self.time(from), fixedAt: Self.time(to))
        }
        // Each VM lacks an update on its first scan and lacks none on its second (after its last fix).
        func scans(fixed: String) -> [VMHistory.Scan] {
            [
                VMHistory.Scan(
                    scannedAt: Self.time("2023-08-01"), notCompliantFrom: CalendarDate(parsing: "2023-08-01")),
                VMHistory.Scan(scannedAt: Self.time(fixed)),
            ]
        }
        let histories = [
            VMHistory(
                vm: "a", group: nil, scans: scans(fixed: "2023-08-03"),
                findings: [fixed("a", "KB1", "Critical", "2023-08-01", "2023-08-03")]),
            VMHistory(
                vm: "b", group: nil, scans: scans(fixed: "2023-08-08"),
                findings: [
                    fixed("b", "KB1", "Critical", "2023-08-01", "2023-08-05"),
                    fixed("b", "KB2", "Important", "2023-08-01", "2023-08-08"),
                ]),
            VMHistory(
                vm: "c", group: nil, scans: scans(fixed: "2023-08-11"),
                findings: [fixed("c", "KB1", "Critical", "2023-08-01", "2023-08-11")]),
        ]
        let drift = Drift(
            histories: histories, since: CalendarDate(parsing: "2023-08-01"),
            until: try #require(CalendarDate(parsing: "2023-08-31")))
        let critical = try #require(drift.fleet.timeToFix["critical"])
        #expect(critical.fixed == 3)
        #expect(critical.medianDays == 4)
        #expect(abs((critical.meanDays ?? 0) - 16.0 / 3) < 0.0001)
        #expect(drift.fleet.timeToFix["important"]?.medianDays == 7)
        #expect(drift.fleet.timeToFix["all"]?.medianDays == 5.5)
        #expect(drift.fleet.days.first?.compliantPct == 0)
        #expect(drift.fleet.days.last?.compliantPct == 100)
    }

    @Test func exposuresPerDayAreEachVMsLatestEvaluatedScan() throws {
        let histories = [
            VMHistory(
                vm: "a", group: nil,
                scans: [
                    VMHistory.Scan(scannedAt: Self.time("2023-08-01"), openCritical: 5, openImportant: 2),
                    VMHistory.Scan(scannedAt: Self.time("2023-08-03"), openCritical: 1),
                    // A scan of an unknown product says nothing of CVEs: the last evaluated one stands.
                    VMHistory.Scan(scannedAt: Self.time("2023-08-04"), evaluated: false),
                ], findings: []),
            VMHistory(
                vm: "b", group: nil, scans: [VMHistory.Scan(scannedAt: Self.time("2023-08-02"), openCritical: 3)],
                findings: []),
        ]
        let drift = Drift(
            histories: histories, since: CalendarDate(parsing: "2023-07-31"),
            until: try #require(CalendarDate(parsing: "2023-08-04")))
        #expect(drift.fleet.days.map(\.openCriticalExposures) == [0, 5, 8, 4, 4])
        #expect(drift.fleet.days.map(\.openImportantExposures) == [0, 2, 2, 0, 0])
        #expect(drift.fleet.days.map(\.scanned) == [0, 1, 2, 2, 2])
        // a's last scan is of an unknown product: not compliant, though its evaluated scans were.
        #expect(drift.fleet.days.map(\.compliant) == [0, 1, 2, 2, 1])
    }

    @Test func theOddOneOutInAGroupIsListedWithItsDifferences() throws {
        let day = Self.time("2023-09-04")
        let histories = ["web-01", "web-02", "web-03"].map { name in
            VMHistory(
                vm: name, group: "web",
                scans: [
                    VMHistory.Scan(
                        scannedAt: day, kbs: name == "web-03" ? [KB(5_028_168)] : [KB(5_029_247), KB(5_028_316)])
                ], findings: [])
        }
        let drift = Drift(histories: histories, since: nil, until: try #require(CalendarDate(parsing: "2023-09-04")))
        #expect(drift.peers.count == 1)
        #expect(drift.peers.first?.vm == "web-03")
        #expect(drift.peers.first?.lacks == ["KB5028316", "KB5029247"])
        #expect(drift.peers.first?.extra == ["KB5028168"])
    }
}
