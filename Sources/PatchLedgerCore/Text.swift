extension StringProtocol {
    /// The text without leading and trailing white space (including no-break spaces).
    public func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// White space runs folded to one space and trimmed: MSRC writes "Windows Server 2016  (Server Core…".
    public func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
