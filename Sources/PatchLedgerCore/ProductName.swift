/// Product names as catalogs write them, and the aliases under which inventories may name the same product.
public enum ProductName {
    /// The name with white space folded: MSRC writes "Windows Server 2016  (Server Core installation)".
    public static func canonical(_ name: String) -> String {
        name.collapsingWhitespace()
    }

    /// The product an installation option belongs to: "Windows Server 2016 (Server Core installation)"
    /// is a "Windows Server 2016", which is all a systeminfo capture can tell.
    public static func base(_ name: String) -> String {
        let canonical = canonical(name)
        for suffix in [" (Server Core installation)", " (Server Core Installation)"] where canonical.hasSuffix(suffix) {
            return String(canonical.dropLast(suffix.count))
        }
        return canonical
    }

    /// Every spelling that should find the product: its canonical name, the name as written, its base.
    public static func aliases(_ name: String) -> [String] {
        var result: [String] = []
        for alias in [canonical(name), name, base(name)] where !result.contains(alias) && !alias.isEmpty {
            result.append(alias)
        }
        return result
    }
}
