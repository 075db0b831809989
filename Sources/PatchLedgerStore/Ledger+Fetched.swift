import Foundation
import GRDB
import PatchLedgerCore

/// A file `fetch` downloaded: where from, which revision and validators the server gave, where it was written.
public struct FetchedFile: Sendable, Equatable {
    public var url: String
    /// The revision the source's list gave (MSRC's `CurrentReleaseDate`), when it gives one.
    public var revision: String?
    public var etag: String?
    public var lastModified: String?
    public var path: String
    public var bytes: Int

    public init(url: String, revision: String?, etag: String?, lastModified: String?, path: String, bytes: Int) {
        self.url = url
        self.revision = revision
        self.etag = etag
        self.lastModified = lastModified
        self.path = path
        self.bytes = bytes
    }
}

extension Ledger {
    public func fetched(url: String) throws -> FetchedFile? {
        try Self.wrap {
            try writer.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM fetched WHERE url = ?", arguments: [url]).map { row in
                    FetchedFile(
                        url: row["url"], revision: row["revision"], etag: row["etag"],
                        lastModified: row["last_modified"], path: row["path"], bytes: row["bytes"])
                }
            }
        }
    }

    /// Records downloads, once they are on disk (and imported, when they are).
    public func recordFetched(_ files: [FetchedFile], at time: Timestamp) throws {
        guard !files.isEmpty else { return }
        // Bookkeeping only: nothing the findings depend on.
        try Self.wrap {
            try writer.write { db in
                for file in files {
                    try db.execute(
                        sql: """
                            INSERT OR REPLACE INTO fetched (url, revision, etag, last_modified, path, bytes, fetched_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            file.url, file.revision, file.etag, file.lastModified, file.path, file.bytes,
                            time.description,
                        ])
                }
            }
        }
    }
}
