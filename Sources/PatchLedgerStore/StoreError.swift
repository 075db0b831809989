import GRDB

/// Why the ledger could not do what was asked.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case database(DatabaseError)
    case cannotOpen(path: String, reason: String)
    case notFound(String)

    public static func == (lhs: StoreError, rhs: StoreError) -> Bool {
        lhs.description == rhs.description
    }

    public var description: String {
        switch self {
        case .database(let error): "ledger: \(error.message ?? error.description)"
        case .cannotOpen(let path, let reason): "\(path): cannot open the ledger: \(reason)"
        case .notFound(let what): "not in the ledger: \(what)"
        }
    }
}
