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

    static let defaultMaxCatalogAge = 45

    func problems(
        coverage: CatalogCoverage, asOf: CalendarDate, products: [String] = [], unknownProduct: [String] = [],
        noScan: [String] = []
    ) -> [String] {
        Self.problems(
            coverage: coverage, asOf: asOf, maxCatalogAge: maxCatalogAge, products: products,
            unknownProduct: unknownProduct, noScan: noScan)
    }

    /// What cannot be judged, one line each (also for commands without a gate, which only warn).
    ///
    /// - Parameter products: the products of the VMs judged, for the catalog's missing months that concern them.
    static func problems(
        coverage: CatalogCoverage, asOf: CalendarDate, maxCatalogAge: Int = defaultMaxCatalogAge,
        products: [String] = [], unknownProduct: [String] = [], noScan: [String] = []
    ) -> [String] {
        var lines: [String] = []
        if coverage.isEmpty {
            lines.append(
                "the ledger holds no catalog (import MSRC CVRF documents or a WSUS package: patchledger import "
                    + "catalog): no VM can be judged")
        } else if let age = coverage.age(on: asOf), let newest = coverage.newestRelease, age > maxCatalogAge {
            let document = coverage.newestDocument.map { " (\($0))" } ?? ""
            lines.append(
                "the catalog's newest update was released on \(newest)\(document), \(age) days before \(asOf), "
                    + "over --max-catalog-age \(maxCatalogAge): later updates are not known")
        }
        let gaps = coverage.gaps(affecting: products, asOf: asOf)
        if !gaps.months.isEmpty {
            lines.append(
                "the catalog lacks the MSRC documents of \(Self.list(gaps.months.map(\.description))), when "
                    + "\(Self.count(gaps.products, "product")) of these VMs \(gaps.products.count == 1 ? "was" : "were") "
                    + "serviced (\(Self.list(gaps.products))): their answers miss those months' updates; import the "
                    + "missing documents")
        }
        if !coverage.isEmpty, !unknownProduct.isEmpty {
            lines.append(
                "\(Self.count(unknownProduct, "VM")) of a product the catalog does not know, not judged: "
                    + Self.list(unknownProduct))
        }
        if !noScan.isEmpty {
            lines.append(
                "\(Self.count(noScan, "VM")) with no scan on or before \(asOf), not judged: \(Self.list(noScan))")
        }
        return lines
    }

    /// Says each problem on stderr; under a gate, fails (exit 1) when there is one and `--allow-unknown` is off.
    func report(_ problems: [String], gating: Bool) throws {
        problems.forEach { printError("warning: \($0)") }
        guard gating, !problems.isEmpty, !allowUnknown else { return }
        printError("Error: failing on what cannot be judged (above); --allow-unknown passes it")
        throw ExitCode(1)
    }

    private static func count(_ items: [String], _ noun: String) -> String {
        "\(items.count) \(noun)\(items.count == 1 ? "" : "s")"
    }

    private static func list(_ items: [String]) -> String {
        items.prefix(10).joined(separator: ", ") + (items.count > 10 ? ", … (\(items.count - 10) more)" : "")
    }
}
