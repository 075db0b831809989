/// What the catalog can judge, for the commands that must not pass what it cannot: its classifications,
/// whether it holds anything, and how recent it is.
public struct CatalogCoverage: Sendable, Equatable {
    /// Distinct classifications of its updates, sorted.
    public var classifications: [String]
    /// It holds at least one update.
    public var hasUpdates: Bool
    /// The newest release day of any update; `nil`: no catalog.
    public var newestRelease: CalendarDate?
    /// The document that released it (`2026-Mar`), when a document did.
    public var newestDocument: String?

    public init(
        classifications: [String], hasUpdates: Bool, newestRelease: CalendarDate?, newestDocument: String?
    ) {
        self.classifications = classifications
        self.hasUpdates = hasUpdates
        self.newestRelease = newestRelease
        self.newestDocument = newestDocument
    }

    public var isEmpty: Bool { !hasUpdates }

    /// Days from the newest release to `day`; `nil` without a catalog.
    public func age(on day: CalendarDate) -> Int? {
        newestRelease.map { day.daysSinceEpoch - $0.daysSinceEpoch }
    }
}
