/// One episode of a VM lacking an update (by its own KB, before folding), from the first scan that showed it
/// missing to the first later scan that did not.
public struct Finding: Hashable, Sendable, Codable {
    public var vm: String
    public var kb: String
    public var severity: String?
    /// 1 for the first episode; 2 and up are regressions (fixed, then missing again).
    public var episode: Int
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    /// The first scan where it was no longer missing; `nil` while open.
    public var fixedAt: Timestamp?

    public init(
        vm: String, kb: String, severity: String?, episode: Int, firstSeen: Timestamp, lastSeen: Timestamp,
        fixedAt: Timestamp? = nil
    ) {
        self.vm = vm
        self.kb = kb
        self.severity = severity
        self.episode = episode
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.fixedAt = fixedAt
    }

    public var isRegression: Bool { episode > 1 }

    /// Seen missing by `time` and not fixed by then.
    public func isOpen(at time: Timestamp) -> Bool {
        firstSeen <= time && (fixedAt.map { $0 > time } ?? true)
    }

    /// Days from first seen to fixed, when fixed.
    public var daysToFix: Int? {
        fixedAt.map { Int(($0.secondsSinceEpoch - firstSeen.secondsSinceEpoch) / 86_400) }
    }
}

extension Finding: Comparable {
    public static func < (a: Finding, b: Finding) -> Bool {
        (a.vm, a.kb, a.episode) < (b.vm, b.kb, b.episode)
    }
}
