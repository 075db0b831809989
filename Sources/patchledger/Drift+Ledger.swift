import PatchLedgerCore
import PatchLedgerStore

extension Drift {
    /// Drift over what the ledger holds; refresh its findings first.
    init(ledger: Ledger, vm: String? = nil, group: String? = nil, since: CalendarDate?, until: CalendarDate) throws {
        let (histories, exposures) = try ledger.driftHistories(vm: vm, group: group, since: since, until: until)
        self.init(histories: histories, exposures: exposures, since: since, until: until)
    }
}
