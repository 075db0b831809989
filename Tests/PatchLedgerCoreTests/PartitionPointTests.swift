import Testing

@testable import PatchLedgerCore

@Suite struct PartitionPointTests {
    @Test func theFirstElementPastAThresholdOrTheEnd() {
        let days = [3, 5, 5, 8]
        #expect(days.partitionPoint { $0 >= 5 } == 1)
        #expect(days.partitionPoint { $0 > 5 } == 3)
        #expect(days.partitionPoint { $0 > 0 } == 0)
        #expect(days.partitionPoint { $0 > 8 } == 4)
        #expect([Int]().partitionPoint { $0 > 0 } == 0)
        #expect(days.dropFirst().partitionPoint { $0 > 5 } == 3)
    }
}
