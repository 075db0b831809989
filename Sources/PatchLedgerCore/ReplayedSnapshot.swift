/// One snapshot of a VM as a findings replay takes it: product and build completed from the manifest as `scan`
/// does; its installed KBs are read only when asked (a snapshot of an unknown product needs none).
public struct ReplayedSnapshot {
    public var id: Int64
    public var vmID: Int64
    /// As stored, and written back into findings and evaluations as is.
    public var scannedAt: String
    public var day: CalendarDate
    /// The VM's latest evaluated snapshot, which a resumed VM continues from (evaluated and written before).
    public var isResumePoint: Bool
    public var product: String?
    public var version: OSVersion?
    public var hotpatch: Bool

    public init(
        id: Int64, vmID: Int64, scannedAt: String, day: CalendarDate, isResumePoint: Bool, product: String?,
        version: OSVersion?, hotpatch: Bool
    ) {
        self.id = id
        self.vmID = vmID
        self.scannedAt = scannedAt
        self.day = day
        self.isResumePoint = isResumePoint
        self.product = product
        self.version = version
        self.hotpatch = hotpatch
    }
}
