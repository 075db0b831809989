import Testing

@testable import PatchLedgerDigest

@Suite struct SHA256Tests {
    func digest(_ bytes: [UInt8], chunk: Int = .max, hardware: Bool = true) -> String {
        var hasher = SHA256(hardware: hardware)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            hasher.update(Array(bytes[start..<end]))
            start = end
        }
        return hasher.finalizeHex()
    }

    @Test(arguments: [true, false])
    func matchesTheFIPSVectors(hardware: Bool) {
        #expect(
            digest([], hardware: hardware) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            digest(Array("abc".utf8), hardware: hardware)
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(
            digest(long, hardware: hardware) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            digest(million, chunk: 4096, hardware: hardware)
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Where the CPU has SHA extensions, both paths run and must agree on every length around the block size.
    @Test func theHardwareAndPortablePathsAgree() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 65_537] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(digest(bytes, hardware: true) == digest(bytes, hardware: false), "\(count) bytes")
        }
    }

    @Test(arguments: [1, 7, 63, 64, 65, 1000])
    func chunkingDoesNotChangeTheDigest(chunk: Int) {
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(digest(bytes, chunk: chunk) == digest(bytes))
    }
}
