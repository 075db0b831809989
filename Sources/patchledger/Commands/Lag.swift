import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerKit
import PatchLedgerReport

struct Lag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How far behind the images in use are, and were when each VM was deployed from them.",
        discussion: """
            An image's patch level is the newest cumulative update at or below its build.UBR (catalog FixedBuilds, \
            else the release history of `import builds`); its patch date is that update's release date. See \
            README, "Image lag".
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gate: GateOptions

    @Option(help: "Only this image reference.") var image: String?
    @Option(help: "Only VMs of this group.") var group: String?
    @Option(help: "Flag images whose lag is over this many days.") var maxDays = 30

    @Option(
        help: "Evaluate as of this day (default: today).",
        transform: ArgumentValue.date)
    var asOf: CalendarDate?

    /// The gate, spelt as `scan`'s: `--fail-on` and what fails.
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case stale }

    @Option(
        help: """
            Exit 1 when an image is over --max-days (stale), and when something cannot be judged (an image that \
            cannot be measured, no image at all, no or a stale catalog) unless --allow-unknown.
            """)
    var failOn: FailOn?

    func run() async throws {
        let day = asOf ?? CalendarDate.today()
        let (lag, problems) = try exitingOnError {
            let ledger = try ledger.openExisting()
            let (lag, unknown) = try LagReporter(asOf: day, maxDays: maxDays).run(
                on: ledger, image: image, group: group)
            let problems = gate.problems(
                coverage: try ledger.catalogCoverage(), asOf: day, products: lag.images.compactMap(\.product),
                unknownProduct: unknown)
            return (lag, problems + Unjudged.imageProblems(lag))
        }
        switch output.format {
        case .table: print(Style.severities(TextTable.fit(LagRenderer.table(lag))), terminator: "")
        case .json: print(try exitingOnError { try JSONOutput.render(lag) }, terminator: "")
        case .csv: print(LagRenderer.csv(lag), terminator: "")
        }
        try gate.report(problems, gating: failOn != nil)
        if failOn == .stale && lag.hasStaleImages { throw ExitCode(1) }
    }
}
