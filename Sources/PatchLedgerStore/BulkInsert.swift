import GRDB
import GRDBSQLite

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
