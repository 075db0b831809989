/// Warnings of an import counted by kind, each with its first example: a catalog with thousands of one
/// oddity says so in one line.
public struct WarningTally: Sendable {
    private var kinds: [String] = []
    private var entries: [String: (count: Int, example: String)] = [:]

    public init() {}

    public mutating func add(_ kind: String, example: String) {
        if let entry = entries[kind] {
            entries[kind] = (entry.count + 1, entry.example)
        } else {
            kinds.append(kind)
            entries[kind] = (1, example)
        }
    }

    /// "3 × UpdateIds listed twice with one revision (the first kept), first: …", in the order first met.
    public var lines: [String] {
        kinds.compactMap { kind in entries[kind].map { "\($0.count) × \(kind), first: \($0.example)" } }
    }
}
