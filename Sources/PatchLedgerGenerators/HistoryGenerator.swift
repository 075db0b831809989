import Foundation
import PatchLedgerCore

/// Writes a fleet's daily scans as PatchLedger inventory JSON, with the same rows as CSV for `sqlite3 .import`:
/// the history benchmark's input and its baseline.
///
/// Every VM runs one product. It starts at a cumulative update released before the first day, with a few
/// other updates of the product (90 % of VMs), 150–250 of them (long-lived servers, 9 %), or nothing installed
/// (1 %, fresh from an old image). Each day it may install the newest cumulative update out by then (one in
/// seven), and now and then it loses it again (one in two hundred: an uninstall, a restored image).
public struct HistoryGenerator {
    public var vms: Int
    public var days: Int
    public var start: CalendarDate
    /// The product's updates, in KB order.
    public var updates: [CatalogUpdate]
    public var os: String
    public var build: String

    public init(vms: Int, days: Int, start: CalendarDate, updates: [CatalogUpdate], os: String, build: String) {
        self.vms = vms
        self.days = days
        self.start = start
        self.updates = updates
        self.os = os
        self.build = build
    }

    /// The files the generator wrote: the history, the next day's scans, and the baseline's CSV.
    public struct Output {
        public var history: URL
        public var nextDay: URL
        public var snapshotsCSV: URL
        public var kbsCSV: URL
        public var snapshots = 0
        public var kbRows = 0
    }

    public func write(to folder: URL) throws -> Output {
        var output = Output(
            history: folder.appendingPathComponent("history.json"),
            nextDay: folder.appendingPathComponent("next-day.json"),
            snapshotsCSV: folder.appendingPathComponent("snapshots.csv"),
            kbsCSV: folder.appendingPathComponent("snapshot_kbs.csv"))
        let cumulative = updates.filter { $0.kind == .cumulative && $0.released != nil }
            .sorted { ($0.released ?? start) < ($1.released ?? start) }
        let others = updates.filter { $0.kind != .cumulative }
        let before = cumulative.filter { ($0.released ?? start) < start }
        guard !before.isEmpty else { throw GeneratorError("no cumulative update before \(start)") }
        var random = SplitMix64(seed: 0x4157)
        var states: [(base: [String], level: Int?)] = (0..<vms).map { _ in
            let draw = random.next() % 100
            if draw == 0 { return ([], nil) }
            let count = draw < 10 ? 150 + Int(random.next() % 101) : 3 + Int(random.next() % 10)
            let level = max(0, before.count - 1 - Int(random.next() % UInt64(min(12, before.count))))
            let base = FleetGenerator.sample(others, count: count, random: &random).map(\.kb.description)
            return (base + FleetGenerator.unknownKBs(&random), cumulative.firstIndex { $0.kb == before[level].kb })
        }
        let writers = try [output.history, output.nextDay, output.snapshotsCSV, output.kbsCSV].map { url in
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            return try FileHandle(forWritingTo: url)
        }
        defer { writers.forEach { try? $0.close() } }
        var texts = ["[\n", "[\n", "", ""]
        func flush(_ index: Int, over threshold: Int = 1 << 20) {
            guard texts[index].utf8.count > threshold else { return }
            writers[index].write(Data(texts[index].utf8))
            texts[index] = ""
        }
        for day in 0...days {
            let date = CalendarDate(daysSinceEpoch: start.daysSinceEpoch + day)
            let newest = cumulative.lastIndex { ($0.released ?? date) <= date }
            let file = day < days ? 0 : 1
            for vm in 0..<vms {
                var state = states[vm]
                if let level = state.level, let newest, level < newest, random.next() % 7 == 0 {
                    state.level = newest
                } else if let level = state.level, level > 0, random.next() % 200 == 0 {
                    state.level = level - 1
                }
                states[vm] = state
                let kbs = state.base + (state.level.map { [cumulative[$0].kb.description] } ?? [])
                let time = "\(date)T06:00:00Z"
                let separator = (day == 0 && vm == 0) || (day == days && vm == 0) ? "" : ",\n"
                texts[file] += "\(separator)  {\"vm\": \"vm-\(vm)\", \"scannedAt\": \"\(time)\", \"os\": \"\(os)\", "
                texts[file] += "\"build\": \"\(build)\", \"architecture\": \"x64\", "
                texts[file] += "\"kbs\": [\(kbs.map { "\"\($0)\"" }.joined(separator: ", "))]}"
                flush(file)
                if file == 0 {
                    output.snapshots += 1
                    texts[2] += "\(output.snapshots),vm-\(vm),\(time),\(kbs.count)\n"
                    for kb in kbs { texts[3] += "\(output.snapshots),\(kb.dropFirst(2)),,\n" }
                    output.kbRows += kbs.count
                    flush(2)
                    flush(3)
                }
            }
        }
        texts[0] += "\n]\n"
        texts[1] += "\n]\n"
        for index in texts.indices { flush(index, over: 0) }
        return output
    }
}
