import CSHA256

/// Incremental SHA-256 (FIPS 180-4), to fingerprint imported files as they stream.
///
/// Written here rather than taken from swift-crypto: the ledger needs only this digest, and a dependency
/// that doubles the build time for forty lines is not worth it. Where the CPU has the x86 SHA extensions,
/// blocks go through them (`CSHA256`), several times faster than the portable code below.
public struct SHA256: Sendable {
    /// Whether this machine's CPU compresses blocks in hardware.
    public static let hardwareAvailable = csha256_hardware_available() != 0
    private let hardware: Bool
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    public init() {
        self.init(hardware: Self.hardwareAvailable)
    }

    /// - Parameter hardware: use the SHA extensions (tests compare both paths).
    public init(hardware: Bool) {
        self.hardware = hardware && Self.hardwareAvailable
        pending.reserveCapacity(64)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBytes { compress($0.baseAddress.unsafelyUnwrapped, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compress(bytes.baseAddress.unsafelyUnwrapped + offset, blocks: blocks)
            offset += blocks * 64
        }
        if offset < bytes.count {
            pending.append(contentsOf: bytes[offset...])
        }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lower-case hex digits; the hasher is spent afterwards.
    public mutating func finalizeHex() -> String {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        tail += [UInt8](repeating: 0, count: (119 - Int(length % 64)) % 64)
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        let savedLength = length
        update(tail)
        length = savedLength
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        let hex = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(64)
        for word in words {
            for shift in stride(from: 28, through: 0, by: -4) {
                out.append(hex[Int((word >> UInt32(shift)) & 0xF)])
            }
        }
        return out
    }

    private mutating func compress(_ start: UnsafeRawPointer, blocks: Int) {
        if hardware {
            withUnsafeMutableBytes(of: &state) { words in
                csha256_hardware_blocks(
                    words.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt32.self),
                    start.assumingMemoryBound(to: UInt8.self), blocks)
            }
            return
        }
        for block in 0..<blocks { compress(start + block &* 64) }
    }

    private mutating func compress(_ block: UnsafeRawPointer) {
        // A stack buffer for the message schedule: an array per 64-byte block cost a quarter of a big import.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let a = w[i &- 15]
                let b = w[i &- 2]
                let s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >> 3)
                let s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >> 10)
                w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = state
            do {
                let k = csha256_round_constants().unsafelyUnwrapped
                for i in 0..<64 {
                    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    h = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ s0 &+ maj
                }
            }
            state = (
                state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
            )
        }
    }

    @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}

extension SHA256 {
    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }
}
