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
        /// VMs scanned by then (each judged by its latest scan on or before the day).
        public var scanned: Int
        /// Of those, the VMs `scan --as-of` that day counts compliant: the latest scan lacks no update to
        /// install as of the day's catalog (a VM whose product the catalog does not know is not compliant).
        public var compliant: Int
        /// `compliant` as a share of `scanned`; absent before the first scan.
        public var compliantPct: Double?
        /// Open VM × CVE exposures (one CVE open on three VMs counts three), by the CVE's severity: each VM's
        /// latest evaluated scan on or before the day, as `scan` counts a VM's `openCves`.
        public var openCriticalExposures: Int
        public var openImportantExposures: Int
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

/// One VM's history as drift reads it: its scans and its findings.
public struct VMHistory: Sendable {
    public struct Scan: Sendable {
        public var scannedAt: Timestamp
        /// Installed KBs: read only for the scans drift compares (`Drift.compared`), else empty.
        public var kbs: Set<KB>
        /// Evaluated for the findings: the catalog knows the VM's product.
        public var evaluated: Bool
        /// The first day, on or after the scan, as of which it lacks an update to install; `nil`: none lacked as
        /// of the newest catalog.
        public var notCompliantFrom: CalendarDate?
        /// Its open Critical and Important CVEs (when evaluated).
        public var openCritical: Int
        public var openImportant: Int

        public init(
            scannedAt: Timestamp, kbs: Set<KB> = [], evaluated: Bool = true, notCompliantFrom: CalendarDate? = nil,
            openCritical: Int = 0, openImportant: Int = 0
        ) {
            self.scannedAt = scannedAt
            self.kbs = kbs
            self.evaluated = evaluated
            self.notCompliantFrom = notCompliantFrom
            self.openCritical = openCritical
            self.openImportant = openImportant
        }

        /// `scan`'s verdict on this scan as of the end of `day`.
        func isCompliant(on day: CalendarDate) -> Bool {
            evaluated && (notCompliantFrom.map { $0 > day } ?? true)
        }
    }

    public var vm: String
    public var group: String?
    public var image: String?
    /// Oldest first.
    public var scans: [Scan]
    public var findings: [Finding]

    public init(vm: String, group: String?, image: String? = nil, scans: [Scan], findings: [Finding]) {
        self.vm = vm
        self.group = group
        self.image = image
        self.scans = scans
        self.findings = findings
    }

    /// Update findings open at the instant `time`.
    func missing(at time: Timestamp) -> Set<String> {
        Set(findings.lazy.filter { $0.firstSeen <= time && time <= $0.lastSeen }.map(\.kb))
    }
}
