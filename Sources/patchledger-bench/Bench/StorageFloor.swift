import Foundation
import PatchLedgerCLI

/// The cost of storing a WSUS package's rows with nothing but SQLite: the rows an import wrote, exported to CSV,
/// loaded by `sqlite3 .import` into the same tables in one transaction, indexes built after, in a fresh
/// ledger with the same page size and journal. xmllint's parse floor writes nothing; this is the other half.
struct StorageFloor {
    static let tables = ["updates", "update_products", "supersedence", "wsus_updates", "wsus_files"]

    let folder: URL
    /// How many rows the floor loads.
    private(set) var rows = 0

    /// Exports the rows and schema of `ledger` (not timed). Empty CSV fields load as empty text, not NULL:
    /// close enough for a floor.
    init(ledger: String, folder: URL) throws {
        self.folder = folder
        let names = Self.tables.map { "'\($0)'" }.joined(separator: ", ")
        var commands = [
            ".output \(file("tables.sql"))",
            "SELECT sql || ';' FROM sqlite_master WHERE type = 'table' AND name IN (\(names));",
            ".output \(file("indexes.sql"))",
            "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(names));",
            ".mode csv",
        ]
        for table in Self.tables { commands += [".output \(file("\(table).csv"))", "SELECT * FROM \(table);"] }
        try Self.sqlite3(ledger, commands)
        for table in Self.tables {
            // Lines end in CRLF (sqlite3's CSV); counting the LF bytes counts the rows.
            rows += try Data(contentsOf: URL(fileURLWithPath: file("\(table).csv"))).reduce(0) {
                $0 + ($1 == 0x0A ? 1 : 0)
            }
        }
    }

    /// Loads the exported rows into a fresh ledger and returns how long that took.
    func measure() throws -> ChildProcess.Measurement {
        let db = file("floor.sqlite")
        WorkFolder.removeLedger(at: db)
        var commands = [
            // WAL, as the import uses.
            "PRAGMA page_size = 16384;", "PRAGMA journal_mode = WAL;", "PRAGMA synchronous = NORMAL;",
            ".read \(file("tables.sql"))", "BEGIN;",
        ]
        commands += Self.tables.map { ".import --csv \(file("\($0).csv")) \($0)" }
        commands += [".read \(file("indexes.sql"))", "COMMIT;"]
        return try Self.sqlite3(db, commands)
    }

    private func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @discardableResult
    private static func sqlite3(_ db: String, _ commands: [String]) throws -> ChildProcess.Measurement {
        let run = try ChildProcess.measure("sqlite3", ["-bail", db] + commands)
        guard run.status == 0 else { throw ValidationFailure("sqlite3 \(db) exited \(run.status)") }
        return run
    }
}
