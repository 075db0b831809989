import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerStore

@main
struct PatchLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patchledger",
        abstract: "Update-compliance ledger for fleets of Windows VMs.",
        subcommands: [
            Import.self, Catalog.self, VMs.self, Scan.self, Lag.self, DriftCommand.self, Report.self, Demo.self,
        ]
    )

    static let toolVersion = "0.5.0"

    @Flag(help: "Print the tool's version, the ledger schema it writes, and the newest catalog document held.")
    var version = false

    @OptionGroup var ledger: LedgerOptions

    /// Options every subcommand takes, given before it (`patchledger --db X scan`), are passed on to it.
    static func main() async {
        await main(GlobalOptions.passedToSubcommand(Array(CommandLine.arguments.dropFirst())))
    }

    func run() async throws {
        guard version else { throw CleanExit.helpRequest(self) }
        let schema = Ledger.schemaVersion
        print("patchledger \(Self.toolVersion)")
        print("ledger schema \(schema.number) (\(schema.name))")
        let path = ledger.path
        guard FileManager.default.fileExists(atPath: path) else {
            print("catalog: no ledger at \(path)")
            return
        }
        let coverage = try exitingOnError { try ledger.openExisting().catalogCoverage() }
        if let newest = coverage.newestRelease {
            print("catalog: newest document \(coverage.newestDocument ?? "-"), released \(newest) (\(path))")
        } else {
            print("catalog: none in \(path)")
        }
    }
}

/// Moves `--db` given before the subcommand to after it: swift-argument-parser reads a command's options
/// only after its name.
enum GlobalOptions {
    static func passedToSubcommand(_ arguments: [String]) -> [String] {
        var rest = arguments
        var moved: [String] = []
        while let first = rest.first, first.hasPrefix("-") {
            if first == "--db", rest.count >= 2 {
                moved += rest.prefix(2)
                rest.removeFirst(2)
            } else if first.hasPrefix("--db=") {
                moved.append(rest.removeFirst())
            } else {
                break
            }
        }
        // Nothing to pass on, or nothing to pass it to: the root reads it (`patchledger --db X --version`).
        guard !moved.isEmpty, let command = rest.first, !command.hasPrefix("-") else { return arguments }
        let end = rest.firstIndex(of: "--") ?? rest.endIndex
        return Array(rest[..<end]) + moved + Array(rest[end...])
    }
}
