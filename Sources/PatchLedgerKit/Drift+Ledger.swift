import PatchLedgerCore
import PatchLedgerStore

extension Drift {
    /// Drift over what the ledger holds; refresh its findings first.
    public init(ledger: Ledger, vm: String? = nil, group: String? = nil, since: CalendarDate?, until: CalendarDate)
        throws
    {
        self.init(
            histories: try ledger.driftHistories(vm: vm, group: group, since: since, until: until), since: since,
            until: until)
    }
}
