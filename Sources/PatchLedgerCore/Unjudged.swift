/// What cannot be judged (README, "Exit codes"): no catalog, a catalog older than the allowed age, months the
/// catalog lacks while the fleet's products were serviced, a product the catalog does not know, a VM never
/// scanned. Said one line each by every command that evaluates; gates fail on them.
public enum Unjudged {
    public static let defaultMaxCatalogAge = 45

    /// What cannot be judged, one line each (also for commands without a gate, which only warn).
    ///
    /// - Parameters:
    ///   - products: the products of the VMs judged, for the catalog's missing months that concern them.
    ///   - vms: how many VMs were in scope, when the command judges VMs: none at all is nothing judged.
    public static func problems(
        coverage: CatalogCoverage, asOf: CalendarDate, maxCatalogAge: Int = defaultMaxCatalogAge,
        products: [String] = [], unknownProduct: [String] = [], noScan: [String] = [], vms: Int? = nil
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
        if vms == 0 {
            lines.append("the ledger holds no VM (import inventory, or import fleet): nothing was judged")
        }
        return lines
    }

    /// What image lag cannot measure, one line each: VMs whose image cannot be read, and a scope in which no VM
    /// names an image at all (a lag gate that measured nothing has not passed).
    public static func imageProblems(_ lag: ImageLag) -> [String] {
        var seen = Set<String>()
        let vms = lag.problems.map(\.vm).filter { seen.insert($0).inserted }
        if !vms.isEmpty {
            return [
                "\(Self.count(vms, "VM")) whose image cannot be measured, not judged: \(Self.list(vms)) "
                    + "(the problems listed say why)"
            ]
        }
        if lag.images.isEmpty {
            return ["no VM in scope names an image (import fleet gives VMs theirs): no image lag was measured"]
        }
        return []
    }

    private static func count(_ items: [String], _ noun: String) -> String {
        "\(items.count) \(noun)\(items.count == 1 ? "" : "s")"
    }

    private static func list(_ items: [String]) -> String {
        items.prefix(10).joined(separator: ", ") + (items.count > 10 ? ", … (\(items.count - 10) more)" : "")
    }
}
