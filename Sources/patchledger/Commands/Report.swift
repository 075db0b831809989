import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerKit
import PatchLedgerReport
import PatchLedgerStore

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report: trend, patch age, image lag, worst VMs, top missing updates.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The HTML file to write (else give --format json or csv for the report's figures on stdout).")
    var html: String?

    @Option(
        help: "Report as of this day (default: today).",
        transform: ArgumentValue.date)
    var asOf: CalendarDate?

    @Option(help: "A VM whose latest scan is older than this many days before the report day is a problem.")
    var maxScanAge = ReportWriter.defaultMaxScanAge

    @Flag(
        help: """
            Give every VM with something to install a section of its own (default: the \(HTMLReport.defaultVMSections) \
            worst, to keep the page small enough to open).
            """)
    var allVMs = false

    func validate() throws {
        guard html != nil || output.format != .table else {
            throw ValidationError("give --html FILE for the page, or --format json or csv for its figures")
        }
    }

    func run() async throws {
        try await exitingOnError {
            let ledger = try ledger.openExisting()
            let progress = Progress(quiet: false)
            let writer = ReportWriter(asOf: asOf ?? CalendarDate.today(), maxScanAge: maxScanAge, progress: progress)
            let parts = try await writer.gather(ledger)
            parts.problems.forEach { printError("warning: \($0)") }
            progress.finish()
            if let html {
                let page = parts.page(vmSections: allVMs ? nil : HTMLReport.defaultVMSections)
                guard FileManager.default.createFile(atPath: html, contents: Data(page.utf8)) else {
                    throw ValidationFailure(
                        "\(html): cannot write the report (does its folder exist, and is it writable?)")
                }
            }
            switch output.format {
            case .table: print(html ?? "")
            case .json:
                print(try JSONOutput.render(parts.figures), terminator: "")
            case .csv: ScanRenderer.writeCSV(parts.scan, to: StandardOutput.write)
            }
        }
    }
}

extension ReportWriter.Parts {
    /// The HTML page, with sections for at most `vmSections` VMs (`nil`: every one).
    func page(vmSections: Int? = HTMLReport.defaultVMSections) -> String {
        HTMLReport.render(
            scan: scan, drift: drift, lag: lag, headline: headline, problems: problems, open: open,
            vmSections: vmSections)
    }
}
