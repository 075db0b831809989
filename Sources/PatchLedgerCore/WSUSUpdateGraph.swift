/// package.xml's update graph, kept compact until the whole package has been read, and the rules that give each
/// update its KB and its supersedence edges: package.xml names an update's KB only through its payload files'
/// URLs, listed after every update, and names supersedence and bundles only by RevisionId. Updates are numbered by
/// slot (their order in the package), file ids are interned, relations are flat pairs; KBs are plain numbers (0
/// for none).
public struct WSUSUpdateGraph: Sendable {
    /// The caller's row id of each slot (the ledger's, for the store).
    public private(set) var rowIDs: [Int64] = []
    private var slotByUpdateID: [String: Int32] = [:]
    private var slotByRevision: [Int: Int32] = [:]
    private var fileSlots: [String: Int32] = [:]
    private var fileKBs: [Int32] = []
    private var fileLocated: [Bool] = []
    private var payloads: [(slot: Int32, file: Int32)] = []
    private var bundles: [(child: Int32, parentRevision: Int)] = []
    private var supersessions: [(superseded: Int32, byRevision: Int)] = []

    public var count: Int { rowIDs.count }

    public init() {}

    /// Makes room for about `updates` updates at once: growing the tables step by step rehashed them often.
    public mutating func reserve(updates: Int) {
        rowIDs.reserveCapacity(updates)
        slotByUpdateID.reserveCapacity(updates)
        slotByRevision.reserveCapacity(updates)
        fileSlots.reserveCapacity(updates)
        fileKBs.reserveCapacity(updates)
        fileLocated.reserveCapacity(updates)
        payloads.reserveCapacity(updates * 3 / 2)
        supersessions.reserveCapacity(updates * 2)
    }

    public func slot(revision: Int) -> Int32? { slotByRevision[revision] }

    /// The slot of `updateID`: the one it has, or else the next one, claimed now (one hash either way). A
    /// claimed slot gets its ledger row from `add` before anything else reads the graph.
    public mutating func slot(claiming updateID: String) -> Int32 {
        func read(_ slot: inout Int32) -> Int32 { slot }
        return read(&slotByUpdateID[updateID, default: Int32(rowIDs.count)])
    }

    /// Adds `update` (or another revision of an update already added) with its ledger row; returns its slot.
    public mutating func add(_ update: WSUSUpdate, rowID: Int64) -> Int32 {
        let slot = slot(claiming: update.updateID)
        add(update, slot: slot, rowID: rowID)
        return slot
    }

    /// Adds `update` in `slot`: a newly claimed slot with its ledger row, or one already added (another
    /// revision of the update).
    public mutating func add(_ update: WSUSUpdate, slot: Int32, rowID: Int64) {
        if slot == rowIDs.count { rowIDs.append(rowID) }
        slotByRevision[update.revisionID] = slot
        for file in update.payloadFileIDs { payloads.append((slot, fileSlot(file))) }
        for parent in update.bundledBy { bundles.append((slot, parent)) }
        for by in update.supersededBy { supersessions.append((slot, by)) }
    }

    /// Records where a file is and the KB its URL names; `false` when the file was located before.
    public mutating func locate(fileID: String, kb: KB?) -> Bool {
        let file = Int(fileSlot(fileID))
        guard !fileLocated[file] else { return false }
        fileLocated[file] = true
        fileKBs[file] = kb.map { Int32(clamping: $0.number) } ?? 0
        return true
    }

    private mutating func fileSlot(_ fileID: String) -> Int32 {
        if let known = fileSlots[fileID] { return known }
        let slot = Int32(fileKBs.count)
        fileSlots[fileID] = slot
        fileKBs.append(0)
        fileLocated.append(false)
        return slot
    }

    /// Each slot's KB: that of its first payload file naming one; a bundle, which has no payload, takes that
    /// of an update it bundles; a metadata fragment's KBArticleID outranks both.
    public func kbs(metadata: [Int: WSUSMetadata]) -> [Int32] {
        var kbs = [Int32](repeating: 0, count: count)
        for (slot, file) in payloads where kbs[Int(slot)] == 0 {
            kbs[Int(slot)] = fileKBs[Int(file)]
        }
        for (child, parentRevision) in bundles where kbs[Int(child)] != 0 {
            if let parent = slotByRevision[parentRevision], kbs[Int(parent)] == 0 {
                kbs[Int(parent)] = kbs[Int(child)]
            }
        }
        for (revision, fragment) in metadata {
            if let slot = slotByRevision[revision], let kb = fragment.kb { kbs[Int(slot)] = Int32(clamping: kb.number) }
        }
        return kbs
    }

    /// The KB supersedence edges, as `WSUSEdge.packed` values, sorted and unique: from `SupersededBy` and from
    /// the fragments' SupersededUpdates. An update never supersedes its own KB. A `SupersededBy` naming a
    /// revision the package does not hold gives no edge, and a warning in `warnings`.
    public func edges(kbs: [Int32], metadata: [Int: WSUSMetadata], warnings: inout WarningTally) -> [UInt64] {
        var edges: [UInt64] = []
        edges.reserveCapacity(supersessions.count)
        func add(by: Int32, superseded: Int32) {
            let kb = kbs[Int(superseded)]
            guard kb != 0, kbs[Int(by)] != kb else { return }
            edges.append(WSUSEdge.packed(rowID: rowIDs[Int(by)], kb: kb))
        }
        for (superseded, byRevision) in supersessions {
            if let by = slotByRevision[byRevision] {
                add(by: by, superseded: superseded)
            } else {
                warnings.add(
                    "SupersededBy RevisionIds naming no revision of the package (ignored)",
                    example: "RevisionId \(byRevision)")
            }
        }
        for (revision, fragment) in metadata where !fragment.supersededUpdateIDs.isEmpty {
            guard let by = slotByRevision[revision] else { continue }
            for updateID in fragment.supersededUpdateIDs {
                if let superseded = slotByUpdateID[updateID] { add(by: by, superseded: superseded) }
            }
        }
        edges.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(edges.count)
        for edge in edges where edge != unique.last { unique.append(edge) }
        return unique
    }
}
