/// Word-level helpers for the engine's bitsets: a set of dense ids stored as `[UInt64]`, bit `i` of word `i / 64`.
///
/// Plain functions over buffers rather than a type: the engine keeps many bitsets in one flat array (a row
/// per update) and works on slices of it without copying.
enum Bits {
    @inline(__always) static func words(for count: Int) -> Int { (count + 63) >> 6 }

    @inline(__always) static func contains(_ words: UnsafeBufferPointer<UInt64>, _ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    @inline(__always) static func insert(_ words: UnsafeMutableBufferPointer<UInt64>, _ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    @inline(__always) static func contains(_ words: [UInt64], _ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    @inline(__always) static func insert(_ words: inout [UInt64], _ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    /// Calls `body` with each set index, highest first.
    @inline(__always) static func forEachDescending(_ words: UnsafeBufferPointer<UInt64>, _ body: (Int) -> Void) {
        var word = words.count - 1
        while word >= 0 {
            var bits = words[word]
            while bits != 0 {
                let high = 63 - bits.leadingZeroBitCount
                body(word << 6 + high)
                bits &= ~(1 << UInt64(high))
            }
            word -= 1
        }
    }

    /// Calls `body` with each set index, lowest first.
    @inline(__always) static func forEach(_ words: UnsafeBufferPointer<UInt64>, _ body: (Int) -> Void) {
        for word in words.indices {
            var bits = words[word]
            while bits != 0 {
                body(word << 6 + bits.trailingZeroBitCount)
                bits &= bits &- 1
            }
        }
    }

    static func count(_ words: some Sequence<UInt64>) -> Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}
