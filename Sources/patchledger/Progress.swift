import Foundation

/// A live progress line on stderr, only when stderr is a terminal and `--quiet` is not given.
final class Progress {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private let started = Date()
    private var drew = false

    init(quiet: Bool) {
        enabled = !quiet && isatty(FileHandle.standardError.fileDescriptor) == 1
    }

    /// Redraws at most ten times a second.
    func update(file: String, bytes: Int, records: Int? = nil) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let megabytes = Double(bytes) / 1_048_576
        let rate = megabytes / max(now.timeIntervalSince(started), 0.001)
        var line = String(format: "%@: %.1f MB, %.1f MB/s", (file as NSString).lastPathComponent, megabytes, rate)
        if let records { line += ", \(records) updates" }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drew = true
    }

    /// For runs of many small files: how many are done, and what they held.
    func update(files done: Int, of total: Int, snapshots: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let rate = Double(done) / max(now.timeIntervalSince(started), 0.001)
        let line = String(format: "%d/%d files, %d snapshots, %.0f files/s", done, total, snapshots, rate)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drew = true
    }

    /// For one big file read a batch at a time.
    func update(file: String, snapshots: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let rate = Double(snapshots) / max(now.timeIntervalSince(started), 0.001)
        let line = String(
            format: "%@: %d snapshots, %.0f snapshots/s", (file as NSString).lastPathComponent, snapshots, rate)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drew = true
    }

    func finish() {
        guard drew else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drew = false
    }
}
