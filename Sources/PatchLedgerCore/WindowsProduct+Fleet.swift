extension WindowsProduct {
    /// The product and build a VM runs: its scan's, completed by the fleet manifest where the scan is
    /// silent (a wmic qfe list names no OS; systeminfo prints no UBR).
    ///
    /// The manifest's build is the one the VM was deployed at, so a UBR taken from it is a lower bound;
    /// the image reference tells a server from a client where the build alone cannot (14393, 17763).
    public static func resolve(
        scannedProduct: String?, scannedVersion: OSVersion?, architecture: Architecture?, manifestBuild: OSVersion?,
        image: String?
    ) -> (product: String?, version: OSVersion?) {
        let version = scannedVersion.map { $0.filling(ubrFrom: manifestBuild) } ?? manifestBuild
        if let scannedProduct { return (scannedProduct, version) }
        return (catalogName(osName: osNameHint(image: image), version: version, architecture: architecture), version)
    }

    /// "Windows Server" for Marketplace images of the WindowsServer offers (and gallery images named so),
    /// "Windows" for the client offers, else `nil`.
    public static func osNameHint(image: String?) -> String? {
        guard let image = image?.lowercased() else { return nil }
        if image.contains("windowsserver") || image.contains("windows-server") || image.contains("win20") {
            return "Windows Server"
        }
        if image.contains("windows-10") || image.contains("windows-11") || image.contains("windows10")
            || image.contains("windows11")
        {
            return "Windows"
        }
        return nil
    }
}
