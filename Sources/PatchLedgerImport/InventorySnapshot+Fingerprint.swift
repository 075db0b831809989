import PatchLedgerCore
import PatchLedgerDigest

extension InventorySnapshot {
    /// The snapshot's identity in the ledger: the SHA-256 of `fingerprintText`.
    public var fingerprint: String { SHA256.hex(Array(fingerprintText.utf8)) }
}
