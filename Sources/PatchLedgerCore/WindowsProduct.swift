/// Maps what an inventory says about its OS (name, version, architecture) to the product name the catalogs
/// use, so that a scan of a Server 2016 VM finds the updates listed for "Windows Server 2016".
public enum WindowsProduct {
    /// The catalog product name, or `nil` when the facts are not enough to tell (a bare wmic qfe list,
    /// a build shared by client and server with no OS name, a client OS of unknown architecture).
    ///
    /// The build decides the release; the OS name only whether it is a server ("Microsoft Windows Server
    /// 2019 Datacenter", "Microsoft Windows 7 Entreprise N": edition and display language do not matter).
    public static func catalogName(osName: String?, version: OSVersion?, architecture: Architecture?) -> String? {
        guard let version else { return nil }
        let isServer: Bool
        if let osName, !osName.trimmingWhitespace().isEmpty {
            isServer = osName.lowercased().contains("server")
        } else if let known = serverOnlyOrClientOnly(build: version.build) {
            isServer = known
        } else {
            return nil
        }
        return isServer ? serverName(version.build, architecture) : clientName(version.build, architecture)
    }

    static func serverName(_ build: Int, _ architecture: Architecture?) -> String? {
        switch build {
        case 26100: return "Windows Server 2025"
        case 25398: return "Windows Server 2022, 23H2 Edition"
        case 20348: return "Windows Server 2022"
        case 17763: return "Windows Server 2019"
        case 14393: return "Windows Server 2016"
        case 9600: return "Windows Server 2012 R2"
        case 9200: return "Windows Server 2012"
        case 7601: return architecture.map { "Windows Server 2008 R2 \($0.productSuffix) Service Pack 1" }
        case 6002, 6003: return architecture.map { "Windows Server 2008 \($0.productSuffix) Service Pack 2" }
        default: return semiAnnualServer[build].map { "Windows Server, version \($0)" }
        }
    }

    static func clientName(_ build: Int, _ architecture: Architecture?) -> String? {
        guard let architecture else { return nil }
        let suffix = architecture.productSuffix
        switch build {
        case 7601: return "Windows 7 \(suffix) Service Pack 1"
        case 9600: return "Windows 8.1 \(suffix)"
        case 10240: return "Windows 10 \(suffix)"
        default:
            if let release = windows11[build] { return "Windows 11 Version \(release) \(suffix)" }
            if let release = windows10[build] { return "Windows 10 Version \(release) \(suffix)" }
            return nil
        }
    }

    /// `true` (server) or `false` (client) for builds only one of them ever shipped on; `nil` when shared.
    private static func serverOnlyOrClientOnly(build: Int) -> Bool? {
        if [20348, 25398].contains(build) { return true }
        if [7601, 9600, 9200, 14393, 17763, 26100].contains(build) || semiAnnualServer[build] != nil { return nil }
        if build == 10240 || windows10[build] != nil || windows11[build] != nil { return false }
        return nil
    }

    private static let windows10: [Int: String] = [
        10586: "1511", 14393: "1607", 15063: "1703", 16299: "1709", 17134: "1803", 17763: "1809", 18362: "1903",
        18363: "1909", 19041: "2004", 19042: "20H2", 19043: "21H1", 19044: "21H2", 19045: "22H2",
    ]

    private static let windows11: [Int: String] = [
        22000: "21H2", 22621: "22H2", 22631: "23H2", 26100: "24H2", 26200: "25H2",
    ]

    private static let semiAnnualServer: [Int: String] = [
        16299: "1709", 17134: "1803", 18362: "1903", 18363: "1909", 19041: "2004", 19042: "20H2",
    ]
}
