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
