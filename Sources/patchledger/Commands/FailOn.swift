import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import PatchLedgerReport

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case critical, important, moderate, low, any

    var severity: Severity? { Severity(parsing: rawValue) }
}
