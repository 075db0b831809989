/// A month of MSRC's monthly documents, named as their IDs name it (`2024-Jul`, `2018-FEB`).
public struct CatalogMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1…12.
    public let month: Int

    static let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// A document ID such as `2024-Jul` (any letter case); `nil` for any other ID.
    public init?(documentID: String) {
        let parts = documentID.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), (1990...2200).contains(year),
            let index = Self.names.firstIndex(where: { $0.lowercased() == parts[1].lowercased() })
        else { return nil }
        self.init(year: year, month: index + 1)
    }

    public init(_ day: CalendarDate) { self.init(year: day.year, month: day.month) }

    public var description: String { "\(year)-\(Self.names[month - 1])" }

    public var next: CatalogMonth {
        month == 12 ? .init(year: year + 1, month: 1) : .init(year: year, month: month + 1)
    }
    public var previous: CatalogMonth {
        month == 1 ? .init(year: year - 1, month: 12) : .init(year: year, month: month - 1)
    }

    public static func < (lhs: CatalogMonth, rhs: CatalogMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// The months between the first and the last of `held` that are not held, in order.
    public static func gaps(in held: some Sequence<CatalogMonth>) -> [CatalogMonth] {
        let months = Set(held)
        guard var month = months.min(), let last = months.max() else { return [] }
        var missing: [CatalogMonth] = []
        while month < last {
            month = month.next
            if !months.contains(month) { missing.append(month) }
        }
        return missing
    }
}
