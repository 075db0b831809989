import Foundation

/// Writes a WSUS-shaped package.xml of any size, with real proportions: bundles with four categories and
/// prerequisites, one payload child each with its `BundledBy`, a fifth of bundles superseded by about
/// twenty later revisions (about 290,000 references in all, as measured on the real file), and a
/// `FileLocation` per payload, two for four children in ten, whose URL names a KB.
public struct WSUSPackageGenerator {
    public var updates: Int

    public init(updates: Int) {
        self.updates = updates
    }

    public func write(to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)  // The open below reports a failure.
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        func flush(force: Bool = false) throws {
            guard force || buffer.utf8.count > 1 << 20 else { return }
            try handle.write(contentsOf: Data(buffer.utf8))
            buffer.removeAll(keepingCapacity: true)
        }
        buffer += """
            <?xml version="1.0" encoding="utf-8"?>
            <OfflineSyncPackage xmlns="http://schemas.microsoft.com/msus/2004/02/OfflineSync" \
            SourceId="cc56dbba-9ac6-4ddc-a8fd-5d4e8a0b9c2f" PackageId="0f6f2f0d-7a11-4d4a-9d1e-8c5a8b8e3c3c" \
            PackageVersion="1.1" ProtocolVersion="1.0" CreationDate="2026-05-12T08:51:08Z" \
            MinimumClientVersion="5.8.0.2678">
              <Updates>\n
            """
        let pairs = updates / 2
        let products = (0..<40).map { Self.guid(9_000_000 + $0) }
        let classifications = [
            "0fa1201d-4330-4fa8-8ae9-b877473b6441", "e6cf1350-c01b-414d-a61f-263d14d133b4",
            "cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83", "e0789628-ce08-4437-be74-2495b842f43b",
        ]
        for pair in 0..<pairs {
            let child = 20_000_000 + pair * 2
            let bundle = child + 1
            let date =
                "20\(String(format: "%02d", 16 + pair % 10))-\(String(format: "%02d", 1 + pair % 12))-1\(pair % 10)"
            buffer += """
                    <Update CreationDate="\(date)T17:00:00Z" DefaultLanguage="en" UpdateId="\(Self.guid(pair * 2))" \
                RevisionNumber="\(200 + pair % 7)" RevisionId="\(child)" IsLeaf="true" DeploymentAction="Bundle">\
                <PayloadFiles><File Id="\(Self.fileID(pair))" />\(pair % 10 < 4 ? "<File Id=\"\(Self.fileID(pair + 10_000_000))\" />" : "")\
                </PayloadFiles><Prerequisites>\
                <UpdateId Id="\(products[pair % 40])" /></Prerequisites><BundledBy><Revision Id="\(bundle)" /></BundledBy></Update>
                    <Update CreationDate="\(date)T17:00:00Z" DefaultLanguage="en" UpdateId="\(Self.guid(pair * 2 + 1))" \
                RevisionNumber="\(200 + pair % 7)" RevisionId="\(bundle)" IsLeaf="true" IsBundle="true"><Prerequisites>\
                <UpdateId Id="\(products[pair % 40])" /><UpdateId Id="\(products[(pair + 7) % 40])" />\
                <UpdateId Id="\(Self.guid(8_000_000 + pair % 500))" /></Prerequisites><Categories>\
                <Category Type="UpdateClassification" Id="\(classifications[pair % 4])" />\
                <Category Type="Company" Id="56309036-4c77-4dd9-951a-99ee9c246a94" />\
                <Category Type="ProductFamily" Id="6964aab4-c5b5-43bd-a17d-ffb4346a8e1d" />\
                <Category Type="Product" Id="\(products[pair % 40])" /></Categories>
                """
            if pair % 5 == 0 {
                buffer += "<SupersededBy>"
                for later in 1...21 where pair + later * 40 < pairs {
                    buffer += "<Revision Id=\"\(20_000_001 + (pair + later * 40) * 2)\" />"
                }
                buffer += "</SupersededBy>"
            }
            buffer += "</Update>\n"
            try flush()
        }
        buffer += "  </Updates>\n  <FileLocations>\n"
        for pair in 0..<pairs {
            let kb = 3_000_000 + pair
            buffer += """
                    <FileLocation Id="\(Self.fileID(pair))" Url="http://download.windowsupdate.com/d/msdownload/\
                update/software/secu/2018/02/windows10.0-kb\(kb)-x64_\(Self.hex(pair)).msu" />\n
                """
            if pair % 10 < 4 {
                buffer += """
                        <FileLocation Id="\(Self.fileID(pair + 10_000_000))" Url="http://download.windowsupdate.com/d/\
                    msdownload/update/software/secu/2018/02/windows10.0-kb\(kb)-x86_\(Self.hex(pair + 1)).msu" />\n
                    """
            }
            try flush()
        }
        buffer += "  </FileLocations>\n</OfflineSyncPackage>\n"
        try flush(force: true)
    }

    /// A random-looking version-4 GUID, as real UpdateIds are (all 122 bits vary; a shared prefix would make
    /// every comparison and sort slower than on the real file).
    static func guid(_ n: Int) -> String {
        let hex = String(format: "%016llx%016llx", mix(UInt64(n)), mix(UInt64(n) ^ 0x5851_F42D_4C95_7F2D))
        let chars = Array(hex)
        return
            "\(String(chars[0..<8]))-\(String(chars[8..<12]))-4\(String(chars[13..<16]))-a\(String(chars[17..<20]))-\(String(chars[20..<32]))"
    }

    /// A file id as package.xml gives it: the base64 of a 20-byte SHA-1 digest (random-looking).
    static func fileID(_ n: Int) -> String {
        let words = [mix(UInt64(n) ^ 0x0F11E), mix(UInt64(n) ^ 0x1D_0F11E), mix(UInt64(n) ^ 0x2D_0F11E)]
        let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
        return Data(bytes.prefix(20)).base64EncodedString()
    }

    static func hex(_ n: Int) -> String {
        String(format: "%016llx%016llx%08x", UInt64(n) &* 0x9E37_79B9_7F4A_7C15, UInt64(n) ^ 0xDEAD_BEEF, n)
    }

    /// SplitMix64's finaliser: consecutive inputs give unrelated outputs, the same input the same output.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
