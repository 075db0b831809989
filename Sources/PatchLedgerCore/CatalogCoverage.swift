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
    /// Months between the first and the newest MSRC document that have no document.
    public var missingMonths: [CatalogMonth]
    /// Each product's first and newest release days in the catalog, keyed by `productKey`.
    public var releasesByProduct: [String: ClosedRange<CalendarDate>]

    public init(
        classifications: [String], hasUpdates: Bool, newestRelease: CalendarDate?, newestDocument: String?,
        missingMonths: [CatalogMonth] = [], releasesByProduct: [String: ClosedRange<CalendarDate>] = [:]
    ) {
        self.classifications = classifications
        self.hasUpdates = hasUpdates
        self.newestRelease = newestRelease
        self.newestDocument = newestDocument
        self.missingMonths = missingMonths
        self.releasesByProduct = Dictionary(
            releasesByProduct.map { (Self.productKey($0.key), $0.value) },
            uniquingKeysWith: { min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound) })
    }

    /// Product names match as the engine matches them: in any letter case (MSRC wrote "Windows 11 version
    /// 21H2" for years), an installation option as its base product.
    static func productKey(_ name: String) -> String { ProductName.base(name).lowercased() }

    /// The missing months, up to `asOf`, that may change the answer for `products`, and those products.
    ///
    /// A run of consecutive missing months concerns a product whose first update in the catalog came out by the
    /// run's end and whose newest came out in the month before the run or later: it was being serviced when the
    /// documents stop, so any month of the run may hold its updates (Windows 11 21H2: newest in the catalog
    /// 2024-06, documents of 2024-07 … 2025-05 missing; its final update, 2024-10, is unknown).
    public func gaps(affecting products: some Sequence<String>, asOf: CalendarDate) -> (
        months: [CatalogMonth], products: [String]
    ) {
        var runs: [[CatalogMonth]] = []
        for month in missingMonths where month <= CatalogMonth(asOf) {
            if let last = runs.last?.last, last.next == month {
                runs[runs.count - 1].append(month)
            } else {
                runs.append([month])
            }
        }
        var months: Set<CatalogMonth> = []
        var affected: [String] = []
        for product in Set(products).sorted() {
            guard let releases = releasesByProduct[Self.productKey(product)] else { continue }
            let serviced = runs.filter { run in
                CatalogMonth(releases.lowerBound) <= run[run.count - 1]
                    && CatalogMonth(releases.upperBound) >= run[0].previous
            }
            if !serviced.isEmpty {
                affected.append(product)
                months.formUnion(serviced.joined())
            }
        }
        return (months.sorted(), affected)
    }

    public var isEmpty: Bool { !hasUpdates }

    /// Days from the newest release to `day`; `nil` without a catalog.
    public func age(on day: CalendarDate) -> Int? {
        newestRelease.map { day.daysSinceEpoch - $0.daysSinceEpoch }
    }
}
