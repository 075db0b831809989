/// A Windows version as inventories state it: `10.0.17763`, and the update build revision (UBR) when known.
///
/// Unlike `WindowsBuild` the UBR is optional: systeminfo and wmic never print it.
public struct OSVersion: Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let build: Int
    public let ubr: Int?

    public init(major: Int, minor: Int, build: Int, ubr: Int? = nil) {
        self.major = major
        self.minor = minor
        self.build = build
        self.ubr = ubr
    }

    /// Parses `10.0.17763`, `10.0.17763.4645`, or a bare build with optional UBR (`17763`, `14393.2068`),
    /// taking major and minor from the build number; text after the numbers (` N/A Build 17763`) is ignored.
    public init?(parsing text: some StringProtocol) {
        let head = text.trimmingWhitespace().prefix { $0.isASCIIDigit || $0 == "." }
        let numbers = head.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard !numbers.isEmpty, !numbers.contains(nil) else { return nil }
        let values = numbers.compactMap { $0 }
        switch values.count {
        case 1, 2:
            guard let (major, minor) = Self.majorMinor(build: values[0]) else { return nil }
            self.init(major: major, minor: minor, build: values[0], ubr: values.count == 2 ? values[1] : nil)
        case 3, 4:
            guard values[2] >= 2600 else { return nil }
            self.init(major: values[0], minor: values[1], build: values[2], ubr: values.count == 4 ? values[3] : nil)
        default:
            return nil
        }
    }

    /// The build line, `10.0.17763`, as in MSRC's FixedBuild.
    public var line: String { "\(major).\(minor).\(build)" }

    /// The full build when the UBR is known, comparable with FixedBuilds.
    public var windowsBuild: WindowsBuild? {
        ubr.map { WindowsBuild(major: major, minor: minor, build: build, revision: $0) }
    }

    public var description: String { ubr.map { "\(line).\($0)" } ?? line }

    /// This version with the UBR of `other` when both are on the same build line and this one has none.
    public func filling(ubrFrom other: OSVersion?) -> OSVersion {
        guard ubr == nil, let other, other.line == line, let ubr = other.ubr else { return self }
        return OSVersion(major: major, minor: minor, build: build, ubr: ubr)
    }

    private static func majorMinor(build: Int) -> (Int, Int)? {
        switch build {
        case 10240...: (10, 0)
        case 9600: (6, 3)
        case 9200: (6, 2)
        case 7600, 7601: (6, 1)
        case 6000...6003: (6, 0)
        default: nil
        }
    }
}
