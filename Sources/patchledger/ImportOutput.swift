/// What every import prints (README, "Commands"): a line per file or snapshot and one summary line on
/// stdout, warnings on stderr. Under `--quiet` the per-item lines and the progress line are left out and the
/// warnings are counted rather than listed: the summary and the count stay.
struct ImportOutput {
    static let quietHelp = "No progress line and no per-file lines: the summary, and a count of the warnings."

    var quiet: Bool

    func print(lines: [String], summary: String, warnings: [String]) {
        if !quiet { lines.forEach { Swift.print($0) } }
        Swift.print(summary)
        if quiet {
            if !warnings.isEmpty {
                printError(
                    "warning: \(warnings.count) warning\(warnings.count == 1 ? "" : "s") (run without --quiet to list them)"
                )
            }
        } else {
            warnings.forEach { printError("warning: \($0)") }
        }
    }
}
