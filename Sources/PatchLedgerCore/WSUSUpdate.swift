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
