import Testing

@testable import PatchLedgerCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2024-05-01", "2024-05-01T00:00:00Z"),
        ("2024-05-01T10:30:00Z", "2024-05-01T10:30:00Z"),
        ("2024-05-01 10:30", "2024-05-01T10:30:00Z"),
        ("2024-05-01T10:30:00.123Z", "2024-05-01T10:30:00Z"),
        ("2024-05-01T01:30:00+02:00", "2024-04-30T23:30:00Z"),
        ("2024-05-01T22:30:00-0330", "2024-05-02T02:00:00Z"),
    ])
    func isoSpellingsParseToUTC(_ text: String, _ expected: String) throws {
        #expect(try #require(Timestamp(parsing: text)).description == expected)
    }

    @Test(arguments: ["", "yesterday", "2024-13-01", "2024-05-01T25:00:00Z", "2024-05-01T10:30:00Zjunk"])
    func otherTextIsRejected(_ text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test func timesBeforeTheEpochKeepTheirDay() throws {
        let time = try #require(Timestamp(parsing: "1969-12-31T23:00:00Z"))
        #expect(time.secondsSinceEpoch == -3600)
        #expect(time.date.description == "1969-12-31")
        #expect(time.description == "1969-12-31T23:00:00Z")
    }
}

@Suite struct OSVersionTests {
    @Test(
        arguments: [
            ("10.0.17763", "10.0.17763", nil),
            ("10.0.17763.4645", "10.0.17763", 4645),
            ("17763", "10.0.17763", nil),
            ("14393.2068", "10.0.14393", 2068),
            ("6.1.7601 Service Pack 1 version 7601", "6.1.7601", nil),
            ("9600", "6.3.9600", nil),
        ] as [(String, String, Int?)])
    func buildSpellingsParse(_ text: String, _ line: String, _ ubr: Int?) throws {
        let version = try #require(OSVersion(parsing: text))
        #expect(version.line == line)
        #expect(version.ubr == ubr)
    }

    @Test(arguments: ["03.03.2018", "16,312 MB", "3/3/2018", "1.2.3.4.5", "N/A", "123"])
    func datesAndOtherNumbersAreNotVersions(_ text: String) {
        #expect(OSVersion(parsing: text) == nil)
    }

    @Test func aUBRFillsOnlyTheSameBuildLine() throws {
        let scanned = OSVersion(major: 10, minor: 0, build: 17763)
        #expect(scanned.filling(ubrFrom: OSVersion(parsing: "17763.4645")).description == "10.0.17763.4645")
        #expect(scanned.filling(ubrFrom: OSVersion(parsing: "20348.1850")).description == "10.0.17763")
        #expect(scanned.windowsBuild == nil)
    }
}

@Suite struct WindowsProductTests {
    @Test(
        arguments: [
            ("Microsoft Windows Server 2016 Datacenter", "10.0.14393", "x64", "Windows Server 2016"),
            ("Microsoft Windows 10 Pro", "10.0.14393", "x64", "Windows 10 Version 1607 for x64-based Systems"),
            (
                "Microsoft Windows 10 Enterprise LTSC 2019", "10.0.17763", "x64",
                "Windows 10 Version 1809 for x64-based Systems"
            ),
            ("Microsoft Windows Server 2019 Standard", "10.0.17763", nil, "Windows Server 2019"),
            (
                "Microsoft Windows 11 Enterprise", "10.0.26100", "ARM64",
                "Windows 11 Version 24H2 for ARM64-based Systems"
            ),
            ("Microsoft Windows Server 2025 Datacenter", "10.0.26100", "x64", "Windows Server 2025"),
            ("Microsoft Windows 7 Entreprise N", "6.1.7601", "x64", "Windows 7 for x64-based Systems Service Pack 1"),
            (
                "Microsoft Windows Server 2008 R2 Standard", "6.1.7601", "x64",
                "Windows Server 2008 R2 for x64-based Systems Service Pack 1"
            ),
            ("Microsoft Windows 8.1 Pro", "6.3.9600", "x86", "Windows 8.1 for 32-bit Systems"),
            ("Microsoft Windows Server 2012 R2 Standard", "6.3.9600", "x64", "Windows Server 2012 R2"),
            ("Microsoft Windows 10 Enterprise", "10.0.10240", "x64", "Windows 10 for x64-based Systems"),
            ("Microsoft Windows 11 Pro", "10.0.22000", "x64", "Windows 11 Version 21H2 for x64-based Systems"),
            ("Microsoft Windows Server Datacenter", "10.0.17134", "x64", "Windows Server, version 1803"),
        ] as [(String, String, String?, String)])
    func nameBuildAndArchitectureGiveTheCatalogProduct(
        _ name: String, _ version: String, _ arch: String?, _ expected: String
    ) {
        let architecture = arch.flatMap { Architecture(systemType: $0) }
        #expect(
            WindowsProduct.catalogName(osName: name, version: OSVersion(parsing: version), architecture: architecture)
                == expected)
    }

    @Test func aBuildShippedOnlyAsServerNeedsNoName() {
        #expect(
            WindowsProduct.catalogName(osName: nil, version: OSVersion(parsing: "20348"), architecture: nil)
                == "Windows Server 2022")
    }

    @Test func sharedBuildsOrUnknownClientArchitectureAreNotGuessed() {
        #expect(
            WindowsProduct.catalogName(osName: nil, version: OSVersion(parsing: "17763"), architecture: .x64) == nil)
        #expect(
            WindowsProduct.catalogName(
                osName: "Microsoft Windows 10 Pro", version: OSVersion(parsing: "19045"), architecture: nil) == nil)
        #expect(WindowsProduct.catalogName(osName: "Microsoft Windows 10 Pro", version: nil, architecture: .x64) == nil)
    }
}
