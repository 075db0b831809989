import Testing

@testable import PatchLedgerCore

@Suite struct FindingTests {
    static func time(_ text: String) -> Timestamp { Timestamp(parsing: text) ?? Timestamp(secondsSinceEpoch: 0) }

    static func snapshot(_ day: String, missing: [String], cves: [String] = []) -> SnapshotFindings {
        SnapshotFindings(
            scannedAt: time(day), missingUpdates: Dictionary(uniqueKeysWithValues: missing.map { ($0, "Critical") }),
            openCVEs: Dictionary(uniqueKeysWithValues: cves.map { ($0, "Important") }))
    }

    @Test func missingThenInstalledThenUninstalledIsFirstSeenFixedAndARegression() {
        let episodes = Finding.episodes(
            vm: "web-01",
            history: [
                Self.snapshot("2023-07-20", missing: ["KB5028168"]), Self.snapshot("2023-07-25", missing: []),
                Self.snapshot("2023-07-30", missing: ["KB5028168"]),
            ])
        #expect(episodes.count == 2)
        #expect(episodes[0].firstSeen == Self.time("2023-07-20"))
        #expect(episodes[0].fixedAt == Self.time("2023-07-25"))
        #expect(episodes[0].daysToFix == 5)
        #expect(!episodes[0].isRegression)
        #expect(episodes[1].episode == 2)
        #expect(episodes[1].isRegression)
        #expect(episodes[1].firstSeen == Self.time("2023-07-30"))
        #expect(episodes[1].fixedAt == nil)
    }

    @Test func aScanSeenTwiceAddsNoRow() {
        let once = Finding.episodes(vm: "a", history: [Self.snapshot("2023-07-20", missing: ["KB1"], cves: ["CVE-1"])])
        let twice = Finding.episodes(
            vm: "a",
            history: [
                Self.snapshot("2023-07-20", missing: ["KB1"], cves: ["CVE-1"]),
                Self.snapshot("2023-07-20", missing: ["KB1"], cves: ["CVE-1"]),
            ])
        #expect(once == twice)
        #expect(once.map(\.kind) == [.cve, .update])
    }

    @Test func medianAndMeanTimeToFixOnAHandComputedFleet() throws {
        // Fixed after 2, 4, 10 days (Critical) and 7 days (Important): critical mean 16/3, median 4; all median 5.5.
        func fixed(_ vm: String, _ kb: String, _ severity: String, _ from: String, _ to: String) -> Finding {
            Finding(
                vm: vm, kind: .update, key: kb, severity: severity, episode: 1, firstSeen: Self.time(from),
                lastSeen: Self.time(from), fixedAt: Self.time(to))
        }
        let histories = [
            VMHistory(
                vm: "a", group: nil, snapshots: [(Self.time("2023-08-01"), [])],
                findings: [fixed("a", "KB1", "Critical", "2023-08-01", "2023-08-03")]),
            VMHistory(
                vm: "b", group: nil, snapshots: [(Self.time("2023-08-01"), [])],
                findings: [
                    fixed("b", "KB1", "Critical", "2023-08-01", "2023-08-05"),
                    fixed("b", "KB2", "Important", "2023-08-01", "2023-08-08"),
                ]),
            VMHistory(
                vm: "c", group: nil, snapshots: [(Self.time("2023-08-01"), [])],
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

    @Test func theOddOneOutInAGroupIsListedWithItsDifferences() throws {
        let day = Self.time("2023-09-04")
        let histories = ["web-01", "web-02", "web-03"].map { name in
            VMHistory(
                vm: name, group: "web",
                snapshots: [(day, name == "web-03" ? [KB(5_028_168)] : [KB(5_029_247), KB(5_028_316)])], findings: [])
        }
        let drift = Drift(histories: histories, since: nil, until: try #require(CalendarDate(parsing: "2023-09-04")))
        #expect(drift.peers.count == 1)
        #expect(drift.peers.first?.vm == "web-03")
        #expect(drift.peers.first?.lacks == ["KB5028316", "KB5029247"])
        #expect(drift.peers.first?.extra == ["KB5028168"])
    }
}
