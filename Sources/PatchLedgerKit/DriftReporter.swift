import PatchLedgerCore
import PatchLedgerStore

/// The drift task: what changed between scans over a window, for the fleet or one VM or group, with the
/// findings brought up to date first.
public struct DriftReporter {
    public init(vm: String? = nil, group: String? = nil, since: CalendarDate?, until: CalendarDate) {
        selection = FleetSelection(vm: vm, group: group)
        self.since = since
        self.until = until
    }

    /// `--vm` and `--group` (drift has no `--product`).
    public var selection: FleetSelection
    /// The window's start: `nil` compares each VM's last two scans, and the fleet's trend covers 30 days.
    public var since: CalendarDate?
    public var until: CalendarDate

    /// - Returns: the drift, and the VMs whose latest scan by the window's end was not evaluated (a product the
    ///   catalog does not know: not judged).
    /// - Throws: `SelectionError` when the selection names nothing the ledger holds.
    public func run(on ledger: Ledger) throws -> (drift: Drift, unknownProduct: [String]) {
        if selection.vm != nil || selection.group != nil {
            let vms = try ledger.vmNames()
            try selection.validate(vms: vms.map(\.vm), groups: vms.map(\.group), products: [])
        }
        try ledger.refreshFindings()
        let histories = try ledger.driftHistories(
            vm: selection.vm, group: selection.group, since: since, until: until)
        let unknown = histories.filter { history in
            Drift.compared(history.scans, since: nil, until: until).map { !history.scans[$0.to].evaluated } ?? false
        }
        return (Drift(histories: histories, since: since, until: until), unknown.map(\.vm))
    }
}
