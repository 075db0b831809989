import Foundation
import PatchLedgerCore
import Testing

@testable import PatchLedgerImport

@Suite struct InventoryBadInputTests {
    let tried = InventoryFormat.allCases.map(\.rawValue)

    func read(_ text: String) throws -> InventoryReader.Result {
        try InventoryReader.read(bytes: Array(text.utf8), displayName: "in.txt")
    }

    @Test(arguments: [[], Array(" \r\n\n".utf8), [0xFF, 0xFE, 0x0D, 0x00, 0x0A, 0x00]])
    func anEmptyFileSaysSo(bytes: [UInt8]) {
        #expect(throws: ImportError.badRecord(file: "in.txt", line: 1, expected: "a capture", found: "an empty file")) {
            try InventoryReader.read(bytes: bytes, displayName: "in.txt")
        }
    }

    @Test func aGetHotFixCSVWithARaggedRowOrAnOpenQuoteIsRefused() {
        let header = "\"Source\",\"Description\",\"HotFixID\",\"InstalledOn\"\n"
        #expect(
            throws: ImportError.badRecord(file: "in.txt", line: 3, expected: "4 fields, as the header has", found: "3")
        ) {
            try read(
                header + "\"WEB-01\",\"Update\",\"KB5028168\",\"7/12/2023\"\n\"WEB-01\",\"KB5029247\",\"8/9/2023\"\n")
        }
        #expect(throws: ImportError.self) {
            try read(
                header
                    + "\"WEB-01\",\"Update\",\"KB5028168\",\"7/12/2023\n\"WEB-01\",\"Update\",\"KB5029247\",\"8/9/2023\"\n"
            )
        }
    }

    @Test func aVMNameWithANulIsRefused() {
        #expect(
            throws: ImportError.badRecord(
                file: "in.txt", line: 1, expected: "a VM name without control characters", found: "web\\u{0}01")
        ) {
            try read(#"[{"vm": "web\u000001", "kbs": ["KB5028168"]}]"#)
        }
    }

    @Test(arguments: [#""""#, #"" ""#])
    func anEmptyVMNameIsRefusedNotReplacedByTheFileName(name: String) {
        #expect(throws: ImportError.badRecord(file: "in.txt", line: 1, expected: "a VM name", found: "an empty one")) {
            try read(#"[{"vm": \#(name), "kbs": ["KB5028168"]}]"#)
        }
    }

    @Test func proseIsUnrecognised() {
        #expect(throws: ImportError.unrecognized(file: "in.txt", tried: tried)) {
            try read("Dear admin,\nplease patch the servers.\n")
        }
    }

    @Test func systemInfoWithoutHotfixesIsRefused() {
        let text = """
            Host Name:                 EMPTY-01
            OS Name:                   Microsoft Windows Server 2019 Datacenter
            OS Version:                10.0.17763 N/A Build 17763
            System Type:               x64-based PC
            Hotfix(s):                 N/A

            """
        #expect(
            throws: ImportError.badRecord(
                file: "in.txt", line: 1, expected: "installed KBs for EMPTY-01 (systeminfo)", found: "none")
        ) {
            try read(text)
        }
    }

    @Test func binaryContentIsUndecodable() {
        #expect(throws: ImportError.undecodable(file: "in.txt", reason: "binary content (NUL bytes), not text")) {
            try InventoryReader.read(
                bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00], displayName: "in.txt")
        }
    }

    @Test func utf16WithAnOddByteCountIsUndecodable() {
        #expect(
            throws: ImportError.undecodable(
                file: "in.txt", reason: "UTF-16LE with an odd number of bytes (a lone byte at byte 4)")
        ) {
            try InventoryReader.read(bytes: [0xFF, 0xFE, 0x4B, 0x00, 0x42], displayName: "in.txt")
        }
    }

    /// UTF-16LE bytes (with a BOM) of `text`, with `unit` put in after `at` characters.
    static func utf16(_ text: String, inserting unit: UInt16, at: Int) -> [UInt8] {
        var units = Array(text.utf16)
        units.insert(unit, at: at)
        return [0xFF, 0xFE] + units.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] }
    }

    @Test(arguments: [(UInt16(0xD83D), "D83D"), (0xDC00, "DC00")])
    func aLoneSurrogateIsUndecodableAtItsByte(unit: UInt16, shown: String) {
        let bytes = Self.utf16("Host Name: WEB-01\r\n", inserting: unit, at: 4)
        #expect(
            throws: ImportError.undecodable(
                file: "in.txt", reason: "invalid UTF-16LE: an unpaired surrogate (U+\(shown)) at byte 10")
        ) {
            try InventoryReader.read(bytes: bytes, displayName: "in.txt")
        }
    }

    @Test func aLoneSurrogateInAStreamedFileIsUndecodableAtItsByte() throws {
        // Past the first megabyte read, so the offset counts the chunks before.
        let line = "Host Name: WEB-01\r\n"
        let before = String(repeating: line, count: 60_000)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("surrogate-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.utf16(before + line, inserting: 0xD800, at: before.utf16.count + 4)).write(to: url)
        let chunks = try TextChunks(url: url, encoding: .utf16(littleEndian: true, bom: true), file: "in.txt")
        let offset = 2 + (before.utf16.count + 4) * 2
        #expect(
            throws: ImportError.undecodable(
                file: "in.txt", reason: "invalid UTF-16LE: an unpaired surrogate (U+D800) at byte \(offset)")
        ) {
            while try chunks.next() != nil {}
        }
    }

    @Test func patchLedgerJSONWithABadKBNamesTheRecord() {
        let text = #"[{"vm": "a", "kbs": ["KB5028168"]}, {"vm": "b", "kbs": ["Release Notes"]}]"#
        #expect(
            throws: ImportError.badRecord(
                file: "in.txt", line: 2, expected: "a KB such as \"KB4012212\" in kbs (record 2)",
                found: "Release Notes")
        ) {
            try read(text)
        }
    }

    @Test func truncatedJSONIsABadRecord() throws {
        let error = try #require(throws: ImportError.self) {
            try InventoryReader.read(
                bytes: Array(#"[{"vm": "a", "kbs": ["#.utf8), displayName: "in.txt", format: .patchLedgerJSON)
        }
        guard case .badRecord(let file, _, let expected, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "in.txt")
        #expect(expected == "JSON")
    }

    @Test func aQFETableWithoutHotFixIDColumnIsRefused() {
        #expect(
            throws: ImportError.badRecord(
                file: "in.txt", line: 2, expected: "a HotFixID column", found: "caption, description")
        ) {
            try InventoryReader.read(
                bytes: Array("Caption     Description\nhttp://x   Update\n".utf8), displayName: "in.txt",
                format: .wmicQFE)
        }
    }
}
