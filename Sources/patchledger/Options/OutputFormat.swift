import ArgumentParser
import Foundation
import PatchLedgerReport

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
