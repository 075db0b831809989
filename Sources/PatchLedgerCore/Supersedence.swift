/// The catalog's replacement edges (newer KB → the KBs it supersedes), with transitive closures.
public final class Supersedence: @unchecked Sendable {
    // Mutated only through `closure(of:)`, which `CompiledCatalog` calls while it compiles, on one thread;
    // rendering threads call only `direct(_:)`, which reads the immutable edges. The class exists so that
    // closures computed once serve every catalog compiled from it (one per scan day in the findings).
    private let edges: [KB: [KB]]
    private var closures: [KB: Set<KB>] = [:]

    public init(edges: [KB: [KB]]) {
        self.edges = edges
    }

    public func direct(_ kb: KB) -> [KB] { edges[kb] ?? [] }

    /// Every KB that supersedes something, in KB order.
    var replacing: [KB] { edges.keys.sorted() }

    /// Every KB `kb` replaces, directly or through others (cycles in catalog data are tolerated).
    public func closure(of kb: KB) -> Set<KB> {
        if let known = closures[kb] { return known }
        var seen: Set<KB> = []
        var stack = edges[kb] ?? []
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            if let known = closures[next] {
                seen.formUnion(known)
            } else {
                stack += edges[next] ?? []
            }
        }
        closures[kb] = seen
        return seen
    }
}
