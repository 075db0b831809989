/// Update subtypes as MSRC names them, for sources that only have a title (WSUS).
public enum UpdateSubtype {
    /// "2023-07 Cumulative Update for Windows Server 2019 …" → "Cumulative"; `nil` when the title says nothing.
    public static func fromTitle(_ title: String?) -> String? {
        guard let title = title?.lowercased() else { return nil }
        if title.contains("security only") { return "Security Only" }
        if title.contains("monthly quality rollup") || title.contains("monthly rollup") { return "Monthly Rollup" }
        if title.contains("cumulative update") { return "Cumulative" }
        if title.contains("security update") { return "Security Update" }
        return nil
    }
}
