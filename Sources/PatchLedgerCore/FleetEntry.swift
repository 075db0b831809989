/// What a fleet manifest says about one VM: where it belongs and what it was deployed from.
public struct FleetEntry: Hashable, Sendable {
    /// The VM's name; inventories join it by host name, case-insensitively.
    public var vm: String
    /// The OS computer name when the cloud knows it and it differs from the resource name.
    public var computerName: String?
    public var group: String?
    /// The image reference: a Marketplace URN `Publisher:Offer:Sku:Version`, or a gallery image id.
    public var image: String?
    public var deployedAt: Timestamp?
    /// The OS build the VM was deployed at, when the manifest states it.
    public var build: OSVersion?
    public var osType: String?
    /// Every other column or cloud tag, kept as given.
    public var tags: [String: String]

    public init(
        vm: String, computerName: String? = nil, group: String? = nil, image: String? = nil,
        deployedAt: Timestamp? = nil, build: OSVersion? = nil, osType: String? = nil, tags: [String: String] = [:]
    ) {
        self.vm = vm
        self.computerName = computerName
        self.group = group
        self.image = image
        self.deployedAt = deployedAt
        self.build = build
        self.osType = osType
        self.tags = tags
    }
}
