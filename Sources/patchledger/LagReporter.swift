import Foundation
import PatchLedgerCore
import PatchLedgerStore

/// Loads what an image-lag report needs from the ledger, once, and computes it.
struct LagReporter {
    var asOf: CalendarDate
    var maxDays: Int

    func run(on ledger: Ledger, image: String? = nil, group: String? = nil) throws -> ImageLag {
        let policy = ComplianceEngine.Policy(classifications: Classification.scannedByDefault, asOf: asOf)
        let inputs = try ScanInputs.load(ledger, policy: policy) { target in
            (image.map { target.image == $0 } ?? true)
                && (group.map { target.group?.caseInsensitiveCompare($0) == .orderedSame } ?? true)
        }
        return ImageLag(targets: inputs.targets, engine: inputs.engine, history: inputs.history, maxDays: maxDays)
    }
}
