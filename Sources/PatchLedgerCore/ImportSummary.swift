/// What one file's import did to the ledger, as `import` prints it and `catalog history` lists it.
public struct ImportSummary: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// Content was written: a new document, or a newer revision that replaced the one held.
        case imported
        /// The same content was imported before; nothing was written.
        case unchanged
        /// An older revision than the one held; nothing was written.
        case older
    }

    public var file: String
    public var format: String
    public var documentKey: String?
    public var revision: String?
    public var outcome: Outcome
    public var added = 0
    public var changed = 0
    public var unchanged = 0
    public var removed = 0
    /// What the import passed over, one line per kind with its count (`WarningTally`), kept with the import.
    public var warnings: [String] = []

    public init(file: String, format: String, documentKey: String?, revision: String?, outcome: Outcome) {
        self.file = file
        self.format = format
        self.documentKey = documentKey
        self.revision = revision
        self.outcome = outcome
    }

    /// One line: "2018-FEB rev 7: imported, 120 added, 0 changed, 0 unchanged, 0 removed".
    public var line: String {
        let name = documentKey.map { key in revision.map { "\(key) rev \($0)" } ?? key } ?? file
        return
            "\(file): \(name): \(outcome.rawValue), \(added) added, \(changed) changed, \(unchanged) unchanged, \(removed) removed"
    }
}
