/// Since when each VM has lacked what it must install: the first scan that showed each open finding missing, as
/// of the end of a day. The report's "since" column and each VM's "not compliant since".
public struct OpenFindings: Sendable {
    /// VM name → KB (its own, before folding) → first seen.
    private var firstSeen: [String: [String: Timestamp]] = [:]

    public init(_ histories: [VMHistory], asOf day: CalendarDate) {
        let end = Timestamp(day, hour: 23, minute: 59, second: 59)
        for history in histories {
            for finding in history.findings where finding.isOpen(at: end) {
                firstSeen[finding.vm, default: [:]][finding.kb] = finding.firstSeen
            }
        }
    }

    /// The earliest open finding of the VM among `kbs` (an update to install and the missing ones it covers), or of
    /// all its findings when `kbs` is `nil`.
    public func since(vm: String, kbs: [String]? = nil) -> Timestamp? {
        guard let open = firstSeen[vm] else { return nil }
        guard let kbs else { return open.values.min() }
        return kbs.compactMap { open[$0] }.min()
    }
}
