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

    public init(
        vm: String, scannedAt: Timestamp, osName: String? = nil, version: OSVersion? = nil,
        architecture: Architecture? = nil
    ) {
        self.vm = vm
        self.scannedAt = scannedAt
        self.osName = osName
        self.version = version
        self.architecture = architecture
    }
}

extension InventorySnapshot {
    /// This snapshot with every gap filled from `defaults`: what the file states wins, except that a
    /// `--build` UBR completes a file's build of the same line (systeminfo never prints the UBR).
    ///
    /// - Returns: the completed snapshot, and a note when `--build` contradicts the file's build line.
    public func completed(with defaults: SnapshotDefaults) -> (snapshot: InventorySnapshot, note: String?) {
        var result = self
        result.vm = vm ?? defaults.vm
        result.scannedAt = scannedAt ?? defaults.scannedAt
        result.osName = osName ?? defaults.osName
        result.architecture = architecture ?? defaults.architecture
        var note: String?
        if let version {
            result.version = version.filling(ubrFrom: defaults.version)
            if let given = defaults.version, given.line != version.line {
                note = "--build \(given) is not on the file's build line \(version.line); the file's is kept"
            }
        } else {
            result.version = defaults.version
        }
        return (result, note)
    }

    /// Identifies the scan: SHA-256 of what it records (host, time, OS, build, KBs with dates), so the
    /// same capture imported twice is one snapshot and a later scan of the same VM is a new one.
    public var fingerprint: String {
        var text = [
            vm?.lowercased() ?? "", scannedAt?.description ?? "", osName ?? "", version?.description ?? "",
            architecture?.rawValue ?? "",
        ].joined(separator: "\n")
        for entry in kbs.sorted(by: { $0.kb < $1.kb }) {
            text += "\n\(entry.kb) \(entry.installedOn?.description ?? "")"
        }
        return SHA256.hex(Array(text.utf8))
    }
}
