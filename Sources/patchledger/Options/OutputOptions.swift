import ArgumentParser
import Foundation
import PatchLedgerReport

/// `--format`, shared by every command that prints a result.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .table

    @Flag(help: "Tables at full width (by default they fit the terminal, or $COLUMNS).")
    var wide = false

    @Flag(help: "No colour for severities (also with NO_COLOR set; never when stdout is not a terminal).")
    var noColor = false

    /// Sets the width tables fit and whether severities have colour, once parsing is done and before the
    /// command renders anything.
    func validate() throws {
        TextTable.maxWidth = wide ? nil : Self.terminalWidth()
        Style.colours =
            !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
            && isatty(STDOUT_FILENO) == 1
    }

    /// `$COLUMNS`, else the width of the terminal stdout is; `nil` when neither says (a pipe, a file).
    static func terminalWidth() -> Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return nil
        }
        return Int(size.ws_col)
    }
}
