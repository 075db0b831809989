import Foundation
import PatchLedgerCore
import Testing

@testable import PatchLedgerImport

@Suite struct ReleaseHistoryReaderTests {
    @Test func linesWithABOMCommentsAndBlanksRead() throws {
        let text =
            "\u{FEFF}# Windows Server 2019\r\nLTSC 2023-07 B 2023-07-11 17763.4645 KB5028168\r\n\r\nLTSC 2023-06 B 2023-06-13 17763.4499 KB5027222\r\n"
        let releases = try ReleaseHistoryReader.read(bytes: Array(text.utf8), displayName: "h.txt")
        #expect(releases.map(\.kb) == [KB(5_028_168), KB(5_027_222)])
        #expect(releases.first?.date.description == "2023-07-11")
        #expect(releases.first?.build == 17763)
        #expect(releases.first?.ubr == 4645)
        #expect(releases.first?.isSecurityRelease == true)
    }

    @Test func aMalformedRowNamesItsLine() {
        let text = "LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168\nLTSC 2023-06 B June 17763.4499 KB5027222\n"
        #expect(
            throws: ImportError.badRecord(
                file: "h.txt", line: 2,
                expected: "channel month type date build.UBR KB (LTSC 2023-07 B 2023-07-11 17763.4645 KB5028168)",
                found: "LTSC 2023-06 B June 17763.4499 KB5027222")
        ) {
            try ReleaseHistoryReader.read(bytes: Array(text.utf8), displayName: "h.txt")
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
        let history = ReleaseHistory(all)
        #expect(history.level(at: try #require(OSVersion(parsing: "14393.2068")))?.kb == KB(4_074_590))
        #expect(history.level(at: try #require(OSVersion(parsing: "17763.4645")))?.date.description == "2023-07-11")
    }
}
