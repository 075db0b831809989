import Foundation
import PatchLedgerCore
import Testing

@testable import PatchLedgerImport

/// The real captures in ../shared/data/inventories: every one reads with the right machine facts and
/// exactly the KBs it lists.
@Suite(.enabled(if: Fixtures.sharedData != nil, "../shared/data is absent"))
struct RealInventoryTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var format: InventoryFormat
        var host: String?
        var product: String?
        var version: String?
        var kbCount: Int
        var testDescription: String { file }
    }

    static let expected: [Expected] = [
        .init(
            file: "10_1809_x64_pro_en-us_20190307_qfe.txt", format: .wmicQFE, host: nil, product: nil, version: nil,
            kbCount: 5),
        .init(
            file: "11_24H2_x64_enterprise_systeminfo.txt", format: .systeminfo, host: "WINXI24H2LTSC",
            product: "Windows 11 Version 24H2 for x64-based Systems", version: "10.0.26100", kbCount: 3),
        .init(
            file: "7_sp1_x64_enterprise_en-us_B_qfe.txt", format: .wmicQFE, host: "WIN7SP1X64", product: nil,
            version: nil, kbCount: 271),
        .init(
            file: "7_sp1_x64_enterprise_fr_systeminfo_powershell.txt", format: .systeminfo, host: "WIN-IDKKFN87EL8",
            product: "Windows 7 for x64-based Systems Service Pack 1", version: "6.1.7601", kbCount: 93),
        .init(
            file: "srv_2012r2_u1_qfe.txt", format: .wmicQFE, host: "SRV12R2U1X64", product: nil, version: nil,
            kbCount: 154),
        .init(
            file: "srv_2012r2_u1_systeminfo.txt", format: .systeminfo, host: "SRV12R2U1X64",
            product: "Windows Server 2012 R2", version: "6.3.9600", kbCount: 154),
        .init(
            file: "srv_2016_1607_datacenter_en-us_systeminfo.txt", format: .systeminfo, host: "MYSERVER",
            product: "Windows Server 2016", version: "10.0.14393", kbCount: 5),
        .init(
            file: "srv_2019_rtm_datacenter_en-us_systeminfo.txt", format: .systeminfo, host: "WIN-O863JARO7CM",
            product: "Windows Server 2019", version: "10.0.17763", kbCount: 5),
        .init(
            file: "srv_2022_systeminfo.txt", format: .systeminfo, host: "WIN-RIBN7SM07BK",
            product: "Windows Server 2022", version: "10.0.20348", kbCount: 3),
    ]

    /// wesng's `_listupdates.vbs` output: a search for updates NOT installed.
    static let searchResult = "10_1803_x64_proforworkstations_en-us_A_20190305_updates.txt"

    @Test func everyCaptureInTheFolderIsCovered() throws {
        let folder = try #require(Fixtures.sharedData).appendingPathComponent("inventories")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == (Self.expected.map(\.file) + [Self.searchResult]).sorted())
    }

    @Test func theWindowsUpdateSearchResultIsRefusedNotReadAsInstalled() throws {
        let url = try #require(Fixtures.sharedData).appendingPathComponent("inventories/\(Self.searchResult)")
        #expect(throws: WindowsUpdateSearch.refusal(file: Self.searchResult)) {
            try InventoryReader.read(url, displayName: Self.searchResult)
        }
    }

    @Test(arguments: expected)
    func captureReadsWithItsFactsAndEveryListedKB(_ expected: Expected) throws {
        let url = try #require(Fixtures.sharedData).appendingPathComponent("inventories/\(expected.file)")
        let result = try InventoryReader.read(url, displayName: expected.file)
        #expect(result.format == expected.format)
        let snapshot = try #require(result.snapshots.first)
        #expect(result.snapshots.count == 1)
        #expect(snapshot.vm == expected.host)
        #expect(snapshot.product == expected.product)
        #expect(snapshot.version?.description == expected.version)
        #expect(snapshot.kbs.count == expected.kbCount)
        #expect(Set(snapshot.kbs.map(\.kb)) == Self.kbsMentioned(in: url))
        if expected.format == .systeminfo {
            #expect(snapshot.architecture == .x64)
            #expect(snapshot.declaredCount == expected.kbCount)
            #expect(result.diagnostics.isEmpty)
        }
    }

    /// An independent oracle: every `KB<digits>` written anywhere in the file, decoded by Foundation.
    static func kbsMentioned(in url: URL) -> Set<KB> {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let text =
            data.starts(with: [0xFF, 0xFE])
            ? String(data: data, encoding: .utf16) ?? "" : String(decoding: data, as: UTF8.self)
        let regex = /KB\d{6,7}/
        return Set(text.matches(of: regex).compactMap { KB(parsing: $0.output) })
    }
}
