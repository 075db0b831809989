import Foundation
import PatchLedgerCore
import Testing

@testable import PatchLedgerImport

/// Collects what a reader sends, to check records without a ledger.
final class RecordingSink: WSUSPackageSink {
    var package: WSUSPackageInfo?
    var updates: [WSUSUpdate] = []
    var locations: [WSUSFileLocation] = []
    func begin(_ package: WSUSPackageInfo) throws -> WSUSPackageDecision {
        self.package = package
        return .read
    }
    func consume(_ update: WSUSUpdate) throws { updates.append(update) }
    func consume(_ location: WSUSFileLocation) throws { locations.append(location) }
}

@Suite struct WSUSReaderTests {
    func read() throws -> RecordingSink {
        let sink = RecordingSink()
        try WSUSPackageReader.read(try Fixtures.url("minimal-package.xml"), into: sink, displayName: "p")
        return sink
    }

    @Test func readsEveryUpdateWithItsRelations() throws {
        let sink = try read()
        #expect(sink.package?.created == "2018-03-12T08:51:08Z")
        #expect(sink.updates.map(\.revisionID) == [21_221_682, 21_221_683, 21_300_001])
        let child = sink.updates[0]
        #expect(child.updateID == "f87dda5a-3bc0-47a1-9a13-63dd15c7b06b")
        #expect(child.deploymentAction == "Bundle")
        #expect(child.payloadFileIDs == ["bl63nhPgDOgxEUi4i9v+eHBtXXA="])
        #expect(
            child.prerequisites == ["23b28b6a-2629-424b-92ae-1b0bda447d2f", "569e8e8f-c6cd-42c8-92a3-efbb20a0f6f5"])
        #expect(child.bundledBy == [21_221_683])
        #expect(child.created?.description == "2018-02-13")
        let bundle = sink.updates[1]
        #expect(bundle.isBundle && bundle.isLeaf)
        #expect(bundle.revisionNumber == 201)
        #expect(bundle.classification == "Security Updates")
        #expect(bundle.productIDs == ["569e8e8f-c6cd-42c8-92a3-efbb20a0f6f5"])
        #expect(bundle.productFamilyIDs == ["6964aab4-c5b5-43bd-a17d-ffb4346a8e1d"])
        #expect(bundle.supersededBy == [21_300_001, 21_300_002])
    }

    @Test func unknownClassificationGUIDIsKeptAsTheGUID() throws {
        #expect(try read().updates[2].classification == "00000000-1111-2222-3333-444444444444")
    }

    @Test func fileLocationsNameTheirKB() throws {
        let location = try #require(try read().locations.first)
        #expect(location.kb == KB(4_074_590))
    }

    @Test func metadataFragmentsReadWithOrWithoutARootElement() throws {
        var metadata = WSUSMetadata(revisionID: 21_221_683)
        for name in ["x-rootless", "l-rooted", "c-superseded"] {
            try WSUSMetadataReader.read(try Fixtures.url("fragments/\(name)"), displayName: name, into: &metadata)
        }
        #expect(metadata.kb == KB(4_074_590))
        #expect(metadata.severity == .critical)
        #expect(metadata.securityBulletinID == "MS18-001")
        #expect(metadata.rebootBehavior == "CanRequestReboot")
        #expect(metadata.title == "2018-02 Cumulative Update for Windows Server 2016 for x64-based Systems (KB4074590)")
        #expect(metadata.updateType == "Software")
        #expect(metadata.supersededUpdateIDs == ["b1a2c3d4-0000-4000-8000-000000000001"])
    }

    @Test func packageIsDetectedAndACVRFReaderRefusesIt() throws {
        let url = try Fixtures.url("minimal-package.xml")
        #expect(try CatalogFormat.detect(url, displayName: "p") == .wsusPackage)
        #expect(throws: ImportError.self) { try CVRFReader.read(url) }
        #expect(throws: ImportError.self) {
            try WSUSPackageReader.read(try Fixtures.url("minimal-cvrf.xml"), into: RecordingSink())
        }
    }

    @Test func truncatedPackageFailsWithAPosition() throws {
        let text = try String(contentsOf: try Fixtures.url("minimal-package.xml"), encoding: .utf8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-package-\(UUID()).xml")
        try String(text.prefix(900)).write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try WSUSPackageReader.read(url, into: RecordingSink(), displayName: "t")
        } throws: { error in
            guard case .malformed(let file, let line, _, _) = error as? ImportError else { return false }
            return file == "t" && line > 1
        }
    }
}

@Suite struct RepeatedIDsTests {
    func lowercased(_ text: String, in ids: inout RepeatedIDs) -> String {
        Array(text.utf8).withUnsafeBufferPointer { ids.lowercased($0) }
    }

    @Test func idsComeBackLowerCasedWhateverWasSeenBefore() {
        var ids = RepeatedIDs()
        let guid = "0FA1201D-4330-4FA8-8AE9-B877473B6441"
        #expect(lowercased(guid, in: &ids) == guid.lowercased())
        #expect(lowercased(guid.lowercased(), in: &ids) == guid.lowercased())
        // Many distinct ids share the 1,024 slots: each still comes back as itself.
        let many = (0..<5_000).map { String(format: "%08X-0000-4000-A000-%012X", $0, $0 &* 7919) }
        for id in many + many.reversed() {
            #expect(lowercased(id, in: &ids) == id.lowercased())
        }
        // Longer than a slot holds, and empty: never cached, still right.
        let long = String(repeating: "AB", count: 40)
        #expect(lowercased(long, in: &ids) == long.lowercased())
        #expect(lowercased(long, in: &ids) == long.lowercased())
        #expect(lowercased("", in: &ids) == "")
    }
}
