import GRDB
import PatchLedgerCore

/// One findings refresh as an evaluation sees it, valid only during `FindingsEvaluating.evaluate`: the
/// catalogs, supersedence and release history to judge by, the snapshots to evaluate in VM and scan order, and
/// the rows that record what changed (written out when the refresh ends, before the transaction commits).
public struct FindingsRefresh {
    private let db: Database
    private let products: Set<String>
    private let snapshots: SnapshotStream
    public let rows: FindingsWriter

    init(_ db: Database, products: Set<String>, snapshotsAfter: Int64) throws {
        self.db = db
        self.products = products
        snapshots = SnapshotStream(db, after: snapshotsAfter)
        rows = try FindingsWriter(db)
    }

    /// The catalogs of the products the refreshed VMs resolve to; empty when the ledger holds none of them.
    public func catalogs() throws -> [ProductCatalog] { try Ledger.productCatalogs(db, for: products) }

    public func supersedence() throws -> Supersedence { try Ledger.supersedence(db) }

    public func releaseHistory() throws -> ReleaseHistory { try Ledger.releaseHistory(db) }

    /// - Parameter body: receives each snapshot, and a reader of its installed KBs (sorted).
    public func forEachSnapshot(_ body: (ReplayedSnapshot, _ kbs: () throws -> [KB]) throws -> Void) throws {
        try snapshots.forEach(body)
    }
}
