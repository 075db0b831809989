/// One episode of a VM lacking something: an update (`kind` update, `key` a KB) or an open CVE exposure
/// (`kind` cve, `key` the CVE id), from the first scan that showed it to the first later scan that did not.
public struct Finding: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case update
        case cve
    }

    public var vm: String
    public var kind: Kind
    public var key: String
    public var severity: String?
    /// 1 for the first episode; 2 and up are regressions (fixed, then missing again).
    public var episode: Int
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    /// The first scan where it was no longer missing; `nil` while open.
    public var fixedAt: Timestamp?

    public init(
        vm: String, kind: Kind, key: String, severity: String?, episode: Int, firstSeen: Timestamp, lastSeen: Timestamp,
        fixedAt: Timestamp? = nil
    ) {
        self.vm = vm
        self.kind = kind
        self.key = key
        self.severity = severity
        self.episode = episode
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.fixedAt = fixedAt
    }

    public var isRegression: Bool { episode > 1 }

    /// Days from first seen to fixed, when fixed.
    public var daysToFix: Int? {
        fixedAt.map { Int(($0.secondsSinceEpoch - firstSeen.secondsSinceEpoch) / 86_400) }
    }
}

extension Finding: Comparable {
    public static func < (a: Finding, b: Finding) -> Bool {
        (a.vm, a.kind.rawValue, a.key, a.episode) < (b.vm, b.kind.rawValue, b.key, b.episode)
    }
}

/// What one evaluated snapshot shows missing: the input of the findings ledger.
public struct SnapshotFindings: Sendable {
    public var scannedAt: Timestamp
    /// Unsatisfied applicable updates (before folding: each KB keeps its own history) with their severity.
    public var missingUpdates: [String: String?]
    /// Open CVE exposures with their severity.
    public var openCVEs: [String: String?]

    public init(scannedAt: Timestamp, missingUpdates: [String: String?], openCVEs: [String: String?]) {
        self.scannedAt = scannedAt
        self.missingUpdates = missingUpdates
        self.openCVEs = openCVEs
    }
}

extension Finding {
    /// Replays a VM's evaluated snapshots, oldest first, into episodes: one row per fact however often the
    /// same scan is seen, a new episode when a fixed finding comes back.
    public static func episodes(vm: String, history: [SnapshotFindings]) -> [Finding] {
        var closed: [Finding] = []
        var open: [String: Finding] = [:]
        var episodes: [String: Int] = [:]
        for snapshot in history.sorted(by: { $0.scannedAt < $1.scannedAt }) {
            for (kind, current) in [(Kind.update, snapshot.missingUpdates), (Kind.cve, snapshot.openCVEs)] {
                for (key, severity) in current {
                    let id = "\(kind.rawValue) \(key)"
                    if var finding = open[id] {
                        finding.lastSeen = snapshot.scannedAt
                        open[id] = finding
                    } else {
                        episodes[id, default: 0] += 1
                        open[id] = Finding(
                            vm: vm, kind: kind, key: key, severity: severity, episode: episodes[id] ?? 1,
                            firstSeen: snapshot.scannedAt, lastSeen: snapshot.scannedAt)
                    }
                }
                for (id, finding) in open where id.hasPrefix(kind.rawValue + " ") && current[finding.key] == nil {
                    var fixed = finding
                    fixed.fixedAt = snapshot.scannedAt
                    closed.append(fixed)
                    open[id] = nil
                }
            }
        }
        // Every finding here is the VM's: the order `<` gives, without comparing the VM name each time.
        return (closed + open.values).sorted {
            ($0.kind == .update ? 1 : 0, $0.key, $0.episode) < ($1.kind == .update ? 1 : 0, $1.key, $1.episode)
        }
    }
}
