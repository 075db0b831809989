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
