import ArgumentParser
import PatchLedgerCLI
import PatchLedgerCore

/// What a gate does with what it cannot judge (README, "Exit codes"): no catalog, a product the catalog does
/// not know, a VM never scanned, a catalog older than `--max-catalog-age`. Each is said on stderr; under
/// `--fail-on` each fails, unless `--allow-unknown`.
struct GateOptions: ParsableArguments {
    @Flag(help: "Under --fail-on, pass VMs and catalogs that cannot be judged (still warned about).")
    var allowUnknown = false

    @Option(help: "Warn (and fail under --fail-on) when the catalog's newest update is older than this many days.")
    var maxCatalogAge = Self.defaultMaxCatalogAge

    static let defaultMaxCatalogAge = Unjudged.defaultMaxCatalogAge

    func problems(
        coverage: CatalogCoverage, asOf: CalendarDate, products: [String] = [], unknownProduct: [String] = [],
        noScan: [String] = [], vms: Int? = nil
    ) -> [String] {
        Self.problems(
            coverage: coverage, asOf: asOf, maxCatalogAge: maxCatalogAge, products: products,
            unknownProduct: unknownProduct, noScan: noScan, vms: vms)
    }

    /// What cannot be judged (`Unjudged.problems`), for commands without the option.
    static func problems(
        coverage: CatalogCoverage, asOf: CalendarDate, maxCatalogAge: Int = defaultMaxCatalogAge,
        products: [String] = [], unknownProduct: [String] = [], noScan: [String] = [], vms: Int? = nil
    ) -> [String] {
        Unjudged.problems(
            coverage: coverage, asOf: asOf, maxCatalogAge: maxCatalogAge, products: products,
            unknownProduct: unknownProduct, noScan: noScan, vms: vms)
    }

    /// Says each problem on stderr; under a gate, fails (exit 1) when there is one and `--allow-unknown` is off.
    func report(_ problems: [String], gating: Bool) throws {
        problems.forEach { printError("warning: \($0)") }
        guard gating, !problems.isEmpty, !allowUnknown else { return }
        printError("Error: failing on what cannot be judged (above); --allow-unknown passes it")
        throw ExitCode(1)
    }
}
