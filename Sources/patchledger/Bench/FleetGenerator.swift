import Foundation
import PatchLedgerCore

/// Writes a synthetic fleet as one PatchLedger inventory JSON file: VMs of the products the catalog knows,
/// each at a random cumulative level (by KB or by build), with a few other updates and unknown KBs, so that
/// states vary the way real fleets do (many identical VMs, a long tail of odd ones).
struct FleetGenerator {
    var vms: Int
    var catalogs: [ProductCatalog]

    func write(to url: URL) throws {
        var random = SplitMix64(seed: 0xF1EE7)
        let products = catalogs.filter { !$0.updates.isEmpty }
        guard !products.isEmpty else { throw ValidationFailure("the catalog holds no product to build a fleet from") }
        var out = "[\n"
        for index in 0..<vms {
            let catalog = products[Int(random.next() % UInt64(products.count))]
            let os = catalog.updates.filter { $0.component == nil }
            let levels = os.filter { $0.kind == .cumulative || $0.kind == .monthlyRollup }
                .sorted {
                    ($0.released ?? CalendarDate(daysSinceEpoch: 0)) < ($1.released ?? CalendarDate(daysSinceEpoch: 0))
                }
            var kbs: [String] = []
            var build: String?
            if let level = levels.isEmpty ? nil : levels[Int(random.next() % UInt64(levels.count))] {
                if let fixed = level.fixedBuilds.first, random.next() % 3 == 0 {
                    build = fixed.description  // reported by build alone, as a UBR-aware script would
                } else {
                    kbs.append(level.kb.description)
                }
            }
            for _ in 0..<Int(random.next() % 6) where !os.isEmpty {
                kbs.append(os[Int(random.next() % UInt64(os.count))].kb.description)
            }
            for _ in 0..<Int(random.next() % 4) { kbs.append("KB\(2_800_000 + random.next() % 2_400_000)") }
            if kbs.isEmpty { kbs.append("KB\(2_800_000 + random.next() % 2_400_000)") }
            var fields = [
                "\"vm\": \"vm-\(index)\"", "\"scannedAt\": \"2026-11-01T00:00:00Z\"",
                "\"os\": \"\(catalog.product.lowercased().contains("server") ? "Windows Server" : "Windows")\"",
            ]
            if let line = Self.line(of: catalog.product) { fields.append("\"build\": \"\(build ?? line)\"") }
            fields.append("\"architecture\": \"x64\"")
            fields.append("\"kbs\": [\(kbs.map { "\"\($0)\"" }.joined(separator: ", "))]")
            out += "  {\(fields.joined(separator: ", "))}\(index + 1 < vms ? "," : "")\n"
        }
        out += "]\n"
        try Data(out.utf8).write(to: url)
    }

    /// The build line the generator gives a product's VMs, so they map back to it.
    static func line(of product: String) -> String? {
        let lines: [(String, String)] = [
            ("Windows Server 2016", "10.0.14393"), ("Windows Server 2019", "10.0.17763"),
            ("Windows Server 2022", "10.0.20348"), ("Windows Server 2025", "10.0.26100"),
            ("Windows Server 2012 R2", "6.3.9600"), ("Windows 10 Version 1809 for x64-based Systems", "10.0.17763"),
            ("Windows 10 Version 22H2 for x64-based Systems", "10.0.19045"),
            ("Windows 11 Version 24H2 for x64-based Systems", "10.0.26100"),
            ("Windows 7 for x64-based Systems Service Pack 1", "6.1.7601"),
        ]
        return lines.first { $0.0 == product }?.1
    }

    static let products: Set<String> = [
        "Windows Server 2016", "Windows Server 2019", "Windows Server 2022", "Windows Server 2025",
        "Windows Server 2012 R2", "Windows 10 Version 1809 for x64-based Systems",
        "Windows 10 Version 22H2 for x64-based Systems", "Windows 11 Version 24H2 for x64-based Systems",
        "Windows 7 for x64-based Systems Service Pack 1",
    ]
}
