/// One MSRC CVRF document as read: its tracking data, product tree and vulnerabilities.
///
/// CVRF documents are a few MB, so the reader streams the XML but hands the store one whole document: the
/// store then compares it with the revision it holds before touching anything.
public struct CVRFDocument: Sendable, Equatable {
    /// `DocumentTracking/Identification/ID`, e.g. `2018-FEB` (letter case varies between months).
    public var id: String = ""
    public var title: String = ""
    public var revision: String = ""
    public var initialRelease: CalendarDate?
    public var currentRelease: CalendarDate?
    public var products: [CVRFProduct] = []
    public var vulnerabilities: [CVRFVulnerability] = []

    public init() {}
}

public struct CVRFProduct: Sendable, Equatable {
    /// MSRC's ProductID; composite ids such as `10486-10816` name an application on an OS.
    public var productID: String
    public var name: String
    public var family: String?

    public init(productID: String, name: String, family: String?) {
        self.productID = productID
        self.name = name
        self.family = family
    }
}

public struct CVRFVulnerability: Sendable, Equatable {
    public var cve: String = ""
    public var title: String = ""
    /// Impact, severity, exploit status and CVSS base score per ProductID.
    public var threats: [String: CVRFThreat] = [:]
    public var remediations: [CVRFRemediation] = []
    public var line: Int = 0

    public init() {}
}

public struct CVRFThreat: Sendable, Equatable {
    public var severity: Severity?
    public var impact: String?
    public var exploitStatus: String?
    public var cvssBase: Double?

    public init(severity: Severity? = nil, impact: String? = nil, exploitStatus: String? = nil, cvssBase: Double? = nil)
    {
        self.severity = severity
        self.impact = impact
        self.exploitStatus = exploitStatus
        self.cvssBase = cvssBase
    }
}

/// A `Remediation Type="Vendor Fix"` that names a KB.
public struct CVRFRemediation: Sendable, Equatable {
    public var kb: KB
    public var url: String?
    public var supersedes: [Supersedes] = []
    public var subtype: String?
    public var restartRequired: Bool?
    /// Kept as written: MSRC also puts browser and Linux package versions here.
    public var fixedBuild: String?
    public var productIDs: [String] = []
    public var line: Int = 0

    public init(kb: KB) {
        self.kb = kb
    }
}
