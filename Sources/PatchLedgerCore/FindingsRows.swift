/// Where a findings replay writes (the ledger's `evaluations` and `findings` rows).
public protocol FindingsRows {
    /// A snapshot evaluated: when its VM stopped being compliant, and its open CVE counts.
    func evaluation(
        snapshot: Int64, vm: Int64, scannedAt: String, notCompliantFrom: CalendarDate?, lacks: SnapshotLacks)
        throws
    /// A resumed VM's finding opened, in place.
    func open(vm: Int64, key: Int64, severity: UInt8, at scannedAt: String) throws
    /// A resumed VM's open finding fixed, in place.
    func fix(vm: Int64, key: Int64, lastSeen: String, at scannedAt: String) throws
    /// A replayed VM's episode, whole.
    func episode(vm: Int64, _ episode: EpisodeTracker.Episode) throws
}
