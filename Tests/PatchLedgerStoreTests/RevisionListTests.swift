import Testing

@testable import PatchLedgerStore

@Suite struct RevisionListTests {
    @Test func numbersAreWrittenInDecimalSeparatedBySpaces() {
        #expect([20_000_001].spaceSeparatedDecimal == "20000001")
        #expect([0, 7, 40_000_004, Int.max, -12].spaceSeparatedDecimal == "0 7 40000004 \(Int.max) -12")
        let many = Array(stride(from: 1, to: 2_000_000_000, by: 9_999_991))
        #expect(many.spaceSeparatedDecimal == many.map(String.init).joined(separator: " "))
    }
}
