/// Records of the WSUS offline catalog: package.xml's updates and file locations, and the per-revision
/// metadata fragments (`x/`, `l/<lang>/`, `c/`) of the extracted cabinets.
public struct WSUSUpdate: Sendable, Equatable {
    /// Lower-case GUID; one update keeps it across revisions.
    public var updateID: String = ""
    public var revisionID: Int = 0
    public var revisionNumber: Int = 0
    public var created: CalendarDate?
    public var isLeaf: Bool = false
    public var isBundle: Bool = false
    public var deploymentAction: String?
    /// The UpdateClassification category's name, or its GUID when the GUID is not a known one.
    public var classification: String?
    public var productIDs: [String] = []
    public var productFamilyIDs: [String] = []
    public var companyIDs: [String] = []
    public var prerequisites: [String] = []
    public var bundledBy: [Int] = []
    public var supersededBy: [Int] = []
    public var payloadFileIDs: [String] = []
    public var line: Int = 0

    public init() {}
}

public struct WSUSFileLocation: Sendable, Equatable {
    public let fileID: String
    public let url: String
    /// The KB named in the payload's file name (`…-kb4074590-x64_….msu`), if any: found when the location is
    /// read, on the parsing thread, rather than by the ledger's.
    public let kb: KB?

    public init(fileID: String, url: String) {
        self.fileID = fileID
        self.url = url
        kb = url.utf8.withContiguousStorageIfAvailable(Self.kb(in:)) ?? Self.kb(in: Array(url.utf8))
    }

    private static func kb(in bytes: some RandomAccessCollection<UInt8>) -> KB? {
        var index = bytes.startIndex
        while bytes.distance(from: index, to: bytes.endIndex) > 2 {
            let next = bytes.index(after: index)
            let isK = bytes[index] | 0x20 == UInt8(ascii: "k") && bytes[next] | 0x20 == UInt8(ascii: "b")
            let startsWord = index == bytes.startIndex || !isLetter(bytes[bytes.index(before: index)])
            if isK, startsWord {
                var end = bytes.index(after: next)
                var number = 0
                var digits = 0
                while end < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]), digits < 10 {
                    number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end = bytes.index(after: end)
                    digits += 1
                }
                if digits >= 6 { return KB(number) }
            }
            index = next
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}

/// What the metadata fragments say of one revision; every field is optional because each fragment holds a part.
public struct WSUSMetadata: Sendable, Equatable {
    public var revisionID: Int
    public var kb: KB?
    public var severity: Severity?
    public var securityBulletinID: String?
    public var title: String?
    public var description: String?
    public var updateType: String?
    public var supersededUpdateIDs: [String] = []
    public var rebootBehavior: String?

    public init(revisionID: Int) {
        self.revisionID = revisionID
    }
}

/// The root element's identity: one package.xml release.
public struct WSUSPackageInfo: Sendable, Equatable {
    public var packageID: String
    public var created: String

    public init(packageID: String, created: String) {
        self.packageID = packageID
        self.created = created
    }
}

/// What a sink says on seeing a package's root.
public enum WSUSPackageDecision: Sendable {
    case read
    /// Stop at the root: nothing more of the package is read or handed on.
    case skip
}

/// Where a package.xml reader sends what it reads, in document order: the package, then updates, then
/// file locations (which package.xml lists after all updates).
public protocol WSUSPackageSink: AnyObject {
    /// Sees the package's root first, and says whether to read it (`.skip`: older than the one held).
    func begin(_ package: WSUSPackageInfo) throws -> WSUSPackageDecision
    /// Takes the update: a sink keeps its strings and lists without copying them.
    func consume(_ update: consuming WSUSUpdate) throws
    func consume(_ location: WSUSFileLocation) throws
}
