import Foundation
import PatchLedgerCore
import PatchLedgerImport

/// A sink that only counts, to time the reader without the ledger.
final class CountingSink: WSUSPackageSink {
    var updates = 0
    var locations = 0
    func begin(_ package: WSUSPackageInfo) throws -> WSUSPackageDecision { .read }
    func consume(_ update: WSUSUpdate) throws { updates += 1 }
    func consume(_ location: WSUSFileLocation) throws { locations += 1 }
}
