/// A streaming JSON writer for outputs too big for `JSONEncoder` (a scan of 100,000 VMs is hundreds of MB):
/// pretty-printed like `JSONOutput`, keys in the order the caller writes them (callers write them sorted),
/// arrays of strings on one line.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var firstMember: [Bool] = []

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// A writer for a run of elements inside `depth` open containers, rendered apart and joined in order
    /// after what another writer wrote: `first` when the innermost container holds nothing yet.
    public init(nestedIn depth: Int, first: Bool, capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
        firstMember = Array(repeating: false, count: depth)
        firstMember[depth - 1] = first
    }

    /// Notes that the innermost container holds something written apart (`init(nestedIn:first:)`, `raw`).
    mutating func containerWritten() {
        if !firstMember.isEmpty { firstMember[firstMember.count - 1] = false }
    }

    /// Hands the bytes written so far to `sink` and empties the buffer, once it holds more than `threshold`.
    public mutating func flush(over threshold: Int = 1 << 20, to sink: ([UInt8]) -> Void) {
        guard bytes.count > threshold else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member: the separator, the indentation and `"key" : `.
    public mutating func key(_ name: String) {
        newMember()
        string(name)
        bytes += [0x20, UInt8(ascii: ":"), 0x20]
    }

    /// Starts an array element.
    public mutating func element() { newMember() }

    public mutating func string(_ value: String) {
        var value = value
        // Most strings (KBs, CVEs, dates) need no escaping: copy them whole.
        let copied = value.withUTF8 { utf8 in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if copied { return }
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Bytes already encoded as JSON, as they are.
    mutating func raw(_ encoded: UInt8...) { bytes += encoded }
    mutating func raw(_ encoded: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: encoded) }
    mutating func raw(_ encoded: [UInt8]) { bytes += encoded }

    public mutating func number(_ value: Int) { bytes += Array(String(value).utf8) }

    public mutating func bool(_ value: Bool) { bytes += Array((value ? "true" : "false").utf8) }

    /// `["a", "b"]` on one line.
    public mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes += [UInt8(ascii: ","), 0x20] }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `key` and the value only when there is one, as `JSONEncoder` leaves out `nil`s.
    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func member(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    /// A score with at most one decimal (a CVSS base score), written as `JSONEncoder` writes it: `7.8`, `10`.
    public mutating func member(_ name: String, score value: Double?) {
        guard let value else { return }
        key(name)
        let tenths = Int((value * 10).rounded())
        bytes.append(contentsOf: Array((tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)").utf8))
    }

    public mutating func member(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    public mutating func member(_ name: String, strings values: [String]) {
        key(name)
        strings(values)
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        firstMember.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        let empty = firstMember.popLast() ?? true
        if !empty { newline() }
        bytes.append(bracket)
        if firstMember.isEmpty { bytes.append(UInt8(ascii: "\n")) }
    }

    private mutating func newMember() {
        if firstMember.last == false { bytes.append(UInt8(ascii: ",")) }
        if !firstMember.isEmpty { firstMember[firstMember.count - 1] = false }
        newline()
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        let indent = 2 * firstMember.count
        // From a constant run of spaces, without an element-by-element append: this runs for every member.
        let spaces: StaticString = "                                                                "
        if indent <= spaces.utf8CodeUnitCount {
            bytes.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: indent))
        } else {
            bytes += repeatElement(0x20, count: indent)
        }
    }
}
