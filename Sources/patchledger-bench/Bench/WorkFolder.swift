import Foundation

/// A benchmark's working folder: the one `--keep` names (left in place, for profiling), else a temporary
/// one that `remove()` deletes.
struct WorkFolder {
    let url: URL
    private let kept: Bool

    init(keep path: String? = nil) throws {
        url =
            path.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("patchledger-bench-\(getpid())")
        kept = path != nil
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        if !kept { try? FileManager.default.removeItem(at: url) }
    }

    /// Deletes a ledger and its WAL files, so the next run starts from an empty one.
    static func removeLedger(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Copies a closed ledger (and its WAL, if one was left), replacing whatever was at `copy`: two runs then
    /// start from the same state.
    static func copyLedger(at path: String, to copy: String) throws {
        removeLedger(at: copy)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
        }
    }
}
