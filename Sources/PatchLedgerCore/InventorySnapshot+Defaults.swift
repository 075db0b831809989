extension InventorySnapshot {
    /// This snapshot with every gap filled from `defaults`: what the file states wins, except that `--vm` names
    /// the VM whatever host the file states (two machines of one host name are told apart so), and a `--build` UBR
    /// completes a file's build of the same line (systeminfo never prints the UBR).
    ///
    /// - Returns: the completed snapshot, and notes: `--build` contradicting the file's build line, a VM named
    ///   after the file, a scan dated by the file's modification time.
    public func completed(with defaults: SnapshotDefaults) -> (snapshot: InventorySnapshot, notes: [CompletionNote]) {
        var result = self
        result.host = vm
        result.vm = defaults.vmIsFileName ? (vm ?? defaults.vm) : defaults.vm
        result.scannedAt = scannedAt ?? defaults.scannedAt
        result.osName = osName ?? defaults.osName
        result.architecture = architecture ?? defaults.architecture
        var notes: [CompletionNote] = []
        if vm == nil && defaults.vmIsFileName {
            notes.append(
                CompletionNote(
                    message: "the capture names no host: the VM is named \(defaults.vm) after the file (--vm names it)",
                    kind: "captures naming no host: VMs named after their files (--vm names them)"))
        }
        if scannedAt == nil && defaults.scannedAtIsFileTime {
            notes.append(
                CompletionNote(
                    message:
                        "the capture states no date: scanned at the file's modification time \(defaults.scannedAt) "
                        + "(--scanned-at dates it)",
                    kind: "captures stating no date: dated by their files' modification time (--scanned-at dates them)")
            )
        }
        if let version {
            result.version = version.filling(ubrFrom: defaults.version)
            if let given = defaults.version, given.line != version.line {
                notes.append(
                    CompletionNote(
                        message: "--build \(given) is not on the file's build line \(version.line); the file's is kept",
                        kind: "--build is not on the file's build line (the file's kept)"))
            }
        } else {
            result.version = defaults.version
        }
        return (result, notes)
    }

    /// What identifies the scan (host, time, OS, build, KBs with dates), as text: its SHA-256 is the snapshot's
    /// fingerprint (`InventorySnapshot.fingerprint`, PatchLedgerImport), so the same capture imported twice is
    /// one snapshot and a later scan of the same VM is a new one.
    public var fingerprintText: String {
        var text = [
            vm?.lowercased() ?? "", scannedAt?.description ?? "", osName ?? "", version?.description ?? "",
            architecture?.rawValue ?? "",
        ].joined(separator: "\n")
        for entry in kbs.sorted(by: { $0.kb < $1.kb }) {
            text += "\n\(entry.kb) \(entry.installedOn?.description ?? "")"
        }
        return text
    }
}
