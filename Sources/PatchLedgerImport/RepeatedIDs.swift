import Foundation

/// Lower-cased ids that recur (category GUIDs, prerequisites) handed out as one shared string each: a string
/// per mention, freed later on the ledger's thread, cost more than finding the one made before. A slot is
/// found by the id's bytes as read, so a hit costs a hash and one `memcmp`.
struct RepeatedIDs {
    private static let slots = 1024
    private static let width = 48
    private var bytes = [UInt8](repeating: 0, count: slots * width)
    private var lengths = [Int](repeating: -1, count: slots)
    private var strings = [String](repeating: "", count: slots)

    mutating func lowercased(_ id: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = id.baseAddress, id.count <= Self.width else { return id.lowercasedASCII }
        // FNV-1a.
        var hash: UInt32 = 2_166_136_261
        for byte in id { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let slot = Int(hash) & (Self.slots - 1)
        let offset = slot * Self.width
        let known =
            lengths[slot] == id.count
            && bytes.withUnsafeBytes { stored in
                stored.baseAddress.map { memcmp($0 + offset, base, id.count) == 0 } ?? false
            }
        if known { return strings[slot] }
        let fresh = id.lowercasedASCII
        bytes.withUnsafeMutableBytes { stored in _ = stored.baseAddress.map { memcpy($0 + offset, base, id.count) } }
        lengths[slot] = id.count
        strings[slot] = fresh
        return fresh
    }
}
