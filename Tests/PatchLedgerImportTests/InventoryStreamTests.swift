import Foundation
import PatchLedgerCore
import Testing

@testable import PatchLedgerImport

/// A fleet's PatchLedger JSON or CSV read a batch at a time gives what reading it whole gives.
@Suite struct InventoryStreamTests {
    /// Records in the shapes users write: KBs as strings and as objects, a VM with nothing installed, escapes.
    static func fleet(records: Int) -> String {
        let items = (0..<records).map { index -> String in
            let kbs =
                index % 7 == 0
                ? "[]"
                : #"["KB5028168", {"kb": "KB5029247", "installedOn": "2023-08-09"}, "KB\#(5_000_000 + index)"]"#
            return #"{"vm": "vm-\#(index)", "scannedAt": "2023-08-\#(10 + index % 9)T06:00:00Z", "#
                + #""os": "Windows Server 2019 \u0044atacenter", "build": "10.0.17763.\#(4645 + index % 3)", "#
                + #""architecture": "x64-based PC", "kbs": \#(kbs)}"#
        }
        return "\u{FEFF}[\n  " + items.joined(separator: ",\n  ") + "\n]\n"
    }

    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    func streamed(_ url: URL, batch: Int = 100) throws -> [InventorySnapshot] {
        let stream = try #require(try InventoryStream.open(url, displayName: "fleet.json", format: nil, threshold: 0))
        var all: [InventorySnapshot] = []
        while case let batch = try stream.next(upTo: batch), !batch.isEmpty { all += batch }
        return all
    }

    @Test func batchesGiveTheSnapshotsOfAWholeRead() throws {
        let text = Self.fleet(records: 2_500)
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = try InventoryReader.read(url, displayName: "fleet.json")
        let streamed = try streamed(url)
        #expect(streamed.count == 2_500)
        #expect(streamed.map(\.fingerprint) == whole.snapshots.map(\.fingerprint))
        #expect(streamed[0].kbs.isEmpty && streamed[0].listsInstalledUpdates)
        #expect(streamed[1].osName == "Windows Server 2019 Datacenter")
        #expect(streamed[1].kbs.map(\.kb.description) == ["KB5028168", "KB5029247", "KB5000001"])
        let stream = try #require(try InventoryStream.open(url, displayName: "fleet.json", format: nil, threshold: 0))
        #expect(stream.sha256 == whole.sha256)
    }

    @Test func aBadRecordInTheMiddleIsNamedByItsNumber() throws {
        let text = Self.fleet(records: 300).replacingOccurrences(
            of: #""vm": "vm-250", "#, with: #""vm": "vm-250", "build": "x", "#)
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try streamed(url)
        } throws: { error in
            guard case ImportError.badRecord(let file, let record, let expected, _) = error else { return false }
            return file == "fleet.json" && record == 251 && expected.hasPrefix("build like")
        }
    }

    @Test func aTruncatedFileIsAnErrorAndAnEmptyArrayHoldsNoScan() throws {
        let truncated = try write(String(Self.fleet(records: 50).dropLast(40)))
        defer { try? FileManager.default.removeItem(at: truncated) }
        #expect {
            try streamed(truncated)
        } throws: { error in
            guard case ImportError.badRecord(_, let record, "JSON", let found) = error else { return false }
            return record == 50 && found.contains("end of input")
        }
        // No record to know the format by: read whole, and refused like any file without a scan.
        let empty = try write("[]")
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try InventoryStream.open(empty, displayName: "fleet.json", format: nil, threshold: 0) == nil)
        #expect(throws: ImportError.self) { try InventoryReader.read(empty, displayName: "fleet.json") }
        let stream = try #require(
            try InventoryStream.open(empty, displayName: "fleet.json", format: .patchLedgerJSON, threshold: 0))
        #expect {
            try stream.next(upTo: 10)
        } throws: { error in
            "\(error)".contains("found none")
        }
    }

    @Test func smallFilesAndOtherFormatsAreReadWhole() throws {
        let url = try write(Self.fleet(records: 3))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try InventoryStream.open(url, displayName: "fleet.json", format: nil) == nil)
        #expect(try InventoryStream.open(url, displayName: "fleet.json", format: .hotfixJSON, threshold: 0) == nil)
        // A line-based capture is read whole (one machine per file).
        let list = try write(
            "Host Name:                 WEB-01\nOS Version:                10.0.17763 N/A Build 17763\n")
        defer { try? FileManager.default.removeItem(at: list) }
        #expect(try InventoryStream.open(list, displayName: "web-01.txt", format: nil, threshold: 0) == nil)
    }

    /// `Get-HotFix | Export-Csv` of many hosts, their rows interleaved, with accented names: more than a chunk
    /// of text, so that chunks end inside characters and rows.
    static func hotFixCSV(rows: Int) -> String {
        var text = "#TYPE Selected.Microsoft.Management.Infrastructure.CimInstance\r\n"
        text += "\"Source\",\"Description\",\"HotFixID\",\"InstalledBy\",\"InstalledOn\"\r\n"
        for index in 0..<rows {
            text += "\"SRV-\(index % 97)\",\"Mise à jour de sécurité 🔒\",\"KB\(5_000_000 + index)\","
            text += "\"AUTORITÉ NT\\Système\",\"\(1 + index % 12)/\(1 + index % 28)/2023 12:00:00 AM\"\r\n"
        }
        return text
    }

    func streamedAll(_ url: URL, format: InventoryFormat? = nil) throws -> (InventoryStream, [InventorySnapshot]) {
        let stream = try #require(try InventoryStream.open(url, displayName: "fleet.csv", format: format, threshold: 0))
        var all: [InventorySnapshot] = []
        while case let batch = try stream.next(upTo: 10), !batch.isEmpty { all += batch }
        return (stream, all)
    }

    @Test func csvInAnyEncodingStreamsToTheSnapshotsOfAWholeRead() throws {
        let text = Self.hotFixCSV(rows: 30_000)
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for (name, bytes) in [("UTF-8", Array(text.utf8)), ("UTF-16LE", utf16)] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("hotfix-\(UUID().uuidString).csv")
            try Data(bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(bytes.count > 2 << 20, "\(name): more than two chunks")
            let whole = try InventoryReader.read(url, displayName: "fleet.csv")
            let (stream, streamed) = try streamedAll(url)
            #expect(stream.format == .qfeCSV)
            #expect(stream.sha256 == whole.sha256)
            #expect(streamed.count == 97, "\(name)")
            #expect(streamed.map(\.fingerprint) == whole.snapshots.map(\.fingerprint), "\(name)")
            #expect(streamed.first?.kbs.first?.description == "Mise à jour de sécurité 🔒", "\(name)")
        }
    }

    @Test func systemInfoCSVInWindows1252StreamsRowByRow() throws {
        var text = "\"Host Name\",\"OS Name\",\"OS Version\",\"System Type\",\"Hotfix(s)\",\"Network Card(s)\"\r\n"
        for index in 0..<3_000 {
            let kbs = (0..<40).map { ",[\(String(format: "%02d", $0 + 1))]: KB\(5_000_000 + index * 40 + $0)" }.joined()
            text += "\"HÔTE-\(index)\",\"Microsoft Windows Server 2019 Datacenter\",\"10.0.17763 N/A version 17763\","
            text += "\"x64-based PC\",\"40 correctif(s) installé(s).\(kbs)\",\"1 carte(s) réseau installée(s).\"\r\n"
        }
        // Windows-1252: é, Ô and every other letter here are one byte, not valid UTF-8.
        let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("si-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = try InventoryReader.read(url, displayName: "fleet.csv")
        let (stream, streamed) = try streamedAll(url)
        #expect(stream.format == .systeminfoCSV)
        #expect(streamed.count == 3_000)
        #expect(streamed.first?.vm == "HÔTE-0")
        #expect(streamed.map(\.fingerprint) == whole.snapshots.map(\.fingerprint))
    }
}
