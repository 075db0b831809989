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
