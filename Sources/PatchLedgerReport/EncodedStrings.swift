/// Byte strings encoded once as JSON (a quoted, escaped string, or a run of members), then written by index as
/// many times as needed: a scan of 100,000 VMs names the same few thousand CVEs tens of millions of times.
///
/// `@unchecked Sendable`: the buffers are written in `init` only, then read by every rendering task.
public final class EncodedStrings: @unchecked Sendable {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Entry `i` ends at `ends[i]` and starts where entry `i - 1` ends.
    private let ends: [Int]

    /// Each string encoded as a JSON string value.
    public convenience init(_ strings: [String]) {
        self.init(count: strings.count, nestedIn: 0) { index, writer in writer.string(strings[index]) }
    }

    /// Entries already encoded.
    convenience init(entries: [[UInt8]]) {
        self.init(count: entries.count, nestedIn: 0) { index, writer in writer.raw(entries[index]) }
    }

    /// `count` entries, each what `encode` writes for its index with a writer `depth` containers deep (members
    /// written after another: each entry starts with its separator).
    init(count: Int, nestedIn depth: Int, encode: (Int, inout JSONWriter) -> Void) {
        var writer = depth > 0 ? JSONWriter(nestedIn: depth, first: false) : JSONWriter()
        var ends: [Int] = []
        ends.reserveCapacity(count)
        for index in 0..<count {
            encode(index, &writer)
            ends.append(writer.bytes.count)
        }
        bytes = .allocate(capacity: max(1, writer.bytes.count))
        _ = bytes.initialize(from: writer.bytes)
        self.ends = ends
    }

    deinit { bytes.deallocate() }

    /// Entry `index`, without retaining anything: it is appended in hot loops.
    func withEntry<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let start = index == 0 ? 0 : ends[index - 1]
        return body(UnsafeBufferPointer(rebasing: bytes[start..<ends[index]]))
    }
}

extension JSONWriter {
    /// An array of strings from `table`, by index, on one line like `strings`.
    public mutating func strings(from table: EncodedStrings, _ indices: [Int32]) {
        raw(UInt8(ascii: "["))
        for (position, index) in indices.enumerated() {
            if position > 0 { raw(UInt8(ascii: ","), 0x20) }
            table.withEntry(Int(index)) { raw($0) }
        }
        raw(UInt8(ascii: "]"))
    }

    /// Entry `index` of `table`: members (or a key) encoded apart at this writer's depth. The container holds
    /// something once it is written.
    public mutating func members(from table: EncodedStrings, _ index: Int) {
        table.withEntry(index) { raw($0) }
        containerWritten()
    }
}
