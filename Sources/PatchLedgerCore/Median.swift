extension Collection where Element: BinaryFloatingPoint {
    /// The middle value, or the mean of the two middle ones for an even count; `nil` when empty.
    public var median: Element? {
        guard !isEmpty else { return nil }
        let sorted = self.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
