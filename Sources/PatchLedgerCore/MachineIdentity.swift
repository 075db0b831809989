/// What tells two machines of one VM name apart: the host each capture states (under `--vm`), the OS, its build,
/// and when it was installed (a name such as `LAPTOP` is shared by many machines; a UBR changes on one machine
/// every month, so it does not count).
public struct MachineIdentity: Sendable, Equatable {
    public var host: String?
    public var osName: String?
    public var build: Int?
    public var installedAt: String?

    public init(_ snapshot: InventorySnapshot) {
        host = snapshot.host
        osName = snapshot.osName.map { $0.collapsingWhitespace() }
        build = snapshot.version?.build
        installedAt = snapshot.installedAt.map { $0.collapsingWhitespace() }
    }

    /// The first fact both state that differs, in words; `nil` when nothing stated tells them apart.
    public func difference(from other: MachineIdentity) -> String? {
        if let a = host, let b = other.host, a.lowercased() != b.lowercased() { return "host \(a), not \(b)" }
        if let a = osName, let b = other.osName, a.lowercased() != b.lowercased() { return "OS \(a), not \(b)" }
        if let a = build, let b = other.build, a != b { return "build \(a), not \(b)" }
        if let a = installedAt, let b = other.installedAt, a != b { return "installed \(a), not \(b)" }
        return nil
    }
}

/// The machines one import run has read, by VM name. A file is one capture: a VM that another file of the run
/// showed to be a different machine is a conflict, never merged into one VM with invented drift. Records of one
/// file are the user's own history of a VM (a JSON fleet file), where a rebuild may change the facts, but not of
/// two hosts (`--vm` given to a file of many).
public struct RunMachines: Sendable {
    private var seen: [String: (file: String, identity: MachineIdentity)] = [:]

    public init() {}

    /// Records the snapshot's machine, or says why it is not the machine another file showed under its name.
    public mutating func claim(_ snapshot: InventorySnapshot, file: String) -> String? {
        guard let vm = snapshot.vm else { return nil }
        guard let known = seen[vm] else {
            seen[vm] = (file, MachineIdentity(snapshot))
            return nil
        }
        // Within one file only the host counts: the hot path of a fleet's daily history, a lookup and a compare.
        if known.file == file && (snapshot.host == known.identity.host || snapshot.host == nil) { return nil }
        guard let difference = MachineIdentity(snapshot).difference(from: known.identity),
            known.file != file || difference.hasPrefix("host ")
        else { return nil }
        let other = known.file == file ? "another capture of this file" : known.file
        return "VM \(vm) is also \(other), a different machine (\(difference)): not merged; "
            + "import each with its own --vm NAME"
    }
}
