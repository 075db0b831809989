extension SnapshotLacks {
    /// What changed from `before` to `after`, by merging their sorted keys: keys only in `after` opened (with
    /// their severity), keys only in `before` fixed.
    public static func changes(
        from before: SnapshotLacks, to after: SnapshotLacks, opened: (Int64, UInt8) throws -> Void,
        fixed: (Int64) throws -> Void
    ) rethrows {
        guard before !== after else { return }
        var (i, j) = (0, 0)
        while i < before.keys.count || j < after.keys.count {
            let old = i < before.keys.count ? before.keys[i] : Int64.max
            let new = j < after.keys.count ? after.keys[j] : Int64.max
            if old == new {
                i += 1
                j += 1
            } else if new < old {
                try opened(new, after.severities[j])
                j += 1
            } else {
                try fixed(old)
                i += 1
            }
        }
    }
}

/// One VM's findings replayed in memory, scan by scan: an episode runs from the first scan that lacks a key
/// to the first later scan that does not; a key that comes back opens episode 2 and up (a regression).
///
/// Scan times are the ledger's text (ISO 8601 UTC), written back as they are read. Not generic: a generic
/// type used from another module runs unspecialised, and a fleet's replay opens millions of episodes.
public struct EpisodeTracker {
    public typealias Time = String

    public struct Episode {
        public var key: Int64
        public var episode: Int
        public var severity: UInt8
        public var firstSeen: Time
        /// The last scan that lacked it; `nil` while open (then it is the VM's latest scan).
        public var lastSeen: Time?
        public var fixedAt: Time?
    }

    private var open: [Int64: Episode] = [:]
    private var episodes: [Int64: Int] = [:]
    private var previous: (lacks: SnapshotLacks, time: Time)?

    public init() {}

    /// Takes the next scan, in scan order; `fixed` receives each episode it closes.
    public mutating func advance(to lacks: SnapshotLacks, at time: Time, fixed: (Episode) throws -> Void) rethrows {
        let before = previous ?? (SnapshotLacks.none, time)
        previous = (lacks, time)
        try SnapshotLacks.changes(
            from: before.lacks, to: lacks,
            opened: { key, severity in
                let episode = (episodes[key] ?? 0) + 1
                episodes[key] = episode
                open[key] = Episode(key: key, episode: episode, severity: severity, firstSeen: time)
            },
            fixed: { key in
                guard var episode = open.removeValue(forKey: key) else { return }
                episode.lastSeen = before.time
                episode.fixedAt = time
                try fixed(episode)
            })
    }

    /// The episodes still open after the last scan, and a fresh start for the next VM.
    public mutating func finish() -> [Episode] {
        defer {
            open.removeAll(keepingCapacity: true)
            episodes.removeAll(keepingCapacity: true)
            previous = nil
        }
        return Array(open.values)
    }
}
