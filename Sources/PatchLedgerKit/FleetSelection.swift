import PatchLedgerCore

/// `--vm`, `--group`, `--product`: which VMs a command covers. A value that names nothing known is a usage
/// error listing what exists (or the nearest names), never an empty selection that passes.
public struct FleetSelection {
    public init(vm: String? = nil, group: String? = nil, product: String? = nil) {
        self.vm = vm
        self.group = group
        self.product = product
    }

    public var vm: String?
    public var group: String?
    public var product: String?

    public func contains(_ target: ScanTarget) -> Bool {
        (vm.map { target.vm.caseInsensitiveCompare($0) == .orderedSame } ?? true)
            && (group.map { target.group?.caseInsensitiveCompare($0) == .orderedSame } ?? true)
            && (product.map { target.product?.caseInsensitiveCompare($0) == .orderedSame } ?? true)
    }

    /// - Throws: `SelectionError` (a usage error, exit 64) for a value none of `vms` has.
    public func validate(vms: [String], groups: [String?], products: [String?]) throws {
        try Self.check("--vm", vm, known: vms)
        try Self.check("--group", group, known: groups.compactMap { $0 })
        try Self.check("--product", product, known: products.compactMap { $0 })
    }

    public func validate(against targets: [ScanTarget]) throws {
        try validate(vms: targets.map(\.vm), groups: targets.map(\.group), products: targets.map(\.product))
    }

    /// - Throws: `SelectionError` unless `value` is nil or one of `known` (in any letter case).
    public static func check(_ option: String, _ value: String?, known: [String]) throws {
        guard let value, !known.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) else { return }
        throw SelectionError(
            description: "\(option) \(value) names nothing in the ledger; \(Self.suggest(value, from: known))")
    }

    /// Every known value when they are few, else the nearest by spelling.
    public static func suggest(_ value: String, from known: [String]) -> String {
        let distinct = Array(Set(known)).sorted()
        if distinct.isEmpty { return "there are none" }
        if distinct.count <= 12 { return "known: \(distinct.joined(separator: ", "))" }
        let lowered = value.lowercased()
        let nearest = distinct.sorted {
            (editDistance($0.lowercased(), lowered), $0) < (editDistance($1.lowercased(), lowered), $1)
        }
        return "nearest: \(nearest.prefix(5).joined(separator: ", ")) (of \(distinct.count))"
    }

    public static func editDistance(_ a: String, _ b: String) -> Int {
        let (a, b) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where i <= a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
