import Testing

@testable import PatchLedgerCore

@Suite struct SHA256Tests {
    func digest(_ bytes: [UInt8], chunk: Int = .max) -> String {
        var hasher = SHA256()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            hasher.update(Array(bytes[start..<end]))
            start = end
        }
        return hasher.finalizeHex()
    }

    @Test func matchesTheFIPSVectors() {
        #expect(digest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(digest(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test(arguments: [1, 7, 63, 64, 65, 1000])
    func chunkingDoesNotChangeTheDigest(chunk: Int) {
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(digest(bytes, chunk: chunk) == digest(bytes))
    }
}
