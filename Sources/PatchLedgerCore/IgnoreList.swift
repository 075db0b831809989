/// Accepted risks (README, "Scan"): updates not to fail on, named by KB or by CVE, each with a reason, for a VM,
/// a group or everywhere, optionally until a day. An ignored update is listed apart, never dropped silently.
public struct IgnoreList: Sendable, Equatable {
    public enum Scope: Sendable, Equatable {
        case everywhere
        case vm(String)
        case group(String)
    }

    public struct Entry: Sendable, Equatable {
        public var file: String
        public var line: Int
        /// `KB5029247` or `CVE-2023-32046`, as the catalog spells them.
        public var key: String
        public var scope: Scope
        /// The last day it holds; `nil`: no end.
        public var until: CalendarDate?
        public var reason: String

        public init(file: String, line: Int, key: String, scope: Scope, until: CalendarDate?, reason: String) {
            self.file = file
            self.line = line
            self.key = key
            self.scope = scope
            self.until = until
            self.reason = reason
        }

        public var position: String { "\(file):\(line)" }

        func applies(to vm: String, group: String?) -> Bool {
            switch scope {
            case .everywhere: true
            case .vm(let name): name.lowercased() == vm.lowercased()
            case .group(let name): group.map { name.lowercased() == $0.lowercased() } ?? false
            }
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Whether any entry names a CVE (then an update's CVEs are looked up, else only its KB).
    var namesCVEs: Bool { entries.contains { $0.key.hasPrefix("CVE-") } }

    /// The entries in force on `day`.
    public func active(on day: CalendarDate) -> IgnoreList {
        IgnoreList(entries: entries.filter { $0.until.map { $0 >= day } ?? true })
    }

    /// The entries whose last day is before `day`: they no longer ignore anything, and say so.
    public func expired(on day: CalendarDate) -> [Entry] {
        entries.filter { $0.until.map { $0 < day } ?? false }
    }

    /// The entry that accepts an update for this VM: one naming its KB, else, when entries name every open
    /// CVE it closes, the first of those. An update with one unaccepted CVE is not ignored.
    func entry(vm: String, group: String?, kb: String, cves: [String]) -> Int? {
        let applicable = entries.indices.filter { entries[$0].applies(to: vm, group: group) }
        if let byKB = applicable.first(where: { entries[$0].key == kb }) { return byKB }
        guard !cves.isEmpty else { return nil }
        var first: Int?
        for cve in cves {
            guard let index = applicable.first(where: { entries[$0].key == cve }) else { return nil }
            first = min(first ?? index, index)
        }
        return first
    }
}
