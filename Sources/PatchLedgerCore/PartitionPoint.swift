extension RandomAccessCollection {
    /// The first index whose element satisfies `predicate`, by bisection, where every element that satisfies it
    /// comes after every element that does not (a sorted collection and a threshold); `endIndex` when none does.
    public func partitionPoint(where predicate: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if predicate(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
