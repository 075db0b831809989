/// One row of `catalog history`.
public struct ImportRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var sourcePath: String
    public var format: String
    public var sha256: String
    public var documentKey: String?
    public var revision: String?
    public var startedAt: String
    public var finishedAt: String
    public var outcome: String
    public var added: Int
    public var changed: Int
    public var unchanged: Int
    public var removed: Int
    /// What the import passed over, one line per kind with its count.
    public var warnings: [String]

    public init(
        id: Int64, sourcePath: String, format: String, sha256: String, documentKey: String?, revision: String?,
        startedAt: String, finishedAt: String, outcome: String, added: Int, changed: Int, unchanged: Int, removed: Int,
        warnings: [String] = []
    ) {
        self.warnings = warnings
        self.id = id
        self.sourcePath = sourcePath
        self.format = format
        self.sha256 = sha256
        self.documentKey = documentKey
        self.revision = revision
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.added = added
        self.changed = changed
        self.unchanged = unchanged
        self.removed = removed
    }
}
