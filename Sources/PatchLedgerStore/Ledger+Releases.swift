import GRDB
import PatchLedgerCore

extension Ledger {
    /// The release table as its first migration created it (keyed by build.UBR alone; migrations are history and
    /// never change: "Key releases by product line" gives the key a line).
    static let firstReleaseSchema = """
        CREATE TABLE releases (
            build INTEGER NOT NULL,
            ubr INTEGER NOT NULL,
            kb TEXT,
            released TEXT NOT NULL,
            type TEXT NOT NULL,
            channel TEXT NOT NULL,
            month TEXT NOT NULL,
            source_path TEXT NOT NULL,
            PRIMARY KEY (build, ubr)
        ) WITHOUT ROWID;
        """

    /// Records release-history rows in one transaction; a row already held (same line, build.UBR and KB) is replaced
    /// by the file's.
    ///
    /// - Returns: how many rows were new, how many were held with another date, type, channel or month (a
    ///   correction), and how many were held as they are.
    public func importReleases(_ releases: [Release], path: String) throws -> (
        added: Int, changed: Int, unchanged: Int
    ) {
        try writing { db in
            var (added, changed) = (0, 0)
            for release in releases {
                let key: StatementArguments = [
                    release.line, release.build, release.ubr, release.kb?.description ?? "",
                ]
                let held = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT released, type, channel, month FROM releases WHERE line = ? AND build = ? AND ubr = ? AND kb = ?",
                    arguments: key)
                let content: [String] = [release.date.description, release.type, release.channel, release.month]
                if let held {
                    if (0..<4).map({ held[$0] as String }) != content { changed += 1 }
                } else {
                    added += 1
                }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO releases (line, build, ubr, kb, released, type, channel, month, source_path)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: key + StatementArguments(content + [path]))
            }
            return (added, changed, releases.count - added - changed)
        }
    }

    public func releaseHistory() throws -> ReleaseHistory {
        try Self.wrap { try writer.read { db in try Self.releaseHistory(db) } }
    }

    static func releaseHistory(_ db: Database) throws -> ReleaseHistory {
        let releases = try Row.fetchAll(db, sql: "SELECT * FROM releases").compactMap { row -> Release? in
            guard let date = CalendarDate(parsing: row["released"] as String) else { return nil }
            let kb = (row["kb"] as String?).flatMap { KB(parsing: $0) }
            return Release(
                line: row["line"], channel: row["channel"], month: row["month"], type: row["type"], date: date,
                build: row["build"],
                ubr: row["ubr"], kb: kb)
        }
        return ReleaseHistory(releases)
    }
}
