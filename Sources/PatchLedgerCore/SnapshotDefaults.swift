/// What the command line and the file's context say about a scan, used where the file itself is silent.
public struct SnapshotDefaults: Sendable {
    /// `--vm`, else the file name without its extension.
    public var vm: String
    /// `--scanned-at`, else the file's modification time.
    public var scannedAt: Timestamp
    /// `--os`: an OS name such as "Windows Server 2019 Datacenter" or "Windows 10 Pro".
    public var osName: String?
    /// `--build`: `17763`, `14393.2068` or `10.0.17763.4645`.
    public var version: OSVersion?
    /// `--arch`.
    public var architecture: Architecture?
    /// `vm` is the file's name and `scannedAt` its modification time, not what the user said: taking them is
    /// warned about (`CompletionNote`).
    public var vmIsFileName: Bool
    public var scannedAtIsFileTime: Bool

    public init(
        vm: String, scannedAt: Timestamp, osName: String? = nil, version: OSVersion? = nil,
        architecture: Architecture? = nil, vmIsFileName: Bool = false, scannedAtIsFileTime: Bool = false
    ) {
        self.vm = vm
        self.scannedAt = scannedAt
        self.osName = osName
        self.version = version
        self.architecture = architecture
        self.vmIsFileName = vmIsFileName
        self.scannedAtIsFileTime = scannedAtIsFileTime
    }
}
