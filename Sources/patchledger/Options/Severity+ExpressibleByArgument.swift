import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import PatchLedgerReport

extension Severity: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }

    /// By name: the raw values (1–4) are an implementation detail, and not accepted.
    public static var allValueStrings: [String] { allCases.map { $0.description.lowercased() } }
}
