/// What one catalog import brought in: `drift --catalog`.
public struct CatalogChange: Sendable, Codable {
    public var importRecord: ImportRecord
    /// CVEs of the document as that import left it (MSRC documents still held at that revision).
    public var cves: Int?
    /// KBs the document releases (MSRC: those whose release month it is).
    public var releases: [String]

    public init(importRecord: ImportRecord, cves: Int?, releases: [String]) {
        self.importRecord = importRecord
        self.cves = cves
        self.releases = releases
    }
}
