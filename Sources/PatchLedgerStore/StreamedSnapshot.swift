import Foundation
import GRDB
import GRDBSQLite
import PatchLedgerCore

/// One snapshot of a VM as the findings refresh reads it: product and build completed from the manifest as
/// `scan` does; its installed KBs are read only when asked (a snapshot of an unknown product needs none).
struct StreamedSnapshot {
    var id: Int64
    var vmID: Int64
    /// As stored, and written back into findings and evaluations as is.
    var scannedAt: String
    var day: CalendarDate
    /// The VM's latest evaluated snapshot, which a resumed VM continues from (evaluated and written before).
    var isResumePoint: Bool
    var product: String?
    var version: OSVersion?
    var hotpatch: Bool
}
