/// One KB an inventory lists as installed, with what the format says about it.
public struct InstalledKB: Hashable, Sendable {
    public var kb: KB
    public var installedOn: CalendarDate?
    /// The tool's own wording ("Security Update", "Update"), kept for the user, never interpreted.
    public var description: String?
    /// The id as the capture wrote it when a legacy spelling was read as the KB (`KB893803v2`, `KB2510531-IE8`,
    /// `Q147222`): kept for the user, never interpreted.
    public var written: String?

    public init(kb: KB, installedOn: CalendarDate? = nil, description: String? = nil, written: String? = nil) {
        self.kb = kb
        self.installedOn = installedOn
        self.description = description
        self.written = written
    }
}
