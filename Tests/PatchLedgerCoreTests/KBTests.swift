import Testing

@testable import PatchLedgerCore

@Suite struct KBTests {
    @Test(arguments: ["KB4012212", "kb4012212", "4012212", "KB 4012212", " KB4012212 "])
    func everySpellingNormalisesToOneForm(spelling: String) {
        #expect(KB(parsing: spelling)?.description == "KB4012212")
    }

    @Test(arguments: ["Release Notes", "MS16-110", "", "KB", "KB12", "KB40122x2"])
    func nonKBTextIsRejected(text: String) {
        #expect(KB(parsing: text) == nil)
    }

    @Test func printsAsKBAndItsNumberOverTheWholeRangeAParsedKBCanHave() {
        for number in [0, 7, 890_830, 5_028_168, 999_999_999] {
            #expect(KB(number).description == "KB" + String(number))
            #expect(KB(parsing: "KB\(number)")?.number == (number >= 100 ? number : nil))
        }
        #expect(KB(-3).description == "KB-3")
        #expect(KB(parsing: "KB1000000000") == nil)
    }

    @Test func supersedenceSplitsOnSemicolonsCommasAndSpaces() {
        let parsed = Supersedes.parseList("4056894; 4056897,4054518  MS16-110 ;; junk")
        #expect(parsed.entries == [.kb(KB(4_056_894)), .kb(KB(4_056_897)), .kb(KB(4_054_518)), .bulletin("MS16-110")])
        #expect(parsed.unrecognised == ["junk"])
        #expect(Supersedes.parseList("").entries.isEmpty)
    }

    @Test func payloadURLNamesItsKB() {
        let location = WSUSFileLocation(
            fileID: "x",
            url:
                "http://download.windowsupdate.com/c/msdownload/update/software/secu/2018/02/windows10.0-kb4074590-x64_4b9c4d3fd3ba1d5a5e2b9b2ab1a2a4a0e3f7f4c8.msu"
        )
        #expect(location.kb == KB(4_074_590))
        #expect(WSUSFileLocation(fileID: "y", url: "http://example.invalid/ndp48-x86-x64-allos-enu.exe").kb == nil)
        let kbs = [
            "KB5028168.msu", "x/windows10.0-KB5028168-x64.cab", "a_kb5028168", "ndp-kb502816", "backb5028168.msu",
            "kb50281", "kb", "",
        ].map { WSUSFileLocation(fileID: "z", url: $0).kb?.number }
        #expect(kbs == [5_028_168, 5_028_168, 5_028_168, 502_816, nil, nil, nil, nil])
    }
}
