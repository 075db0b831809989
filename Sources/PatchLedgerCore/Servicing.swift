/// How a Windows product receives its monthly security fixes.
public enum Servicing: String, Sendable {
    /// One cumulative update a month: Windows 10/11, Server 2016 and later.
    case cumulative
    /// A Monthly Rollup, or a Security-Only update instead: Windows 7/8.1, Server 2008 R2/2012/2012 R2.
    case monthlyRollup
    case other

    /// The servicing model of a catalog product name.
    public init(product: String) {
        let name = product.lowercased()
        if name.hasPrefix("windows 10") || name.hasPrefix("windows 11") || name.hasPrefix("windows server, version")
            || ["2016", "2019", "2022", "2025"].contains(where: { name.hasPrefix("windows server \($0)") })
        {
            self = .cumulative
        } else if name.hasPrefix("windows 7") || name.hasPrefix("windows 8.1") || name.hasPrefix("windows rt 8.1")
            || name.hasPrefix("windows server 2008") || name.hasPrefix("windows server 2012")
        {
            self = .monthlyRollup
        } else {
            self = .other
        }
    }
}
