/// Strings encoded once as JSON values (quoted, escaped), then written by index as many times as needed: a
/// scan of 100,000 VMs names the same few thousand CVEs tens of millions of times.
public struct EncodedStrings: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init(_ strings: [String]) {
        var writer = JSONWriter()
        for string in strings {
            writer.string(string)
            ends.append(writer.bytes.count)
        }
        bytes = writer.bytes
    }

    subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }
}

extension JSONWriter {
    /// A member whose value is an array of strings from `table` (on one line, like `strings`): `elements`
    /// calls its argument with each index in order.
    public mutating func member(
        _ name: String, stringsFrom table: EncodedStrings, _ elements: ((Int) -> Void) -> Void
    ) {
        key(name)
        raw(UInt8(ascii: "["))
        var first = true
        elements { index in
            if !first { raw(UInt8(ascii: ","), 0x20) }
            first = false
            raw(table[index])
        }
        raw(UInt8(ascii: "]"))
    }
}
