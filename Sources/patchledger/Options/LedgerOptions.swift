import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerKit
import PatchLedgerStore

/// `--db`, shared by every command that reads or writes the ledger.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger file (default: $PATCHLEDGER_DB, else ./patchledger.sqlite).")
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["PATCHLEDGER_DB"] ?? "patchledger.sqlite"
    }

    /// Opens the ledger, creating it if it does not exist: for the commands that import.
    func open() throws -> Ledger {
        try Ledger(path: path, whileWaiting: Self.reportWait)
    }

    /// Opens a ledger that exists, for a command that only reads: it never creates one (a mistyped `--db`
    /// would otherwise scan an empty ledger and pass), nor waits for an import in progress.
    func openExisting() throws -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationFailure(
                "no ledger at \(path): import a catalog and inventories into it first, or name another with --db "
                    + "or PATCHLEDGER_DB")
        }
        return try Ledger.reading(path: path, whileWaiting: Self.reportWait)
    }

    /// Said once when another command's write transaction has held this one up for a second.
    private static let reportWait: @Sendable () -> Void = {
        printError("waiting for the ledger: another command is writing to it; this one goes on when it ends")
    }
}
