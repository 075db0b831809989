import GRDB
import Testing

@testable import PatchLedgerStore

@Suite struct BulkInsertTests {
    @Test(arguments: [0, 1, 2, 3, 5, 6])
    func everyRowArrivesInOrderWhateverTheBatchBoundary(rows: Int) throws {
        let db = try DatabaseQueue()
        let written = try db.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, label TEXT, note TEXT)")
            let insert = try BulkInsert(db, "INSERT INTO t (n, label, note)", columns: 3, rowsPerBatch: 2)
            for n in 0..<rows {
                try insert.add(.int(n), .text("row \(n)"), n.isMultiple(of: 2) ? .null : .string("odd"))
            }
            try insert.flush()
            return try Row.fetchAll(db, sql: "SELECT n, label, note FROM t ORDER BY rowid").map {
                "\($0[0] as Int) \($0[1] as String) \($0[2] as String? ?? "-")"
            }
        }
        #expect(written == (0..<rows).map { "\($0) row \($0) \($0.isMultiple(of: 2) ? "-" : "odd")" })
    }

    @Test func orIgnoreStillAppliesRowByRowWithinABatch() throws {
        let db = try DatabaseQueue()
        let count = try db.write { db in
            try db.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY)")
            let insert = try BulkInsert(db, "INSERT OR IGNORE INTO t (k)", columns: 1, rowsPerBatch: 4)
            for key in ["a", "b", "a", "c", "b", "d"] { try insert.add(.text(key)) }
            try insert.flush()
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM t")
        }
        #expect(count == 4)
    }

    @Test func textOfEveryLengthKeepsItsBytesAndEmptyTextIsNotNull() throws {
        let db = try DatabaseQueue()
        let values = [
            "", "KB5028168", "2023-07-11", "a string well past the fifteen bytes a small string holds", "é…✓",
        ]
        let stored = try db.write { db in
            try db.execute(sql: "CREATE TABLE t (k TEXT)")
            let insert = try BulkInsert(db, "INSERT INTO t (k)", columns: 1, rowsPerBatch: 2)
            for value in values { try insert.add(.text(value)) }
            try insert.flush()
            return try Row.fetchAll(db, sql: "SELECT typeof(k), k FROM t ORDER BY rowid").map {
                "\($0[0] as String):\($0[1] as String)"
            }
        }
        #expect(stored == values.map { "text:\($0)" })
    }

    /// Text is bound in place from a buffer of the batch's: a batch whose text fills it runs early, and a row
    /// larger than the whole buffer is bound as a copy. Either way every row arrives whole and in order.
    @Test func rowsWhoseTextOutgrowsTheBatchBufferArriveWholeAndInOrder() throws {
        let db = try DatabaseQueue()
        let values = (0..<40).map { n in
            String(repeating: String(UnicodeScalar(UInt8(97 + n % 26))), count: n == 17 ? 300_000 : 20_000 + n)
        }
        let stored = try db.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, k TEXT, tail TEXT)")
            let insert = try BulkInsert(db, "INSERT INTO t (n, k, tail)", columns: 3, rowsPerBatch: 16)
            for (n, value) in values.enumerated() { try insert.add(.int(n), .text(value), .text("#\(n)")) }
            try insert.flush()
            return try Row.fetchAll(db, sql: "SELECT n, k, tail FROM t ORDER BY rowid").map {
                "\($0[0] as Int) \($0[1] as String) \($0[2] as String)"
            }
        }
        #expect(stored.count == values.count)
        #expect(stored == values.enumerated().map { "\($0.offset) \($0.element) #\($0.offset)" })
    }
}
