import PatchLedgerStore

/// The ledger as the product opens it: its imports' findings judged by `FindingsEvaluation`.
extension Ledger {
    /// Opens (creating and migrating as needed) the ledger at `path` for writing; see the store's
    /// `init(path:evaluation:whileWaiting:)`.
    public convenience init(path: String, whileWaiting: (@Sendable () -> Void)? = nil) throws {
        try self.init(path: path, evaluation: FindingsEvaluation(), whileWaiting: whileWaiting)
    }

    /// Opens the ledger at `path` for a command that only reads; see the store's
    /// `reading(path:evaluation:whileWaiting:)`.
    public static func reading(path: String, whileWaiting: (@Sendable () -> Void)? = nil) throws -> Ledger {
        try reading(path: path, evaluation: FindingsEvaluation(), whileWaiting: whileWaiting)
    }

    /// An in-memory ledger with the production schema, for tests and the demo.
    public static func inMemory() throws -> Ledger {
        try inMemory(evaluation: FindingsEvaluation())
    }
}
