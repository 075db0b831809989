import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerStore

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
