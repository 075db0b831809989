import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerKit
import PatchLedgerTestSupport
import Testing

@testable import PatchLedgerStore

/// `import catalog` of a cabinet (`package.cab`, `wsusscn2.cab`, made here with gcab from the sample package)
/// gives the ledger that importing the extracted package.xml gives, without writing anything to disk; a damaged
/// cabinet changes nothing.
@Suite(.enabled(if: Cabinets.gcab != nil, "gcab is not installed (apt-get install gcab)"))
struct CabinetImportTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cabinets-\(UUID())")

    /// The sample package.xml alone (no metadata fragments: a cabinet's shards are not read yet), in
    /// `package.cab`, and that in `wsusscn2.cab`, as Microsoft nests them.
    func cabinets() throws -> (xml: URL, package: URL, wsusscn2: URL) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let xml = folder.appendingPathComponent("package.xml")
        try FileManager.default.copyItem(at: TestData.root.appendingPathComponent("catalogs/wsus/package.xml"), to: xml)
        try Cabinets.make("package.cab", of: ["package.xml"], in: folder)
        try Cabinets.make("wsusscn2.cab", of: ["package.cab"], in: folder)
        return (xml, folder.appendingPathComponent("package.cab"), folder.appendingPathComponent("wsusscn2.cab"))
    }

    func imported(_ url: URL) throws -> (ledger: Ledger, summary: ImportSummary) {
        let ledger = try Ledger.inMemory()
        let result = try CatalogImporter(format: nil, progress: NoProgress()).run(paths: [url.path], into: ledger)
        return (ledger, try #require(result.summaries.first))
    }

    @Test func aCabinetGivesTheLedgerOfItsExtractedPackage() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (xml, package, wsusscn2) = try cabinets()
        let bookkeeping: Set<String> = ["imports", "import_log"]
        let extracted = try imported(xml)
        #expect(extracted.summary.added == 33)
        for cabinet in [package, wsusscn2] {
            let (ledger, summary) = try imported(cabinet)
            #expect(summary.outcome == .imported)
            #expect((summary.added, summary.changed) == (33, 0))
            // The documents row also names the cabinet (its digest, last), which package.xml has none of.
            var dump = try ledger.dump(excluding: bookkeeping)
            #expect(dump["documents"]?.map { $0.last == "NULL" } == [false])
            #expect(try extracted.ledger.dump()["documents"]?.map { $0.last == "NULL" } == [true])
            dump["documents"] = dump["documents"]?.map { $0.dropLast() + ["NULL"] }
            let expected = try extracted.ledger.dump(excluding: bookkeeping)
            #expect(dump == expected, "\(cabinet)")
            // Read again, the cabinet writes nothing but its line in import_log (a nightly re-run).
            let before = try ledger.dump(excluding: ["import_log"])
            let repeated = try CatalogImporter(format: nil, progress: NoProgress()).run(
                paths: [cabinet.path], into: ledger)
            #expect(repeated.summaries.first?.outcome == .unchanged)
            #expect(try ledger.dump(excluding: ["import_log"]) == before)
            // The digest recorded is package.xml's: the cabinet and the extracted file are one document.
            let again = try CatalogImporter(format: nil, progress: NoProgress()).run(paths: [xml.path], into: ledger)
            #expect(again.summaries.first?.outcome == .unchanged)
        }
    }

    /// Counts what the reader reports of a file's read: none when the read is skipped.
    final class ReadCounter: ProgressSink {
        var reads = 0
        func expect(files: Int, bytes: Int) {}
        func advance(bytes: Int) {}
        func update(file: String, bytes: Int, records: Int?) { reads += 1 }
        func update(files done: Int, of total: Int, snapshots: Int) {}
        func update(file: String, snapshots: Int) {}
        func downloading(_ name: String, bytes: Int, of expected: Int?) {}
        func step(_ what: String) {}
        func finish() {}
    }

    /// A nightly re-import of the cabinet held is recognised by the cabinet's own digest: not read, nothing
    /// written. The same content in another cabinet is read once, then recognised in turn.
    @Test func theCabinetHeldIsRecognisedWithoutReadingIt() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (xml, _, wsusscn2) = try cabinets()
        try Cabinets.make("stored.cab", of: ["package.cab"], in: folder, compressed: false)
        let stored = folder.appendingPathComponent("stored.cab")
        let ledger = try Ledger.inMemory()
        func importing(_ url: URL) throws -> (outcome: ImportSummary.Outcome?, reads: Int) {
            let counter = ReadCounter()
            let result = try CatalogImporter(format: nil, progress: counter).run(paths: [url.path], into: ledger)
            return (result.summaries.first?.outcome, counter.reads)
        }
        let first = try importing(wsusscn2)
        #expect(first.outcome == .imported)
        #expect(first.reads > 0)
        let before = try ledger.dump(excluding: ["import_log"])
        #expect(try importing(wsusscn2) == (.unchanged, 0))
        #expect(try ledger.dump(excluding: ["import_log"]) == before)
        // Other bytes, the same package: read, found unchanged, remembered.
        let other = try importing(stored)
        #expect(other.outcome == .unchanged)
        #expect(other.reads > 0)
        #expect(try importing(stored) == (.unchanged, 0))
        // The same package.xml, recognised by its digest: the ledger still holds what the cabinet gives.
        #expect(try importing(xml).outcome == .unchanged)
        #expect(try importing(stored) == (.unchanged, 0))
        // Another package.xml (the same updates, written on another day) is read and recorded: the ledger no
        // longer holds the cabinet's package.xml, so the cabinet is read again.
        let text = try String(contentsOf: xml, encoding: .utf8)
        try text.replacingOccurrences(
            of: "CreationDate=\"2023-09-12T08:51:08Z\"", with: "CreationDate=\"2023-10-10T08:00:00Z\""
        ).write(to: xml, atomically: true, encoding: .utf8)
        let rewritten = try importing(xml)
        #expect(rewritten.outcome == .unchanged)
        #expect(rewritten.reads > 0)
        #expect(try importing(stored).reads > 0)
    }

    /// The sample catalog as Microsoft ships it: `wsusscn2.cab` holding `index.xml`, `package.cab` and two shards
    /// of metadata fragments split at RevisionId 40000020 (`RANGESTART`), the second also holding a French title
    /// and an EULA, which are not read.
    @Test func theShardsMetadataIsReadAsFromTheExtractedFolders() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sample = TestData.root.appendingPathComponent("catalogs/wsus")
        for item in ["package.xml", "x", "c", "l"] {
            try FileManager.default.copyItem(
                at: sample.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        var low: [String] = []
        var high: [String] = []
        for kind in ["x", "c", "l/en"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(kind).path) {
                if (Int(name) ?? 0) < 40_000_020 {
                    low.append("\(kind)/\(name)")
                } else {
                    high.append("\(kind)/\(name)")
                }
            }
        }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("l/fr"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("e"), withIntermediateDirectories: true)
        let french = "<LocalizedProperties><Language>fr</Language><Title>Mise à jour</Title></LocalizedProperties>"
        try Data(french.utf8).write(to: folder.appendingPathComponent("l/fr/40000023"))
        try Data("not XML at all <".utf8).write(to: folder.appendingPathComponent("e/40000023"))
        try Cabinets.make("package.cab", of: ["package.xml"], in: folder)
        try Cabinets.make("package2.cab", of: low.sorted(), in: folder)
        try Cabinets.make("package3.cab", of: high.sorted() + ["l/fr/40000023", "e/40000023"], in: folder)
        let index = """
            <?xml version="1.0"?>
            <INDEX VERSION="1"><CABLIST XOR="0"><CAB NAME="package.cab" />\
            <CAB NAME="package2.cab" RANGESTART="0" FILESDIR="1" /><CAB NAME="package3.cab" RANGESTART="40000020" />\
            </CABLIST></INDEX>
            """
        try Data(index.utf8).write(to: folder.appendingPathComponent("index.xml"))
        try Cabinets.make(
            "wsusscn2.cab", of: ["index.xml", "package.cab", "package2.cab", "package3.cab"], in: folder)

        let extracted = try imported(folder.appendingPathComponent("package.xml"))
        let cabinet = try imported(folder.appendingPathComponent("wsusscn2.cab"))
        // The documents row differs only in how the metadata were fingerprinted (folders by file times).
        let bookkeeping: Set<String> = ["imports", "import_log", "documents"]
        #expect(try cabinet.ledger.dump(excluding: bookkeeping) == extracted.ledger.dump(excluding: bookkeeping))
        #expect(try cabinet.ledger.update(KB(5_030_214)).title?.contains("Mise") != true)
        let titled = try cabinet.ledger.dump()["updates"]?.filter { row in row.contains { $0.contains("(KB") } }
        #expect((titled?.count ?? 0) > 10, "titles come from the l/en fragments")
    }

    @Test func aTruncatedOrForeignCabinetIsAnErrorAndChangesNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, _, wsusscn2) = try cabinets()
        let bytes = try Data(contentsOf: wsusscn2)
        let truncated = folder.appendingPathComponent("truncated.cab")
        try bytes.prefix(bytes.count * 2 / 3).write(to: truncated)
        try Data("just text".utf8).write(to: folder.appendingPathComponent("readme.txt"))
        try Cabinets.make("other.cab", of: ["readme.txt"], in: folder)
        for (cabinet, says) in [
            (truncated, "cannot read"), (folder.appendingPathComponent("other.cab"), "package.xml or package.cab"),
        ] {
            let ledger = try Ledger.inMemory()
            let before = try ledger.dump()
            #expect {
                _ = try CatalogImporter(format: nil, progress: NoProgress()).run(paths: [cabinet.path], into: ledger)
            } throws: { error in
                "\(error)".contains(cabinet.path) && "\(error)".contains(says)
            }
            #expect(try ledger.dump() == before)
        }
    }
}
