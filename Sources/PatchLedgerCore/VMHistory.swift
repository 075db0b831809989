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
