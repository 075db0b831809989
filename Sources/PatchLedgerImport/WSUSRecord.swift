import PatchLedgerCore

/// What the parsing thread hands to the consuming one, in document order.
enum WSUSRecord: Sendable {
    case begin(WSUSPackageInfo)
    case update(WSUSUpdate)
    case location(WSUSFileLocation)
    case progress(bytes: Int, updates: Int)
}
