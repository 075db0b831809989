import Testing

@testable import PatchLedgerCore

@Suite struct MedianTests {
    @Test func theMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        #expect([5.0, 1, 3].median == 3)
        #expect([10.0, 2, 4, 1].median == 3)
        #expect([7.5].median == 7.5)
        #expect([Double]().median == nil)
    }
}
