import Foundation
import PatchLedgerCore
import Testing

@testable import PatchLedgerImport

@Suite struct ReleaseHistoryReaderTests {
    @Test func linesWithABOMCommentsAndBlanksRead() throws {
        let text =
            "\u{FEFF}# product: Windows Server 2019\r\nLTSC 2023-07 B 2023-07-11 17763.4645 KB5028168\r\n\r\nLTSC 2023-06 B 2023-06-13 17763.4499 KB5027222\r\n"
        let releases = try ReleaseHistoryReader.read(bytes: Array(text.utf8), displayName: "h.txt")
        #expect(releases.map(\.kb) == [KB(5_028_168), KB(5_027_222)])
        #expect(releases.first?.date.description == "2023-07-11")
        #expect(releases.first?.build == 17763)
        #expect(releases.first?.ubr == 4645)
        #expect(releases.first?.isSecurityRelease == true)
        #expect(releases.map(\.line) == ["Windows Server 2019", "Windows Server 2019"])
    }

    /// Build 26100 is Windows Server 2025's and Windows 11 24H2's: each row takes its line from --product, the
    /// `# product:` line above it, the file's name, or (20348, Server 2022 alone) its build; else it is an error.
    @Test func eachRowTakesItsProductLine() throws {
        let row = "LTSC 2025-04 B 2025-04-08 26100.3775 KB5055523\n"
        let bytes = Array(row.utf8)
        #expect(
            try ReleaseHistoryReader.read(bytes: bytes, displayName: "h.txt", product: "windows server 2025")
                .map(\.line) == ["Windows Server 2025"])
        let declared = "# product: Windows 11 24H2\n" + row + "# product: Windows Server 2025\n" + row
        #expect(
            try ReleaseHistoryReader.read(bytes: Array(declared.utf8), displayName: "h.txt").map(\.line) == [
                "Windows 11 Version 24H2", "Windows Server 2025",
            ])
        #expect(
            try ReleaseHistoryReader.read(bytes: bytes, displayName: "builds/Windows_11_24H2_26100.txt")
                .map(\.line) == ["Windows 11 Version 24H2"])
        let server2022 = Array("LTSC 2023-07 B 2023-07-11 20348.1850 KB5028171\n".utf8)
        #expect(
            try ReleaseHistoryReader.read(bytes: server2022, displayName: "h.txt").map(\.line) == [
                "Windows Server 2022"
            ])

        let placeNone = ImportError.badRecord(
            file: "h.txt", line: 1,
            expected: "the product line of its releases: a '# product: NAME' line above them, --product NAME, "
                + "or a file named after it (Windows_Server_2025_26100.txt)",
            found: "build 26100, which is Windows Server 2025 or Windows 11 Version 24H2")
        #expect(throws: placeNone) { try ReleaseHistoryReader.read(bytes: bytes, displayName: "h.txt") }
        let wrong = ImportError.badRecord(
            file: "h.txt", line: 1, expected: "a release of Windows Server 2019",
            found: "build 26100, which is Windows Server 2025 or Windows 11 Version 24H2")
        #expect(throws: wrong) {
            try ReleaseHistoryReader.read(bytes: bytes, displayName: "h.txt", product: "Windows Server 2019")
        }
    }

    @Test func aMalformedRowNamesItsLine() {
        let text = "LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168\nLTSC 2023-06 B June 17763.4499 KB5027222\n"
        #expect(
            throws: ImportError.badRecord(
                file: "h.txt", line: 2,
                expected: "channel month type date build.UBR KB (LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168)",
                found: "LTSC 2023-06 B June 17763.4499 KB5027222")
        ) {
            try ReleaseHistoryReader.read(bytes: Array(text.utf8), displayName: "h.txt", product: "Windows Server 2019")
        }
    }

    @Test(.enabled(if: Fixtures.sharedData != nil, "../shared/data is absent"))
    func everyRealReleaseHistoryReads() throws {
        let folder = try #require(Fixtures.sharedData).appendingPathComponent("builds")
        var all: [Release] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            all += try ReleaseHistoryReader.read(folder.appendingPathComponent(name), displayName: name)
        }
        #expect(all.count == 452)
        #expect(Set(all.map(\.line)).count == 5, "each file is its product's line, named by the file")
        let history = ReleaseHistory(all)
        let server2016 = "Windows Server 2016"
        #expect(
            history.level(at: try #require(OSVersion(parsing: "14393.2068")), product: server2016)?.kb == KB(4_074_590))
        #expect(
            history.level(at: try #require(OSVersion(parsing: "17763.4645")), product: "Windows Server 2019")?.date
                .description == "2023-07-11")
        // Build 26100.1742: general availability of Windows 11 24H2 on 2024-10-01, of Windows Server 2025 a month on.
        let ga = try #require(OSVersion(parsing: "26100.1742"))
        #expect(history.level(at: ga, product: "Windows Server 2025")?.date.description == "2024-11-01")
        #expect(
            history.level(at: ga, product: "Windows 11 Version 24H2 for x64-based Systems")?.date.description
                == "2024-10-01")
    }
}
