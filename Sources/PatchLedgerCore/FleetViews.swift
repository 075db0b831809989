/// One VM as `patchledger vms` lists it: manifest facts and its latest scan.
public struct VMSummary: Hashable, Sendable, Codable {
    public var vm: String
    public var group: String?
    public var image: String?
    public var deployedAt: String?
    /// The catalog product of the latest scan, else as the manifest's build and image tell it.
    public var product: String?
    /// The latest scan's build (else the manifest's), its UBR completed from the manifest's build of the
    /// same line if the scan had none.
    public var build: String?
    public var architecture: String?
    public var scannedAt: String?
    public var snapshots: Int
    /// The KBs of the latest scan, sorted.
    public var kbs: [String]

    public init(
        vm: String, group: String?, image: String?, deployedAt: String?, product: String?, build: String?,
        architecture: String?, scannedAt: String?, snapshots: Int, kbs: [String]
    ) {
        self.vm = vm
        self.group = group
        self.image = image
        self.deployedAt = deployedAt
        self.product = product
        self.build = build
        self.architecture = architecture
        self.scannedAt = scannedAt
        self.snapshots = snapshots
        self.kbs = kbs
    }
}
