/// What changed over time (README, "Drift"): per VM between two snapshots, per fleet over a window, and
/// VMs that differ from their peers.
public struct Drift: Sendable, Codable {
    public struct VMDrift: Sendable, Codable {
        public var vm: String
        public var from: String?
        public var to: String
        public var installed: [String]
        public var removed: [String]
        public var newlyMissing: [String]
        public var fixed: [String]
        /// Updates missing again after a fix, first seen again in `(from, to]`.
        public var regressions: [String]
    }

    public struct Day: Sendable, Codable {
        public var date: String
        /// Compliant share of the VMs scanned by then; absent before the first scan.
        public var compliantPct: Double?
        public var openCritical: Int
        public var openImportant: Int
    }

    public struct TimeToFix: Sendable, Codable {
        public var fixed: Int
        public var meanDays: Double?
        public var medianDays: Double?
    }

    public struct OpenFinding: Sendable, Codable {
        public var vm: String
        public var kb: String
        public var severity: String?
        public var firstSeen: String
        public var days: Int
    }

    public struct Fleet: Sendable, Codable {
        public var days: [Day]
        /// By severity (`critical`…`low`, `unrated`) and `all`: updates fixed within the window.
        public var timeToFix: [String: TimeToFix]
        public var longestOpen: [OpenFinding]
    }

    public struct PeerDrift: Sendable, Codable {
        /// The group name, or `image <reference>` for VMs deployed from one image.
        public var group: String
        public var vm: String
        /// KBs most of the group has and this VM lacks.
        public var lacks: [String]
        /// KBs this VM has and most of the group lacks.
        public var extra: [String]
    }

    public var since: String
    public var until: String
    public var vms: [VMDrift]
    public var fleet: Fleet
    public var peers: [PeerDrift]
}

/// One VM's history as drift reads it: its snapshots and its findings.
public struct VMHistory: Sendable {
    public var vm: String
    public var group: String?
    public var image: String?
    public var snapshots: [(scannedAt: Timestamp, kbs: Set<KB>)]
    public var findings: [Finding]

    public init(
        vm: String, group: String?, image: String? = nil, snapshots: [(scannedAt: Timestamp, kbs: Set<KB>)],
        findings: [Finding]
    ) {
        self.vm = vm
        self.group = group
        self.image = image
        self.snapshots = snapshots.sorted { $0.scannedAt < $1.scannedAt }
        self.findings = findings
    }

    /// Update findings open at the instant `time`.
    func missing(at time: Timestamp) -> Set<String> {
        Set(findings.lazy.filter { $0.kind == .update && $0.firstSeen <= time && time <= $0.lastSeen }.map(\.key))
    }
}
