import Foundation
import PatchLedgerKit

/// A live progress line on stderr, only when stderr is a terminal and `--quiet` is not given.
final class Progress: ProgressSink {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private let started = Date()
    private var drew = false
    /// Bytes of the whole run, and of the files done: the rate and ETA are the run's, not the current file's
    /// (which decayed to "0.0 MB/s" over a run of many files).
    private var totalBytes = 0
    private var doneBytes = 0
    private var totalFiles = 0
    private var doneFiles = 0
    /// The download under way, and when its first block came.
    private var download: (name: String, started: Date)?

    init(quiet: Bool) {
        enabled = !quiet && isatty(FileHandle.standardError.fileDescriptor) == 1
    }

    /// Announces a run of `files` files, `bytes` in all.
    func expect(files: Int, bytes: Int) {
        totalFiles = files
        totalBytes = bytes
    }

    /// One file of the run is done.
    func advance(bytes: Int) {
        doneFiles += 1
        doneBytes += bytes
    }

    /// For a run of catalog files (`expect` first): which file, how much of the run, its rate and ETA.
    func update(file: String, bytes: Int, records: Int?) {
        redraw { seconds in
            let megabytes = Double(doneBytes + bytes) / 1_048_576
            let total = Double(totalBytes) / 1_048_576
            let rate = megabytes / seconds
            var line = String(
                format: "%@ (%d/%d): %.1f of %.1f MB (%.0f%%), %.1f MB/s, ETA %.0f s",
                (file as NSString).lastPathComponent, doneFiles + 1, totalFiles, megabytes, total,
                min(100, megabytes * 100 / max(total, 0.001)), rate, rate > 0 ? max(0, total - megabytes) / rate : 0)
            if let records { line += ", \(records) updates" }
            return line
        }
    }

    /// A download: what arrived, of how much, the rate, and the time left when the size is known.
    func downloading(_ name: String, bytes: Int, of expected: Int?) {
        // The rate is this download's, from its first block.
        if download?.name != name { download = (name, Date()) }
        let elapsed = -(download?.started.timeIntervalSinceNow ?? 0)
        redraw { _ in
            let megabytes = Double(bytes) / 1_048_576
            let rate = megabytes / max(elapsed, 0.001)
            guard let expected, expected > 0 else {
                return String(format: "%@: %.1f MB, %.1f MB/s", name, megabytes, rate)
            }
            let total = Double(expected) / 1_048_576
            return String(
                format: "%@: %.1f of %.1f MB (%.0f%%), %.1f MB/s, ETA %.0f s", name, megabytes, total,
                min(100, megabytes * 100 / total), rate, rate > 0 ? max(0, total - megabytes) / rate : 0)
        }
    }

    /// For runs of many small files: how many are done, and what they held.
    func update(files done: Int, of total: Int, snapshots: Int) {
        redraw { seconds in
            let rate = Double(done) / seconds
            return String(
                format: "%d/%d files (%.0f%%), %d snapshots, %.0f files/s, ETA %.0f s", done, total,
                Double(done) * 100 / Double(max(total, 1)), snapshots, rate,
                rate > 0 ? Double(total - done) / rate : 0)
        }
    }

    /// For one big file read a batch at a time.
    func update(file: String, snapshots: Int) {
        redraw { seconds in
            String(
                format: "%@: %d snapshots, %.0f snapshots/s", (file as NSString).lastPathComponent, snapshots,
                Double(snapshots) / seconds)
        }
    }

    /// For commands that run in phases (`scan`, `report`): what is being done, and the time so far.
    func step(_ what: String) {
        redraw(always: true) { seconds in String(format: "%@ (%.1f s)", what, seconds) }
    }

    /// Draws the line `make` gives (from the seconds since the start), at most ten times a second unless
    /// `always`.
    private func redraw(always: Bool = false, _ make: (Double) -> String) {
        guard enabled else { return }
        let now = Date()
        guard always || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let line = make(max(now.timeIntervalSince(started), 0.001))
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drew = true
    }

    func finish() {
        guard drew else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drew = false
    }
}
