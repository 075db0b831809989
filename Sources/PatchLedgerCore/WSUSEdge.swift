/// A WSUS supersedence edge — row supersedes KB — packed in one integer so hundreds of thousands sort and
/// compare without hashing strings.
public enum WSUSEdge {
    public static func packed(rowID: Int64, kb: Int32) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: rowID)) << 32 | UInt64(UInt32(bitPattern: kb))
    }

    public static func rowID(_ edge: UInt64) -> Int64 { Int64(edge >> 32) }
    public static func kb(_ edge: UInt64) -> KB { KB(Int(edge & 0xFFFF_FFFF)) }
}
