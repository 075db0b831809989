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
        try execute(values)
    }

    func execute(_ values: some Collection<BulkValue>) throws {
        for (offset, value) in values.enumerated() { bind(value, at: offset + 1) }
        try run()
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    /// Binds one value to `?index` (from 1).
    func bind(_ value: BulkValue, at index: Int) {
        let handle = statement.sqliteStatement
        let index = Int32(index)
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let number): sqlite3_bind_int64(handle, index, number)
        case .text(var text):
            // withUTF8, not the implicit C-string bridge: that copied every small string to the heap.
            _ = text.withUTF8 { bytes in
                // A nil base (empty text) would bind NULL.
                sqlite3_bind_text(
                    handle, index, bytes.baseAddress ?? ("" as StaticString).utf8Start, Int32(bytes.count),
                    sqliteTransient)
            }
        }
    }

    /// Binds text that SQLite reads in place, when the statement runs (`SQLITE_STATIC`): the caller keeps the
    /// bytes unchanged until then.
    func bindInPlace(_ bytes: UnsafeRawBufferPointer, at index: Int) {
        sqlite3_bind_text(
            statement.sqliteStatement, Int32(index), bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
            Int32(bytes.count), nil)
    }

    /// Runs the statement with what is bound, and resets it (bindings stay).
    func run() throws {
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: statement.sql)
        }
    }
}

/// SQLite's "copy the bytes now" destructor, which the C macro spells as a cast of -1.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
