import Foundation
import PatchLedgerCore
import Testing

@testable import PatchLedgerImport

@Suite struct FleetManifestReaderTests {
    func read(_ name: String) throws -> [FleetEntry] {
        try FleetManifestReader.read(try Fixtures.url("fleets/\(name)"), displayName: name)
    }

    @Test func csvColumnsAreReadByHeaderNameAndTheRestKeptAsTags() throws {
        let entries = try read("fleet.csv")
        #expect(entries.map(\.vm) == ["web-01", "web-02", "db-01"])
        #expect(entries.map(\.group) == ["web", "web", "data"])
        #expect(entries[0].image == "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:17763.4645.230707")
        #expect(
            entries.map { $0.deployedAt?.description } == [
                "2023-07-20T00:00:00Z", "2023-07-21T09:30:00Z", "2023-08-02T00:00:00Z",
            ])
        #expect(entries.map { $0.build?.description } == ["10.0.17763.4645", "10.0.17763.4645", nil])
        #expect(entries[0].tags == ["owner": "team-web"])
        #expect(entries[2].tags == ["owner": "team-data, dba", "hotpatch": "no"])
    }

    @Test func azVMListGivesGroupImageDeployTimeAndComputerName() throws {
        let entries = try read("az-vm-list.json")
        #expect(entries.count == 2)
        let web = entries[0]
        #expect(web.vm == "web-03")
        #expect(web.computerName == "WEB03HOST")
        #expect(web.group == "RG-WEB")
        #expect(web.image == "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:20348.1850.230707")
        #expect(web.deployedAt?.description == "2023-07-25T08:15:42Z")
        #expect(web.osType == "Windows")
        #expect(web.tags == ["env": "prod", "hotpatch": "true"])
        let agent = entries[1]
        #expect(agent.image?.hasSuffix("/galleries/ci/images/win2022-agent/versions/1.4.0") == true)
        #expect(agent.deployedAt?.description == "2023-09-01T10:00:00Z")
        #expect(agent.tags.isEmpty)
    }

    @Test func aCSVWithoutAVMColumnIsRefused() {
        #expect(
            throws: ImportError.badRecord(
                file: "f.csv", line: 1, expected: "a header with a vm column (vm,group,image,deployed_at,build)",
                found: "host,group")
        ) {
            try FleetManifestReader.read(bytes: Array("host,group\na,b\n".utf8), displayName: "f.csv")
        }
    }

    @Test func anUnbalancedQuoteOrARaggedRowNamesItsLine() {
        // The quote opened on line 3 swallows the rest of the file: web-03 would vanish into a field.
        #expect(
            throws: ImportError.badRecord(
                file: "f.csv", line: 3, expected: "a closing quote for field 2, which this row opens",
                found: "the end of the file")
        ) {
            try FleetManifestReader.read(
                bytes: Array("vm,group\nweb-01,web\nweb-02,\"web\nweb-03,web\n".utf8), displayName: "f.csv")
        }
        // A third value on line 3 would otherwise go nowhere, silently.
        #expect(
            throws: ImportError.badRecord(file: "f.csv", line: 3, expected: "2 fields, as the header has", found: "3")
        ) {
            try FleetManifestReader.read(
                bytes: Array("vm,group\nweb-01,web\nweb-02,web,extra\n".utf8), displayName: "f.csv")
        }
    }

    @Test func aVMNamedTwiceIsRefusedWithBothPlaces() {
        #expect(
            throws: ImportError.badRecord(
                file: "f.csv", line: 3, expected: "one entry per VM", found: "DUP-01 again (first at 2)")
        ) {
            try FleetManifestReader.read(bytes: Array("vm,group\ndup-01,web\nDUP-01,data\n".utf8), displayName: "f.csv")
        }
        #expect(
            throws: ImportError.badRecord(
                file: "f.json", line: 2, expected: "one entry per VM", found: "dup-01 again (first at 1)")
        ) {
            try FleetManifestReader.read(
                bytes: Array(
                    #"[{"name": "dup-01", "resourceGroup": "a"}, {"name": "dup-01", "resourceGroup": "b"}]"#.utf8),
                displayName: "f.json")
        }
    }

    @Test func aBadDeployDateNamesTheLine() {
        #expect(
            throws: ImportError.badRecord(
                file: "f.csv", line: 3, expected: "deployed_at as a date (2023-07-20 or ISO 8601)", found: "last week")
        ) {
            try FleetManifestReader.read(
                bytes: Array("vm,deployed_at\na,2023-07-20\nb,last week\n".utf8), displayName: "f.csv")
        }
    }

    @Test func anAzEntryWithoutANameNamesItsPosition() throws {
        let error = try #require(throws: ImportError.self) {
            try FleetManifestReader.read(
                bytes: Array(#"[{"name": "a"}, {"resourceGroup": "x"}]"#.utf8), displayName: "f.json")
        }
        guard case .badRecord("f.json", 2, let expected, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(expected == "a VM object with a name (az vm list, entry 2)")
    }

    @Test func anEmptyManifestIsUnrecognised() {
        #expect(throws: ImportError.unrecognized(file: "f.csv", tried: FleetManifestReader.formats)) {
            try FleetManifestReader.read(bytes: Array("\n\n".utf8), displayName: "f.csv")
        }
    }
}
