import PatchLedgerCLI
import PatchLedgerCore

/// What every import prints (README, "Commands"): a line per file or snapshot and one summary line on
/// stdout, warnings on stderr, one line per kind with a count (`--verbose`: every one). Under `--quiet` the
/// per-item lines and the progress line are left out and the warnings are counted rather than listed: the
/// summary and the count stay.
struct ImportOutput {
    static let quietHelp = "No progress line and no per-file lines: the summary, and a count of the warnings."
    static let verboseHelp = "Every warning on its own line, not one line per kind with a count."

    var quiet: Bool
    var verbose = false

    func print(lines: [String], summary: String, warnings: [Diagnostic]) {
        if !quiet { lines.forEach { Swift.print($0) } }
        Swift.print(summary)
        guard !warnings.isEmpty else { return }
        if quiet {
            printError(
                "warning: \(warnings.count) warning\(warnings.count == 1 ? "" : "s") (run without --quiet to list them)"
            )
        } else if verbose {
            warnings.forEach { printError("warning: \($0)") }
        } else {
            for group in Self.grouped(warnings) {
                if group.count == 1 {
                    printError("warning: \(group[0])")
                } else {
                    let files = Set(group.map(\.file)).count
                    printError(
                        "warning: \(group[0].kind): \(group.count) in \(files) file\(files == 1 ? "" : "s"), first "
                            + "\(group[0].file) (--verbose lists each)")
                }
            }
        }
    }

    /// Warnings by kind, kinds in the order they first appear.
    static func grouped(_ warnings: [Diagnostic]) -> [[Diagnostic]] {
        var order: [String] = []
        var groups: [String: [Diagnostic]] = [:]
        for warning in warnings {
            if groups[warning.kind] == nil { order.append(warning.kind) }
            groups[warning.kind, default: []].append(warning)
        }
        return order.compactMap { groups[$0] }
    }
}
