import Foundation
import PatchLedgerCore

extension Ledger {
    /// A manifest's `tags` JSON object as text values; empty when absent or not an object.
    static func tags(_ json: String?) -> [String: String] {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return [:]
        }
        return object.mapValues { "\($0)" }
    }
}
