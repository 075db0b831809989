import Foundation
import PatchLedgerCore
import PatchLedgerStore

/// Loads what an image-lag report needs from the ledger, once, and computes it.
public struct LagReporter {
    public init(asOf: CalendarDate, maxDays: Int) {
        self.asOf = asOf
        self.maxDays = maxDays
    }

    public var asOf: CalendarDate
    public var maxDays: Int

    /// - Returns: the lag, and the scanned VMs whose product the catalog does not know (not judged).
    public func run(on ledger: Ledger, image: String? = nil, group: String? = nil) throws -> (
        lag: ImageLag, unknownProduct: [String]
    ) {
        let policy = ComplianceEngine.Policy(classifications: Classification.scannedByDefault, asOf: asOf)
        let selection = FleetSelection(group: group)
        let inputs = try ScanInputs.load(
            ledger, policy: policy,
            validate: { targets in
                try selection.validate(against: targets)
                try FleetSelection.check("--image", image, known: targets.compactMap(\.image))
            },
            selected: { target in
                (image.map { target.image?.caseInsensitiveCompare($0) == .orderedSame } ?? true)
                    && selection.contains(target)
            })
        let unknown = inputs.targets.filter { target in
            target.scannedAt != nil && !(target.product.map(inputs.engine.knows(product:)) ?? false)
        }
        return (
            ImageLag(targets: inputs.targets, engine: inputs.engine, history: inputs.history, maxDays: maxDays),
            unknown.map(\.vm)
        )
    }
}
