import PatchLedgerCore
import Testing

@Suite struct WSUSUpdateGraphTests {
    func update(_ id: String, revision: Int, files: [String] = [], bundledBy: [Int] = [], supersededBy: [Int] = [])
        -> WSUSUpdate
    {
        var update = WSUSUpdate()
        update.updateID = id
        update.revisionID = revision
        update.payloadFileIDs = files
        update.bundledBy = bundledBy
        update.supersededBy = supersededBy
        return update
    }

    /// February 2018's Server 2016 cumulative update (a bundle of its x64 payload) superseding January's.
    func february() -> WSUSUpdateGraph {
        var graph = WSUSUpdateGraph()
        _ = graph.add(update("jan-payload", revision: 10, files: ["f-jan"], bundledBy: [11]), rowID: 100)
        _ = graph.add(update("jan", revision: 11, supersededBy: [21]), rowID: 101)
        _ = graph.add(update("feb-payload", revision: 20, files: ["f-none", "f-feb"], bundledBy: [21]), rowID: 102)
        _ = graph.add(update("feb", revision: 21), rowID: 103)
        let located = [
            graph.locate(fileID: "f-jan", kb: KB(4_056_890)), graph.locate(fileID: "f-none", kb: nil),
            graph.locate(fileID: "f-feb", kb: KB(4_074_590)), graph.locate(fileID: "f-feb", kb: KB(1_234_567)),
        ]
        #expect(located == [true, true, true, false], "a file is located once")
        return graph
    }

    @Test func bundlesTakeTheKBOfWhatTheyBundle() {
        let kbs = february().kbs(metadata: [:])
        #expect(kbs == [4_056_890, 4_056_890, 4_074_590, 4_074_590])
    }

    @Test func aFragmentsKBArticleIDOutranksThePayloadsFileName() {
        var fragment = WSUSMetadata(revisionID: 20)
        fragment.kb = KB(4_074_591)
        #expect(february().kbs(metadata: [20: fragment]) == [4_056_890, 4_056_890, 4_074_591, 4_074_590])
    }

    @Test func supersededByRevisionsBecomeKBEdgesOnceEachAndNeverToTheOwnKB() {
        var graph = february()
        // Another revision of February's bundle also supersedes January, and its own payload.
        _ = graph.add(update("feb", revision: 22), rowID: 103)
        _ = graph.add(update("jan-payload", revision: 12, supersededBy: [22]), rowID: 100)
        _ = graph.add(update("feb-payload", revision: 23, supersededBy: [22]), rowID: 102)
        let kbs = graph.kbs(metadata: [:])
        var warnings = WarningTally()
        let edges = graph.edges(kbs: kbs, metadata: [:], warnings: &warnings).map {
            (WSUSEdge.rowID($0), WSUSEdge.kb($0))
        }
        #expect(edges.map(\.0) == [103])
        #expect(edges.map(\.1) == [KB(4_056_890)])
        #expect(warnings.lines.isEmpty, "every SupersededBy names a revision of the package")
    }

    @Test func aFragmentsSupersededUpdatesAddEdgesByUpdateID() {
        let graph = february()
        var fragment = WSUSMetadata(revisionID: 20)
        fragment.supersededUpdateIDs = ["jan-payload", "unknown"]
        var ignored = WarningTally()
        let edges = graph.edges(kbs: graph.kbs(metadata: [:]), metadata: [20: fragment], warnings: &ignored)
        #expect(edges.map(WSUSEdge.rowID) == [102, 103])
        #expect(edges.map(WSUSEdge.kb) == [KB(4_056_890), KB(4_056_890)])
    }
}
