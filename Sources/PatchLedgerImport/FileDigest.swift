import Foundation
import PatchLedgerCore
import PatchLedgerDigest

/// SHA-256 of a whole file, read a megabyte at a time.
public enum FileDigest {
    public static func sha256(_ url: URL, displayName: String) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw ImportError.unreadable(file: displayName, reason: "cannot open")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalizeHex()
    }
}
