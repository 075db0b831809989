import Foundation
import PatchLedgerCore

/// Writes a synthetic fleet as one PatchLedger inventory JSON file, shaped like the servers users scan:
/// Windows Server 2012 R2/2016/2019/2022; 70 % list 3–12 KBs, 30 % are long-lived servers listing 150–250;
/// each VM's KBs a random subset of its product's updates (OS and components) with a few KBs the catalog
/// does not know (drivers, Defender); one VM in eight reported by its build.UBR instead of its cumulative
/// updates, as a UBR-aware collection script would.
public struct FleetGenerator {
    public var vms: Int
    public var catalogs: [ProductCatalog]

    public init(vms: Int, catalogs: [ProductCatalog]) {
        self.vms = vms
        self.catalogs = catalogs
    }

    public static let products: [(product: String, os: String, line: String)] = [
        ("Windows Server 2012 R2", "Microsoft Windows Server 2012 R2 Datacenter", "6.3.9600"),
        ("Windows Server 2016", "Microsoft Windows Server 2016 Datacenter", "10.0.14393"),
        ("Windows Server 2019", "Microsoft Windows Server 2019 Datacenter", "10.0.17763"),
        ("Windows Server 2022", "Microsoft Windows Server 2022 Datacenter", "10.0.20348"),
    ]

    public func write(to url: URL) throws {
        var random = SplitMix64(seed: 0xF1EE7)
        let byName = Dictionary(catalogs.map { ($0.product, $0) }, uniquingKeysWith: { a, _ in a })
        let fleet = Self.products.compactMap { entry in
            byName[entry.product].flatMap { $0.updates.isEmpty ? nil : (entry, $0.updates.sorted { $0.kb < $1.kb }) }
        }
        guard !fleet.isEmpty else { throw GeneratorError("the catalog holds none of the fleet's products") }
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let out = try FileHandle(forWritingTo: url)
        defer { try? out.close() }
        var text = "[\n"
        for index in 0..<vms {
            let (entry, updates) = fleet[Int(random.next() % UInt64(fleet.count))]
            var chosen = Self.sample(updates, count: Self.installedCount(&random), random: &random)
            var build = entry.line
            if random.next() % 8 == 0 {
                let levels = updates.compactMap { $0.fixedBuild(on: entry.line) }
                if !levels.isEmpty {
                    build = levels[Int(random.next() % UInt64(levels.count))].description
                    chosen.removeAll { $0.kind == .cumulative || $0.kind == .monthlyRollup }
                }
            }
            let kbs = chosen.map(\.kb.description) + Self.unknownKBs(&random)
            text += "  {\"vm\": \"vm-\(index)\", \"scannedAt\": \"2026-11-01T00:00:00Z\", \"os\": \"\(entry.os)\", "
            text += "\"build\": \"\(build)\", \"architecture\": \"x64\", "
            text += "\"kbs\": [\(kbs.map { "\"\($0)\"" }.joined(separator: ", "))]}\(index + 1 < vms ? "," : "")\n"
            if text.utf8.count > 1 << 20 {
                out.write(Data(text.utf8))
                text = ""
            }
        }
        text += "]\n"
        out.write(Data(text.utf8))
    }

    /// How many of its product's updates a VM lists: 3–12 for 70 % of VMs, 150–250 for long-lived servers.
    public static func installedCount(_ random: inout SplitMix64) -> Int {
        random.next() % 10 < 3 ? 150 + Int(random.next() % 101) : 3 + Int(random.next() % 10)
    }

    /// One to three distinct KBs no catalog lists (as drivers' and Defender platform updates' are): numbered
    /// above any KB Microsoft has published, so none is a catalog's KB or repeats one a VM lists.
    public static func unknownKBs(_ random: inout SplitMix64) -> [String] {
        let count = 1 + Int(random.next() % 3)
        var kbs: [String] = []
        while kbs.count < count {
            let kb = "KB\(9_000_000 + random.next() % 900_000)"
            if !kbs.contains(kb) { kbs.append(kb) }
        }
        return kbs
    }

    /// `count` distinct elements (all of them when there are fewer), in their original order.
    public static func sample<T>(_ elements: [T], count: Int, random: inout SplitMix64) -> [T] {
        guard count < elements.count else { return elements }
        var indices = Array(elements.indices)
        for position in 0..<count {
            indices.swapAt(position, position + Int(random.next() % UInt64(indices.count - position)))
        }
        return indices.prefix(count).sorted().map { elements[$0] }
    }
}
