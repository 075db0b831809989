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
