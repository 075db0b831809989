public struct WSUSFileLocation: Sendable, Equatable {
    public let fileID: String
    public let url: String
    /// The KB named in the payload's file name (`…-kb4074590-x64_….msu`), if any: found when the location is
    /// read, on the parsing thread, rather than by the ledger's.
    public let kb: KB?

    public init(fileID: String, url: String) {
        self.fileID = fileID
        self.url = url
        kb = url.utf8.withContiguousStorageIfAvailable(Self.kb(in:)) ?? Self.kb(in: Array(url.utf8))
    }

    private static func kb(in bytes: some RandomAccessCollection<UInt8>) -> KB? {
        var index = bytes.startIndex
        while bytes.distance(from: index, to: bytes.endIndex) > 2 {
            let next = bytes.index(after: index)
            let isK = bytes[index] | 0x20 == UInt8(ascii: "k") && bytes[next] | 0x20 == UInt8(ascii: "b")
            let startsWord = index == bytes.startIndex || !isLetter(bytes[bytes.index(before: index)])
            if isK, startsWord {
                var end = bytes.index(after: next)
                var number = 0
                var digits = 0
                while end < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]), digits < 10 {
                    number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end = bytes.index(after: end)
                    digits += 1
                }
                if digits >= 6 { return KB(number) }
            }
            index = next
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}
