/// One VM as a scan evaluates it: manifest facts and its latest snapshot as of the scan date.
public struct ScanTarget: Sendable {
    public var vm: String
    public var group: String?
    public var image: String?
    /// The catalog product, from the scan or completed from the manifest (`WindowsProduct.resolve`).
    public var product: String?
    public var version: OSVersion?
    /// `nil` when the VM has no scan on or before the scan date.
    public var scannedAt: String?
    public var installed: [KB]
    public var hotpatch: Bool
    /// The build the scan itself states (no UBR borrowed from the manifest).
    public var scannedVersion: OSVersion?
    public var deployedAt: CalendarDate?
    /// The manifest's other columns and cloud tags (`image_build`, `image_date`, `hotpatch`…).
    public var tags: [String: String] = [:]

    public init(
        vm: String, group: String? = nil, image: String? = nil, product: String?, version: OSVersion?,
        scannedAt: String?, installed: [KB], hotpatch: Bool = false
    ) {
        self.vm = vm
        self.group = group
        self.image = image
        self.product = product
        self.version = version
        self.scannedAt = scannedAt
        self.installed = installed
        self.hotpatch = hotpatch
    }

    /// Whether a manifest tag enrols the VM in hotpatching (`hotpatch` = true, yes, 1 or enabled).
    public static func hotpatchEnrolled(tags: [String: String]) -> Bool {
        guard let value = tags.first(where: { $0.key.lowercased() == "hotpatch" })?.value.lowercased() else {
            return false
        }
        return ["true", "yes", "1", "enabled", "on"].contains(value)
    }
}
