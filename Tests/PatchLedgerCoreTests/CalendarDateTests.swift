import Testing

@testable import PatchLedgerCore

@Suite struct CalendarDateTests {
    @Test(arguments: ["2018-02-13T08:00:00Z", "2023-07-11T07:00:00", "2018-02-13", "1601-01-01", "2024-02-29 10:00"])
    func catalogTimestampsParseToTheirDay(text: String) throws {
        let date = try #require(CalendarDate(parsing: text))
        #expect(date.description == String(text.prefix(10)))
    }

    @Test(arguments: [
        "2018-02-30T08:00:00Z", "2018-13-01", "18-02-13", "2018/02/13", "2018-02-13X", "", "2018-2-13", "2018-02-1",
        "0999-01-01", " 2018-02-13", "2023-02-29",
    ])
    func badDatesAreRejected(text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func dayArithmeticMatchesTheCalendar() throws {
        let released = try #require(CalendarDate(parsing: "2023-07-11"))
        let deployed = try #require(CalendarDate(parsing: "2023-08-20"))
        #expect(deployed.daysSinceEpoch - released.daysSinceEpoch == 40)
        #expect(CalendarDate(daysSinceEpoch: released.daysSinceEpoch) == released)
        #expect(try #require(CalendarDate(parsing: "1970-01-01")).daysSinceEpoch == 0)
        #expect(CalendarDate(daysSinceEpoch: 19_782).description == "2024-02-29")
    }

    @Test func windowsBuildsCompareOnTheirLine() throws {
        let fixed = try #require(WindowsBuild(parsing: "10.0.17763.4645"))
        #expect(fixed.line == "10.0.17763")
        #expect(try #require(WindowsBuild(parsing: "10.0.17763.4737")) > fixed)
        #expect(WindowsBuild(parsing: "122.0.2365.52.1") == nil)
        #expect(WindowsBuild(parsing: "1.5.3-1") == nil)
    }

    @Test func severitiesOrderAndParseInAnyCase() {
        #expect(Severity(parsing: "CRITICAL") == .critical)
        #expect(Severity(parsing: "") == nil)
        #expect(Severity.important > Severity.moderate)
    }

    @Test func classificationGUIDsMatchInAnyCase() {
        #expect(Classification.name(forGUID: "0fa1201d-4330-4fa8-8ae9-b877473b6441") == "Security Updates")
        #expect(Classification.name(forGUID: "E6CF1350-C01B-414D-A61F-263D14D133B4") == "Critical Updates")
        #expect(Classification.name(forGUID: "00000000-0000-0000-0000-000000000000") == nil)
    }
}
