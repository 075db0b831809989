/// A Windows version `major.minor.build.UBR` such as MSRC's FixedBuild `10.0.17763.4645`.
///
/// Two builds compare only on the same build line (`10.0.17763`): a KB can list FixedBuilds for several lines.
public struct WindowsBuild: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let build: Int
    public let revision: Int

    public init(major: Int, minor: Int, build: Int, revision: Int) {
        self.major = major
        self.minor = minor
        self.build = build
        self.revision = revision
    }

    /// Parses four dot-separated numbers; `nil` for browser versions, Linux package versions and the like
    /// that MSRC also writes into FixedBuild.
    public init?(parsing text: some StringProtocol) {
        let parts = text.trimmingWhitespace().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let numbers = parts.compactMap { part in part.allSatisfy(\.isASCIIDigit) ? Int(part) : nil }
        guard numbers.count == 4 else { return nil }
        self.init(major: numbers[0], minor: numbers[1], build: numbers[2], revision: numbers[3])
    }

    /// The build line, `10.0.17763`, on which revisions (UBRs) are ordered.
    public var line: String { "\(major).\(minor).\(build)" }

    public var description: String { "\(line).\(revision)" }

    public static func < (lhs: WindowsBuild, rhs: WindowsBuild) -> Bool {
        (lhs.major, lhs.minor, lhs.build, lhs.revision) < (rhs.major, rhs.minor, rhs.build, rhs.revision)
    }
}
