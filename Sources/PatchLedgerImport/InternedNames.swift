import CLibXML2

/// Interned-name pointers to tokens: a small open-addressed table, cheaper per SAX event than a `Dictionary`.
/// Its storage is a pointer the stream owns, so a lookup is two loads without an access check or a retain.
struct InternedNames {
    private static let capacity = 128
    /// Keys in the first half, values in the second.
    private let table = UnsafeMutablePointer<Int>.allocate(capacity: 2 * capacity)

    init() { removeAll() }

    func deallocate() { table.deallocate() }

    func removeAll() {
        table.initialize(repeating: 0, count: Self.capacity)
        (table + Self.capacity).initialize(repeating: -1, count: Self.capacity)
    }

    private static func slot(_ key: Int) -> Int { (key >> 4 ^ key >> 11) & (capacity - 1) }

    func insert(_ key: Int, _ value: Int) {
        var index = Self.slot(key)
        while table[index] != 0 && table[index] != key { index = (index + 1) & (Self.capacity - 1) }
        table[index] = key
        table[Self.capacity + index] = value
    }

    func lookup(_ name: UnsafePointer<xmlChar>?) -> Int? {
        guard let name else { return nil }
        let key = Int(bitPattern: name)
        var index = Self.slot(key)
        while true {
            let candidate = table[index]
            if candidate == key { return table[Self.capacity + index] }
            if candidate == 0 { return nil }
            index = (index + 1) & (Self.capacity - 1)
        }
    }
}
