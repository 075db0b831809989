import ArgumentParser
import PatchLedgerCLI
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit

extension InventoryFormat: ExpressibleByArgument {}
extension Architecture: ExpressibleByArgument {}

struct ImportInventory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Import installed-patch lists (systeminfo, wmic qfe, Get-HotFix and more) as dated scan snapshots.",
        discussion: """
            Each file becomes one snapshot per machine it describes. What the file states wins; the options \
            fill what it leaves out. The whole run is one transaction: a file that cannot be read aborts it, \
            unless --keep-going skips that file (and the exit code is still 2).
            """
    )

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The VM name of every capture of the run (default: the host each names, else the file name).")
    var vm: String?

    @Option(
        help: "The scan time for files that carry none (default: the file's modification time).",
        transform: ArgumentValue.timestamp)
    var scannedAt: Timestamp?

    /// `--input-format`: `--format` is the output's format in every command.
    @Option(name: .customLong("input-format"), help: "Read every file as this format instead of detecting it.")
    var format: InventoryFormat?

    @Option(help: "The OS name for files that carry none, e.g. \"Windows Server 2019 Datacenter\".")
    var os: String?

    @Option(
        help: "The OS build, with UBR when known: 17763, 14393.2068, 10.0.17763.4645.",
        transform: ArgumentValue.build)
    var build: OSVersion?

    @Option(help: "The architecture for files that carry none: x64, x86, ARM64.")
    var arch: Architecture?

    @Flag(help: "Skip files that cannot be read (reported on stderr) and import the rest.")
    var keepGoing = false

    @Flag(help: ArgumentHelp(stringLiteral: ImportOutput.quietHelp))
    var quiet = false

    @Flag(help: ArgumentHelp(stringLiteral: ImportOutput.verboseHelp))
    var verbose = false

    @Argument(help: "Inventory files, or folders of them.")
    var paths: [String]

    func run() async throws {
        let report = try exitingOnError {
            let importer = InventoryImporter(
                preparation: InventoryPreparation(
                    format: format, vm: vm, scannedAt: scannedAt, osName: os, version: build, architecture: arch),
                keepGoing: keepGoing, progress: Progress(quiet: quiet), listsSnapshots: !quiet)
            return try importer.run(paths: paths, into: try ledger.open())
        }
        ImportOutput(quiet: quiet, verbose: verbose).print(
            lines: report.lines, summary: report.summary, warnings: report.warnings)
        report.failures.forEach { printError("Error: \($0)") }
        if !report.failures.isEmpty { throw ExitCode(2) }
    }
}
