extension StringProtocol {
    /// The text without leading and trailing white space (including no-break spaces).
    public func trimmingWhitespace() -> String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// White space runs folded to one space and trimmed: MSRC writes "Windows Server 2016  (Server Core…".
    public func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension Unicode.Scalar {
    /// White space, answered without a Unicode property lookup for ASCII (the common case, and a hot one).
    var isWhitespace: Bool {
        value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }
}

extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes `value` in decimal at `end` and moves `end` past it: numbers printed by the hundred thousand
    /// (KBs, RevisionIds) skip string interpolation. The buffer must have room (20 bytes at most).
    public func writeDecimal(_ value: Int, at end: inout Int) {
        if value < 0 {
            self[end] = UInt8(ascii: "-")
            end += 1
        }
        var rest = value.magnitude
        let start = end
        repeat {
            self[end] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            end += 1
        } while rest > 0
        self[start..<end].reverse()
    }
}
