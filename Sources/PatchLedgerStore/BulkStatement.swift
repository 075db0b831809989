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
        let handle = statement.sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
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

/// Inserts rows many at a time, through one `INSERT … VALUES (…), (…), …` statement per batch: run once per
/// row, the statement's own overhead cost more than writing the row. Rows reach the table in the order added,
/// by `flush()` at the latest, which must run before anything reads the table or deletes from it.
final class BulkInsert {
    private let single: BulkStatement
    private let batch: BulkStatement
    private let columns: Int
    private let rowsPerBatch: Int
    private var pending: [BulkValue] = []

    /// - Parameter insert: the statement up to `VALUES`, e.g. `INSERT OR IGNORE INTO t (a, b)`.
    init(_ db: Database, _ insert: String, columns: Int, rowsPerBatch: Int = 64) throws {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        single = try BulkStatement(db, sql: "\(insert) VALUES \(row)")
        batch = try BulkStatement(
            db, sql: "\(insert) VALUES " + Array(repeating: row, count: rowsPerBatch).joined(separator: ", "))
        self.columns = columns
        self.rowsPerBatch = rowsPerBatch
        pending.reserveCapacity(columns * rowsPerBatch)
    }

    // Inlined so that the variadic row can live on the caller's stack instead of the heap.
    @inline(__always)
    func add(_ row: BulkValue...) throws {
        precondition(row.count == columns, "a row of \(row.count) values for \(columns) columns")
        pending += row
        if pending.count == columns * rowsPerBatch {
            try batch.execute(pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    func flush() throws {
        for start in stride(from: 0, to: pending.count, by: columns) {
            try single.execute(pending[start..<start + columns])
        }
        pending.removeAll(keepingCapacity: true)
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
