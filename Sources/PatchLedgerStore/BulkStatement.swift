import GRDB
import GRDBSQLite

/// A prepared statement for bulk loads, bound through SQLite's C API inside GRDB's connection.
///
/// GRDB's `StatementArguments` box every value; for the hundreds of thousands of rows of a WSUS catalog the
/// boxing costs more than SQLite's own work, so hot loops bind directly (as GRDB itself documents for
/// performance-critical code). The statement still belongs to GRDB and to its transaction.
struct BulkStatement {
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `values` (Int, Int64, Bool, String or nil) to `?1…`, runs the statement and resets it.
    func execute(_ values: BulkValue...) throws {
        let handle = statement.sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, index)
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .text(let text): sqlite3_bind_text(handle, index, text, -1, sqliteTransient)
            }
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: statement.sql)
        }
    }
}

enum BulkValue {
    case null
    case integer(Int64)
    case text(String)

    static func int(_ value: Int?) -> BulkValue { value.map { .integer(Int64($0)) } ?? .null }
    static func int64(_ value: Int64?) -> BulkValue { value.map { .integer($0) } ?? .null }
    static func bool(_ value: Bool?) -> BulkValue { value.map { .integer($0 ? 1 : 0) } ?? .null }
    static func string(_ value: String?) -> BulkValue { value.map { .text($0) } ?? .null }
}

/// SQLite's "copy the bytes now" destructor, which the C macro spells as a cast of -1.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
