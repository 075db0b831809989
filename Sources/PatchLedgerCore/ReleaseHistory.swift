/// Release history per product line and build, for what the catalog lacks: builds before MSRC wrote FixedBuilds
/// (2021), and previews and out-of-band releases that MSRC never lists.
///
/// Asked by product: the product's own line answers. A line with no rows of its own at that build borrows the
/// rows of no known line (`ReleaseLine.unknown`), else those of the other line of the build: lines that share a
/// build ship the same monthly packages (KB5028168 is 17763.4645 on Windows Server 2019 and Windows 10 1809),
/// though general-availability dates, previews and some out-of-band releases differ, which is why a line's own
/// rows, once imported, always win.
public struct ReleaseHistory: Sendable {
    /// A line and a build, as one integer: the hot path (every installed KB of every VM state) hashes no string.
    private typealias Key = Int
    private var lineIDs: [String: Int] = [ReleaseLine.unknown: 0]
    private var byKey: [Key: [Release]] = [:]
    private var byKB: [Key: [KB: Release]] = [:]
    /// The keys holding rows of each build, the unknown line's first.
    private var keysOfBuild: [Int: [Key]] = [:]

    public init(_ releases: [Release]) {
        for release in releases {
            let line = lineIDs[release.line] ?? lineIDs.count
            lineIDs[release.line] = line
            let key = Self.key(line, release.build)
            byKey[key, default: []].append(release)
            if let kb = release.kb, byKB[key]?[kb].map({ release.ubr < $0.ubr }) ?? true {
                byKB[key, default: [:]][kb] = release
            }
        }
        for key in byKey.keys { byKey[key]?.sort { ($0.ubr, $0.date) < ($1.ubr, $1.date) } }
        for key in byKey.keys.sorted() { keysOfBuild[key & 0xFFFF_FFFF, default: []].append(key) }
    }

    private static func key(_ line: Int, _ build: Int) -> Key { line << 32 | build }

    public var isEmpty: Bool { byKey.isEmpty }

    /// Every KB a release brings, in KB order.
    var kbs: [KB] { Set(byKB.values.flatMap(\.keys)).sorted() }

    /// The id of a product's line for `release(of:line:build:)`; 0 (rows of no known line only) when the history
    /// holds none of it.
    public func lineID(product: String) -> Int { lineIDs[ReleaseLine.of(product: product)] ?? 0 }

    /// The rows that answer for `line` at `build`, in order: its own alone, else the unknown line's and the other
    /// line's.
    private func keys(line: Int, build: Int) -> ArraySlice<Key> {
        let own = Self.key(line, build)
        if byKey[own] != nil { return [own] }
        return keysOfBuild[build]?[...] ?? []
    }

    public func releases(product: String, build: Int) -> [Release] {
        keys(line: lineID(product: product), build: build).first.flatMap { byKey[$0] } ?? []
    }

    /// The newest release at or below `version`'s UBR on the product's line: what a machine at that build has.
    public func level(at version: OSVersion, product: String) -> Release? {
        guard let ubr = version.ubr else { return nil }
        return releases(product: product, build: version.build).last { $0.ubr <= ubr }
    }

    /// The build a KB brings the line (a `lineID(product:)`) to, when the history lists it.
    public func release(of kb: KB, line: Int, build: Int) -> Release? {
        for key in keys(line: line, build: build) {
            if let release = byKB[key]?[kb] { return release }
        }
        return nil
    }
}
