import Foundation
import PatchLedgerCore
import Testing

@testable import PatchLedgerImport

@Suite struct InventoryReaderTests {
    func read(_ name: String) throws -> InventoryReader.Result {
        try InventoryReader.read(try Fixtures.url("inventories/\(name)"), displayName: name)
    }

    func kbs(_ snapshot: InventorySnapshot) -> [String] { snapshot.kbs.map(\.kb.description) }

    @Test func englishSystemInfoGivesHostOSBuildArchitectureAndHotfixes() throws {
        let result = try read("systeminfo-en.txt")
        #expect(result.format == .systeminfo)
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.vm == "WEB-01")
        #expect(snapshot.osName == "Microsoft Windows Server 2019 Datacenter")
        #expect(snapshot.version == OSVersion(major: 10, minor: 0, build: 17763))
        #expect(snapshot.architecture == .x64)
        #expect(snapshot.product == "Windows Server 2019")
        #expect(snapshot.installedAt == "7/20/2023, 10:12:01 AM", "not the boot time after it")
        #expect(kbs(snapshot) == ["KB5028316", "KB5012170", "KB5028168", "KB5027397"])
        #expect(snapshot.declaredCount == 4)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func germanUTF16SystemInfoIsReadByLayoutNotLabels() throws {
        let snapshot = try #require(try read("systeminfo-de-utf16le.txt").snapshots.first)
        #expect(snapshot.vm == "DB-02")
        #expect(snapshot.product == "Windows Server 2016")
        #expect(snapshot.version?.description == "10.0.14393")
        #expect(kbs(snapshot) == ["KB4049065", "KB5028169", "KB5028394"])
        // "Ursprüngliches Installationsdatum", found by its shape (the boot time after it has the same shape).
        #expect(snapshot.installedAt == "03.03.2018, 03:50:28")
    }

    @Test func frenchLegacyCodePageSystemInfoWarnsAboutATruncatedList() throws {
        let result = try read("systeminfo-fr-cp1252.txt")
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.vm == "POSTE-07")
        #expect(snapshot.osName == "Microsoft Windows 10 Entreprise")
        #expect(snapshot.product == "Windows 10 Version 22H2 for x64-based Systems")
        #expect(kbs(snapshot) == ["KB5031988", "KB5032189", "KB5011048"])
        #expect(snapshot.otherEntries == 1)
        #expect(
            result.diagnostics.map(\.message) == [
                "declares 6 hotfixes but lists 4 for POSTE-07 (systeminfo truncates long lists; the KBs read are kept)"
            ])
    }

    @Test func systemInfoCSVGivesOneSnapshotPerHostRow() throws {
        let result = try read("systeminfo.csv")
        #expect(result.format == .systeminfoCSV)
        #expect(result.snapshots.map(\.vm) == ["APP-01", "APP-02"])
        #expect(result.snapshots.map(\.product) == ["Windows Server 2022", "Windows Server 2022"])
        #expect(result.snapshots.map(kbs) == [["KB5028171", "KB5012170", "KB5027544"], ["KB5027225", "KB5012170"]])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func wmicTableColumnsAreCutAtTheHeaderPositions() throws {
        let result = try read("wmic-qfe.txt")
        #expect(result.format == .wmicQFE)
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.vm == "DC-03")
        #expect(kbs(snapshot) == ["KB2919355", "KB5028223", "KB5028228"])
        #expect(snapshot.kbs.map(\.installedOn?.description) == ["2014-03-18", "2023-07-12", "2023-07-12"])
        #expect(snapshot.kbs.map(\.description) == ["Update", "Security Update", "Security Update"])
        #expect(snapshot.otherEntries == 1)
        #expect(snapshot.product == nil)
    }

    /// The command the user typed, kept before the table (a Russian Server 2012 R2 capture began with `cat q`).
    @Test func strayLinesBeforeACaptureAreSkippedWithAWarningNamingThem() throws {
        let url = try Fixtures.url("inventories/wmic-qfe.txt")
        let table = try #require(String(data: try Data(contentsOf: url), encoding: .utf16))
        let text = "PS C:\\> cat q\r\n" + table
        let result = try InventoryReader.read(bytes: Array(text.utf8), displayName: "q.txt")
        #expect(result.format == .wmicQFE)
        #expect(result.snapshots.first.map(kbs) == ["KB2919355", "KB5028223", "KB5028228"])
        #expect(
            result.diagnostics.map(\.description) == ["q.txt:1: skipped 1 line(s) before the capture: 'PS C:\\> cat q'"]
        )
        // Prose is still no capture.
        #expect(throws: ImportError.self) {
            try InventoryReader.read(bytes: Array("cat q\nnothing here\nat all\nreally\n".utf8), displayName: "p.txt")
        }
    }

    @Test func wmicCSVWithALeadingBlankLineReadsByHeaderName() throws {
        let result = try read("wmic-qfe.csv")
        #expect(result.format == .qfeCSV)
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.vm == "SQL-04")
        #expect(kbs(snapshot) == ["KB5028168", "KB5027397"])
        #expect(snapshot.kbs.map(\.installedOn?.description) == ["2023-07-12", "2023-06-20"])
    }

    @Test func getHotFixCSVSplitsHostsAndSkipsTheTypeLine() throws {
        let result = try read("hotfix-type.csv")
        #expect(result.snapshots.map(\.vm) == ["FS-05", "FS-06"])
        #expect(result.snapshots.map(kbs) == [["KB5029242", "KB5028169"], ["KB5028169"]])
        #expect(result.snapshots[0].kbs.first?.installedOn?.description == "2023-08-09")
    }

    @Test func getHotFixCSVWithoutTypeLineNormalisesKBSpellings() throws {
        let snapshot = try #require(try read("hotfix-notype.csv").snapshots.first)
        #expect(snapshot.vm == "FS-07")
        #expect(kbs(snapshot) == ["KB5028316", "KB5028168"])
    }

    @Test func powerShellJSONDatesAreMillisecondsSinceEpoch() throws {
        let result = try read("hotfix.json")
        #expect(result.format == .hotfixJSON)
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.vm == "PWSH-08")
        #expect(kbs(snapshot) == ["KB5028168", "KB5027397"])
        #expect(snapshot.kbs.map(\.installedOn?.description) == ["2023-07-12", "2023-06-20"])
    }

    @Test func aSingleHotFixObjectWithAnExtendedDateReads() throws {
        let snapshot = try #require(try read("hotfix-single.json").snapshots.first)
        #expect(snapshot.vm == "PWSH-09")
        #expect(
            snapshot.kbs == [
                InstalledKB(
                    kb: KB(4_512_578), installedOn: CalendarDate(year: 2019, month: 9, day: 6),
                    description: "Security Update")
            ])
    }

    @Test func aWindowsUpdateSearchResultIsRefusedForWhatItIs() throws {
        // KB…: title lines list updates NOT installed (IsInstalled=0): read as installed, they hid what is missing.
        #expect(throws: WindowsUpdateSearch.refusal(file: "wu-search.txt")) {
            try InventoryReader.read(try Fixtures.url("wu-search.txt"), displayName: "wu-search.txt")
        }
    }

    @Test func patchLedgerJSONCarriesManyScansWithTimesAndBuilds() throws {
        let result = try read("patchledger.json")
        #expect(result.format == .patchLedgerJSON)
        #expect(result.snapshots.map(\.vm) == ["web-01", "web-01", "web-02"])
        #expect(
            result.snapshots.map { $0.scannedAt?.description } == [
                "2023-07-20T06:00:00Z", "2023-08-20T04:00:00Z", "2023-08-20T00:00:00Z",
            ])
        #expect(
            result.snapshots.map { $0.version?.description } == [
                "10.0.17763.4499", "10.0.17763.4645", "10.0.20348.1850",
            ])
        #expect(
            result.snapshots.map(\.product) == ["Windows Server 2019", "Windows Server 2019", "Windows Server 2022"])
        #expect(result.snapshots[0].kbs[1].installedOn?.description == "2023-06-20")
        #expect(kbs(result.snapshots[2]) == ["KB5028171"])
    }
}

/// The same capture in every encoding Windows writes, produced here from one text.
@Suite struct InventoryEncodingTests {
    static let text = """
        Host Name:                 ENC-01
        OS Name:                   Microsoft Windows Server 2022 Datacenter
        OS Version:                10.0.20348 N/A Build 20348
        System Type:               x64-based PC
        Hotfix(s):                 2 Hotfix(s) Installed.
                                   [01]: KB5028171
                                   [02]: KB5012170

        """

    enum Encoding: String, CaseIterable {
        case utf8, utf8BOM, utf16LE, utf16LENoBOM, utf16BE, crlf, noBreakSpaces
    }

    static func bytes(_ encoding: Encoding) -> [UInt8] {
        let utf16 = Array(text.utf16)
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16LE: return [0xFF, 0xFE] + utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16LENoBOM: return utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: return [0xFE, 0xFF] + utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case .crlf: return Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        case .noBreakSpaces:
            return Array(text.replacingOccurrences(of: ":      ", with: ":\u{A0}\u{A0}\u{A0}\u{A0}\u{A0}\u{A0}").utf8)
        }
    }

    @Test(arguments: Encoding.allCases)
    func everyEncodingReadsTheSameSnapshot(_ encoding: Encoding) throws {
        let result = try InventoryReader.read(bytes: Self.bytes(encoding), displayName: "enc.txt")
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.vm == "ENC-01")
        #expect(snapshot.product == "Windows Server 2022")
        #expect(snapshot.kbs.map(\.kb) == [KB(5_028_171), KB(5_012_170)])
    }

    @Test func anEmptyKBListInPatchLedgerJSONIsAMachineWithNothingInstalled() throws {
        let text = """
            [{"vm": "fresh-01", "scannedAt": "2023-08-20", "os": "Windows Server 2019 Datacenter", "build": "17763",
              "kbs": []},
             {"vm": "web-02", "scannedAt": "2023-08-20", "build": "20348.1850", "kbs": ["KB5028171"]}]
            """
        let result = try InventoryReader.read(bytes: Array(text.utf8), displayName: "fleet.json")
        #expect(result.snapshots.map(\.vm) == ["fresh-01", "web-02"])
        #expect(result.snapshots[0].kbs.isEmpty)
        #expect(result.snapshots[0].listsInstalledUpdates)
        // A record without a kbs array at all is still an error.
        #expect(
            throws: ImportError.badRecord(
                file: "fleet.json", line: 1, expected: "a kbs array (record 1)", found: "nothing")
        ) {
            try InventoryReader.read(
                bytes: Array(#"[{"vm": "x", "build": "17763"}]"#.utf8), displayName: "fleet.json",
                format: .patchLedgerJSON)
        }
    }

    /// The end of a systeminfo capture of a machine with no update installed, in English or French.
    static func systemInfo(hotfixes: String, label: String = "Hotfix(s):") -> String {
        let head = """
            Host Name:                 FRESH-01
            OS Name:                   Microsoft Windows Server 2019 Datacenter
            OS Version:                10.0.17763 N/A Build 17763
            Registered Organization:   N/A
            Product ID:                00430-00000-00000-AA442
            System Type:               x64-based PC
            Processor(s):              1 Processor(s) Installed.
                                       [01]: Intel64 Family 6 Model 85 Stepping 7 GenuineIntel ~2594 Mhz
            Logon Server:              \\FRESH-01
            """
        let padded = label.padding(toLength: 27, withPad: " ", startingAt: 0)
        return head + "\n" + padded + hotfixes + """

            Network Card(s):           1 NIC(s) Installed.
                                       [01]: Microsoft Hyper-V Network Adapter
                                             Connection Name: Ethernet
            Hyper-V Requirements:      A hypervisor has been detected.
            """
    }

    /// Windows XP / Server 2003 captures: `File 1` entries, `Q` numbers, `vN` revisions, `-IE8` suffixes, and a
    /// list systeminfo cut off mid-id (it declares 352 and lists 6, the last `KB2862`).
    @Test func legacyIDsAreReadAndACutOffLastEntryIsDropped() throws {
        let items = ["File 1", "Q147222", "KB893803v2", "KB2510531-IE8", "KB2862152", "KB2862"].enumerated().map {
            "                           [\(String(format: "%02d", $0.offset + 1))]: \($0.element)"
        }
        let text = Self.systemInfo(hotfixes: "352 Hotfix(s) Installed.\n" + items.joined(separator: "\n"))
        let result = try InventoryReader.read(bytes: Array(text.utf8), displayName: "xp.txt")
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.kbs.map(\.kb.description) == ["KB147222", "KB893803", "KB2510531", "KB2862152"])
        #expect(snapshot.kbs.map(\.written) == ["Q147222", "KB893803v2", "KB2510531-IE8", nil], "as written")
        #expect(snapshot.otherEntries == 1)
        #expect(snapshot.cutOffEntry == "KB2862")
        #expect(
            result.diagnostics.first?.message
                == "declares 352 hotfixes but lists 5 for FRESH-01 (systeminfo truncates long lists; the KBs read are "
                + "kept; the last, KB2862, is cut off mid-id and was dropped)")
        // Not cut: a short id among short ones, or a list as long as it declares.
        #expect(SystemInfoList.cutOff(["KB2862152", "KB2862"], declared: 2) == nil)
        #expect(SystemInfoList.cutOff(["KB123456", "KB654321"], declared: 9) == nil)
    }

    @Test(arguments: [
        ("KB893803v2", 893_803), ("kb2510531-IE8", 2_510_531), ("Q147222", 147_222), ("KB4012212", 4_012_212),
        ("4012212", 4_012_212),
    ])
    func installedIDsInEveryLegacySpelling(text: String, number: Int) {
        #expect(InventoryFields.installedKB(text) == KB(number))
    }

    @Test(arguments: ["KB123abc", "MS17-010", "Q12x", "KB2510531-", "Qualys"])
    func otherTextIsNoInstalledID(text: String) {
        #expect(InventoryFields.installedKB(text) == nil)
    }

    @Test func aSystemInfoWithNoHotfixIsAMachineWithNothingInstalled() throws {
        for (label, hotfixes) in [
            ("Hotfix(s):", "N/A"), ("Hotfix(s):", "0 Hotfix(s) Installed."),
            ("Correctif(s):", "0 correctif(s) installé(s)."),
        ] {
            let text = Self.systemInfo(hotfixes: hotfixes, label: label)
            let result = try InventoryReader.read(bytes: Array(text.utf8), displayName: "fresh-01.txt")
            let snapshot = try #require(result.snapshots.first)
            #expect(result.format == .systeminfo)
            #expect(snapshot.vm == "FRESH-01")
            #expect(snapshot.kbs.isEmpty, "\(hotfixes)")
            #expect(snapshot.listsInstalledUpdates, "\(hotfixes)")
            #expect(result.diagnostics.isEmpty)
        }
        // No Hotfix(s) field at all (a cut capture) says nothing of what is installed: still an error.
        let cut = Self.systemInfo(hotfixes: "N/A").components(separatedBy: "\n").prefix(9).joined(separator: "\n")
        #expect(throws: ImportError.self) {
            try InventoryReader.read(bytes: Array(cut.utf8), displayName: "cut.txt", format: .systeminfo)
        }
    }

    @Test func aSystemInfoCSVRowWithNoHotfixIsAMachineWithNothingInstalled() throws {
        let text = """
            "Host Name","OS Name","OS Version","System Type","Logon Server","Hotfix(s)","Network Card(s)"
            "FRESH-01","Microsoft Windows Server 2019 Datacenter","10.0.17763 N/A Build 17763","x64-based PC","\\\\FRESH-01","N/A","1 NIC(s) Installed.,[01]: Microsoft Hyper-V Network Adapter"
            """
        let result = try InventoryReader.read(bytes: Array(text.utf8), displayName: "fleet.csv")
        #expect(result.format == .systeminfoCSV)
        #expect(result.snapshots.first?.kbs.isEmpty == true)
        #expect(result.snapshots.first?.listsInstalledUpdates == true)
    }

    @Test func aJSONInventoryIsKnownByItsFirstObjectAndATruncatedOneIsBadJSON() throws {
        let truncated = #"[{"vm": "a", "kbs": ["KB5028168"]}, {"vm": "b", "kbs": ["KB50"#
        #expect(InventoryFormat.detect(truncated) == .patchLedgerJSON)
        #expect(InventoryFormat.detect(#"  [{"HotFixID": "KB5028168", "InstalledOn": "7/12/2023"}"#) == .hotfixJSON)
        #expect(InventoryFormat.detect(#"[{"vm": "a"}]"#) == nil)
        #expect(InventoryFormat.detect("[1, 2]") == nil)
        #expect {
            try InventoryReader.read(bytes: Array(truncated.utf8), displayName: "fleet.json")
        } throws: { error in
            guard case ImportError.badRecord(let file, _, let expected, _) = error else { return false }
            return file == "fleet.json" && expected == "JSON"
        }
    }
}
