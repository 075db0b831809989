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

/// Inserts rows many at a time, through one `INSERT … SELECT * FROM (VALUES (…), (…), …) LIMIT ?` statement
/// per batch: run once per row, the statement's own overhead cost more than writing the row. Values are bound
/// as they are added, not kept; the limit lets the last, partial batch run through the same statement. Rows
/// reach the table in the order added, by `flush()` at the latest, which must run before anything reads the
/// table or deletes from it.
///
/// Text is copied into a buffer of the batch's own and bound in place: bound as a copy
/// (`SQLITE_TRANSIENT`), every text value cost SQLite a free and a malloc.
final class BulkInsert {
    private let batch: BulkStatement
    private let columns: Int
    private let rowsPerBatch: Int
    /// Rows bound in the current batch.
    private var rows = 0
    /// The current batch's text, which its bindings point into until it runs.
    private let text = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 1)
    private var textUsed = 0

    /// - Parameter insert: the statement up to its rows, e.g. `INSERT OR IGNORE INTO t (a, b)`.
    init(_ db: Database, _ insert: String, columns: Int, rowsPerBatch: Int = 64) throws {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let values = Array(repeating: row, count: rowsPerBatch).joined(separator: ", ")
        batch = try BulkStatement(db, sql: "\(insert) SELECT * FROM (VALUES \(values)) LIMIT ?")
        self.columns = columns
        self.rowsPerBatch = rowsPerBatch
    }

    deinit { text.deallocate() }

    // Inlined so that the row's array stays on the stack: one heap array per row showed in profiles.
    @inline(__always)
    func add(_ row: BulkValue...) throws {
        precondition(row.count == columns, "a row of \(row.count) values for \(columns) columns")
        let rowText = row.reduce(0) { total, value in
            if case .text(let string) = value { total + string.utf8.count } else { total }
        }
        // A row's text stays in one batch: a batch whose buffer is full runs early.
        if textUsed + rowText > text.count { try flush() }
        let first = rows * columns + 1
        for (offset, value) in row.enumerated() {
            guard case .text(var string) = value, rowText <= text.count else {
                batch.bind(value, at: first + offset)
                continue
            }
            let start = textUsed
            textUsed += string.withUTF8 { bytes in
                UnsafeMutableRawBufferPointer(rebasing: text[start...]).copyMemory(from: UnsafeRawBufferPointer(bytes))
                return bytes.count
            }
            batch.bindInPlace(UnsafeRawBufferPointer(rebasing: text[start..<textUsed]), at: first + offset)
        }
        rows += 1
        if rows == rowsPerBatch { try flush() }
    }

    /// Drops the rows bound since the last batch ran (their savepoint was rolled back).
    func discard() {
        rows = 0
        textUsed = 0
    }

    func flush() throws {
        guard rows > 0 else { return }
        // Rows past the limit keep an earlier batch's values (and point at text since overwritten); the limit
        // leaves them out.
        batch.bind(.integer(Int64(rows)), at: columns * rowsPerBatch + 1)
        rows = 0
        textUsed = 0
        try batch.run()
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
