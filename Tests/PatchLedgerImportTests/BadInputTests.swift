import Foundation
import Testing

@testable import PatchLedgerImport

@Suite struct BadInputTests {
    func error(reading name: String) throws -> ImportError {
        let url = try Fixtures.url(name)
        do {
            _ = try CVRFReader.read(url, displayName: name)
        } catch let error as ImportError {
            return error
        }
        Issue.record("\(name) was read without error")
        throw CancellationError()
    }

    @Test func truncatedFileNamesLineAndColumn() throws {
        guard case .malformed(let file, let line, let column, let reason) = try error(reading: "truncated.xml") else {
            Issue.record("not a malformed-XML error")
            return
        }
        #expect(file == "truncated.xml")
        #expect(line > 1)
        #expect(column > 0)
        #expect(!reason.isEmpty)
    }

    @Test(arguments: ["xxe.xml", "billion-laughs.xml"])
    func documentTypeDeclarationsAreRefusedBeforeAnyEntityLoads(name: String) throws {
        let failure = try error(reading: name)
        #expect(
            failure
                == .unexpected(
                    file: name, line: 2, column: failure.column,
                    expected: "no document type declaration (DTDs and entities are refused)",
                    found: "<!DOCTYPE"))
    }

    /// The document's ID left out, or blank.
    @Test(arguments: ["", "<ID> </ID>"])
    func aDocumentWithoutAnIDIsRefused(replacement: String) throws {
        let text = try String(contentsOf: try Fixtures.url("minimal-cvrf.xml"), encoding: .utf8)
        let replaced = text.replacingOccurrences(of: "<ID>2018-FEB</ID>", with: replacement)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("no-id-\(UUID().uuidString).xml")
        try Data(replaced.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try CVRFReader.read(url, displayName: "no-id.xml")
        } throws: { error in
            guard case ImportError.badRecord(let file, _, let expected, _) = error else { return false }
            return file == "no-id.xml" && expected.hasPrefix("a DocumentTracking/Identification/ID")
        }
    }

    @Test func emptyFileIsMalformed() throws {
        guard case .malformed(_, _, _, let reason) = try error(reading: "empty.xml") else {
            Issue.record("not a malformed-XML error")
            return
        }
        #expect(reason.lowercased().contains("empty"))
    }

    @Test func binaryFileIsMalformedAtLineOne() throws {
        guard case .malformed(_, let line, _, _) = try error(reading: "binary.xml") else {
            Issue.record("not a malformed-XML error")
            return
        }
        #expect(line == 1)
    }

    @Test func wronglyEncodedBytesAreReportedWhereTheyAre() throws {
        guard case .malformed(_, let line, _, let reason) = try error(reading: "bad-encoding.xml") else {
            Issue.record("not a malformed-XML error")
            return
        }
        #expect(line == 3)
        #expect(reason.contains("UTF-8"))
    }

    @Test func wrongRootIsNamedByDetectionAndByTheReader() throws {
        let url = try Fixtures.url("wrong-root.xml")
        #expect(throws: ImportError.unknownFormat(file: "w", root: "rss", expected: ["OfflineSyncPackage", "cvrfdoc"]))
        {
            try CatalogFormat.detect(url, displayName: "w")
        }
        guard case .unexpected(_, _, _, let expected, _) = try error(reading: "wrong-root.xml") else {
            Issue.record("not an unexpected-element error")
            return
        }
        #expect(expected == "a <cvrfdoc> root element")
    }

    @Test func cvrfIsDetectedWhateverItsNamespace() throws {
        #expect(try CatalogFormat.detect(try Fixtures.url("minimal-cvrf.xml"), displayName: "m") == .msrcCVRF)
    }
}

extension ImportError {
    var column: Int {
        switch self {
        case .malformed(_, _, let column, _), .unexpected(_, _, let column, _, _): column
        default: 0
        }
    }
}

/// An element with hundreds of thousands of attributes took libxml2 minutes (its duplicate check is quadratic).
@Suite struct HostileXMLTests {
    @Test func aTagOfHundredsOfKilobytesIsRefusedWhereItStarts() throws {
        let attributes = (0..<60_000).map { "a\($0)=\"x\"" }.joined(separator: " ")
        let text = "<?xml version=\"1.0\"?>\n<cvrfdoc>\n  <DocumentTitle \(attributes)>t</DocumentTitle>\n</cvrfdoc>\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attributes-\(UUID().uuidString).xml")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(
            throws: ImportError.malformed(
                file: "hostile.xml", line: 3, column: 3,
                reason:
                    "a tag longer than 256 KB: catalogs have no such element, and libxml2 checks its attributes in quadratic time"
            )
        ) {
            try CVRFReader.read(url, displayName: "hostile.xml")
        }
    }

    /// libxml2's own limits hold because the parser is never given XML_PARSE_HUGE: nesting deeper than 256 and a
    /// name over 50,000 characters are errors in linear time, with their place. (Text is bounded by the file's
    /// size limit, `InputLimit`.)
    @Test(arguments: ["depth", "name"])
    func libxml2LimitsRefuseDeepNestingAndLongNames(what: String) throws {
        let body =
            what == "depth"
            ? String(repeating: "<a>", count: 5_000) : "<" + String(repeating: "n", count: 60_000) + "/>"
        let text = "<?xml version=\"1.0\"?>\n<cvrfdoc>\n\(body)\n</cvrfdoc>\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString).xml")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: ImportError.self) { try CVRFReader.read(url, displayName: "hostile.xml") }
        guard case .malformed(let file, let line, _, let reason) = error else {
            Issue.record("\(what): not a malformed-XML error")
            return
        }
        #expect(file == "hostile.xml")
        #expect((3...4).contains(line), "\(what): \(reason)")
    }
}
