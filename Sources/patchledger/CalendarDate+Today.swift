import Foundation
import PatchLedgerCore

extension CalendarDate {
    /// Today in UTC, the default evaluation date.
    static func today() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
