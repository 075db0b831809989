/// One release of a Windows build line as Microsoft's update history lists it:
/// `LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168`.
public struct Release: Hashable, Sendable {
    public var channel: String
    public var month: String
    /// `B` (Patch Tuesday security release), `C`/`D` (previews), `OOB` (out of band)…
    public var type: String
    public var date: CalendarDate
    public var build: Int
    public var ubr: Int
    /// `nil` for a general-availability build (type `A`), which ships in images, not as an update.
    public var kb: KB?

    public init(channel: String, month: String, type: String, date: CalendarDate, build: Int, ubr: Int, kb: KB?) {
        self.channel = channel
        self.month = month
        self.type = type
        self.date = date
        self.build = build
        self.ubr = ubr
        self.kb = kb
    }

    /// Patch Tuesday's security release.
    public var isSecurityRelease: Bool { type.uppercased() == "B" }
}

/// Release history per build line, for what the catalog lacks: builds before MSRC wrote FixedBuilds (2021),
/// and previews and out-of-band releases that MSRC never lists.
public struct ReleaseHistory: Sendable {
    private var byBuild: [Int: [Release]] = [:]
    /// Keyed by build and KB: the engine asks this for every installed KB of every VM state.
    private var byKB: [Int: [KB: Release]] = [:]

    public init(_ releases: [Release]) {
        for release in releases {
            byBuild[release.build, default: []].append(release)
            if let kb = release.kb, byKB[release.build]?[kb].map({ release.ubr < $0.ubr }) ?? true {
                byKB[release.build, default: [:]][kb] = release
            }
        }
        for key in byBuild.keys { byBuild[key]?.sort { ($0.ubr, $0.date) < ($1.ubr, $1.date) } }
    }

    public var isEmpty: Bool { byBuild.isEmpty }

    /// Every KB a release brings, in KB order.
    var kbs: [KB] { Set(byKB.values.flatMap(\.keys)).sorted() }

    public func releases(build: Int) -> [Release] { byBuild[build] ?? [] }

    /// The newest release at or below `version`'s UBR on its build line: what a machine at that build has.
    public func level(at version: OSVersion) -> Release? {
        guard let ubr = version.ubr else { return nil }
        return releases(build: version.build).last { $0.ubr <= ubr }
    }

    /// The build a KB brings its line to, when the history lists it.
    public func release(of kb: KB, build: Int) -> Release? {
        byKB[build]?[kb]
    }
}
