import ArgumentParser
import Foundation
import PatchLedgerStore

/// `--db`, shared by every command that reads or writes the ledger.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger file (default: $PATCHLEDGER_DB, else ./patchledger.sqlite).")
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["PATCHLEDGER_DB"] ?? "patchledger.sqlite"
    }

    func open() throws -> Ledger {
        try Ledger(path: path)
    }
}
