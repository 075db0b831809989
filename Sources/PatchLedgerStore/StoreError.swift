import GRDB

/// Why the ledger could not do what was asked.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case database(DatabaseError)
    case cannotOpen(path: String, reason: String)
    case notFound(String)
    /// Input the ledger refuses to store, at a place in a file (a package listing one revision twice).
    case badInput(file: String, line: Int, message: String)

    public static func == (lhs: StoreError, rhs: StoreError) -> Bool {
        lhs.description == rhs.description
    }

    public var description: String {
        switch self {
        case .database(let error): "ledger: \(error.message ?? error.description)"
        case .cannotOpen(let path, let reason): "\(path): cannot open the ledger: \(reason)"
        case .notFound(let what): "not in the ledger: \(what)"
        case .badInput(let file, let line, let message): "\(file):\(line): \(message)"
        }
    }
}
