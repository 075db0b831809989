/// What one scan of one machine says: who, when, which OS, and which KBs are installed.
///
/// Fields are optional because formats differ (wmic qfe knows no OS, systeminfo no scan time); the
/// import fills the gaps from the command line, the fleet manifest and the file itself.
public struct InventorySnapshot: Hashable, Sendable {
    /// The host name the file states; once completed (`completed(with:)`), the VM's name.
    public var vm: String?
    /// The host name the file states, kept when `--vm` names the VM otherwise (`MachineIdentity`).
    public var host: String?
    public var scannedAt: Timestamp?
    public var osName: String?
    public var version: OSVersion?
    public var architecture: Architecture?
    /// When the OS was installed, as the capture writes it (systeminfo's "Original Install Date", in its
    /// language): compared, never parsed, to tell two machines of one host name apart (`MachineIdentity`).
    public var installedAt: String?
    /// Each KB once, in the order the file lists them.
    public private(set) var kbs: [InstalledKB] = []
    private var positions: [KB: Int] = [:]
    /// The count the file declares ("5 Hotfix(s) Installed."), to check against what was read.
    public var declaredCount: Int?
    /// Entries of the list that are not KBs (`File 1`, `Q147222`): they count toward `declaredCount`.
    public var otherEntries = 0
    /// The last entry of a list systeminfo truncated, cut mid-id (`[240]: KB2862`): not read as a KB.
    public var cutOffEntry: String?
    /// The capture states its list of installed updates even when it is empty (`"kbs": []`): a machine with
    /// nothing installed, such as a VM fresh from an old image, is a state to evaluate, not a failed capture.
    public var listsInstalledUpdates = false
    /// The format name (`systeminfo`, `wmic-qfe`…).
    public var format: String

    public init(format: String) {
        self.format = format
    }

    /// Adds a KB unless it is listed already; a repeated KB keeps its first install date.
    public mutating func add(_ entry: InstalledKB) {
        if let index = positions[entry.kb] {
            if kbs[index].installedOn == nil { kbs[index].installedOn = entry.installedOn }
            return
        }
        positions[entry.kb] = kbs.count
        kbs.append(entry)
    }

    /// The catalog product name, when the facts suffice (see `WindowsProduct`).
    public var product: String? {
        WindowsProduct.catalogName(osName: osName, version: version, architecture: architecture)
    }

    /// The stated hotfix count and what was read disagree (systeminfo truncates long lists).
    public var countMismatch: Bool {
        guard let declaredCount else { return false }
        return declaredCount != kbs.count + otherEntries
    }
}
