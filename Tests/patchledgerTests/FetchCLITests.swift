import Foundation
import PatchLedgerKit
import PatchLedgerStore
import PatchLedgerTestSupport
import Testing

/// `fetch msrc` and `fetch wsus` against a loopback server (never the internet): a first fetch, nothing
/// changed, a 304, a revised document, a server error, a connection cut mid-body, a redirect.
@Suite struct FetchCLITests {
    /// The MSRC API as the loopback server plays it: the list, and each document with its revision and ETag.
    final class MSRC: @unchecked Sendable {
        var documents: [String: (revision: String, etag: String, body: [UInt8])] = [:]
        /// How a document request is answered instead of normally, when set.
        var failure: LoopbackServer.Response?

        init() throws {
            for month in ["Jun", "Jul", "Aug"] {
                let body = try Data(contentsOf: CLI.root.appendingPathComponent("catalogs/msrc/cvrf-2023-\(month).xml"))
                documents["2023-\(month)"] = ("2023-\(month)-01T07:00:00Z", "\"\(month)-1\"", Array(body))
            }
        }

        func respond(_ request: LoopbackServer.Request) -> LoopbackServer.Response {
            if request.path == "/cvrf/v3.0/updates" {
                let list = documents.keys.sorted().map { id in
                    "{\"ID\": \"\(id)\", \"CurrentReleaseDate\": \"\(documents[id]?.revision ?? "")\"}"
                }
                return .init(status: 200, body: Array("{\"value\": [\(list.joined(separator: ", "))]}".utf8))
            }
            let id = String(request.path.split(separator: "/").last ?? "")
            guard request.path.hasPrefix("/cvrf/v3.0/cvrf/"), let document = documents[id] else {
                return .init(status: 404)
            }
            if let failure { return failure }
            if request.headers["if-none-match"] == document.etag { return .init(status: 304) }
            return .init(status: 200, headers: ["ETag": document.etag], body: document.body)
        }
    }

    static let quick = ["PATCHLEDGER_FETCH_BACKOFF": "0.01"]

    func fetch(_ cli: CLI, _ server: LoopbackServer, _ extra: [String] = []) throws -> CLI.Result {
        let folder = cli.folder.appendingPathComponent("downloads").path
        return try cli.run(["fetch", "msrc", "--source", server.base, "--to", folder] + extra, environment: Self.quick)
    }

    @Test func firstFetchNothingChangedNotModifiedAndARevisedDocument() throws {
        let cli = try CLI()
        let msrc = try MSRC()
        let server = try LoopbackServer(msrc.respond)
        defer { server.stop() }

        let first = try fetch(cli, server)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2023-Jul: downloaded 19 KB"), "\(first.stdout)")
        #expect(first.stdout.contains("3 listed, 3 downloaded; 3 files: 9 updates added"))
        let downloads = cli.folder.appendingPathComponent("downloads")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: downloads.path).sorted() == [
                "cvrf-2023-Aug.xml", "cvrf-2023-Jul.xml", "cvrf-2023-Jun.xml",
            ])

        // Nothing changed: the list alone is asked for, nothing is imported.
        let before = server.requests.count
        let again = try fetch(cli, server)
        #expect(again.stdout.contains("2023-Aug: unchanged (revision 2023-Aug-01T07:00:00Z)"), "\(again.stdout)")
        #expect(again.stdout.contains("3 listed, 0 downloaded, nothing imported"))
        #expect(server.requests.dropFirst(before).map(\.path) == ["/cvrf/v3.0/updates"])

        // A new revision listed, but the server says 304 to the ETag held: not modified, nothing imported.
        msrc.documents["2023-Aug"]?.revision = "2023-Aug-02T07:00:00Z"
        let notModified = try fetch(cli, server)
        #expect(notModified.stdout.contains("2023-Aug: not modified"), "\(notModified.stdout)")
        #expect(server.requests.last?.headers["if-none-match"] == "\"Aug-1\"")
        #expect(notModified.stdout.contains("0 downloaded, nothing imported"))

        // A revised document: downloaded and imported as changed.
        let revised = String(decoding: msrc.documents["2023-Aug"]?.body ?? [], as: UTF8.self)
            .replacingOccurrences(of: "<cvrf:Number>1</cvrf:Number>", with: "<cvrf:Number>2</cvrf:Number>")
        msrc.documents["2023-Aug"] = ("2023-Aug-03T07:00:00Z", "\"Aug-2\"", Array(revised.utf8))
        let changed = try fetch(cli, server)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("2023-Aug: downloaded"), "\(changed.stdout)")
        #expect(changed.stdout.contains("2023-Aug rev 2"), "\(changed.stdout)")
        #expect(changed.stdout.contains("3 listed, 1 downloaded; 1 files"))
    }

    /// A server error and a connection cut mid-body: exit 2 naming the URL after the attempts, no file left
    /// (partial or whole) for the document, the ledger as it was.
    @Test func aServerErrorOrACutConnectionLeavesNoFileAndTheLedgerAsItWas() throws {
        let cli = try CLI()
        let msrc = try MSRC()
        let server = try LoopbackServer(msrc.respond)
        defer { server.stop() }
        #expect(try fetch(cli, server).status == 0)
        let downloads = cli.folder.appendingPathComponent("downloads")
        let aug = downloads.appendingPathComponent("cvrf-2023-Aug.xml")
        try FileManager.default.removeItem(at: aug)
        msrc.documents["2023-Aug"]?.revision = "2023-Aug-09T07:00:00Z"
        let before = try Ledger(path: cli.db).dump()
        for (failure, says) in [
            (LoopbackServer.Response(status: 500), "HTTP 500 (after 2 attempts)"),
            (
                LoopbackServer.Response(
                    status: 200, headers: ["ETag": "\"x\""], body: msrc.documents["2023-Aug"]?.body ?? [],
                    cutAfter: 4000),
                "(after 2 attempts)"
            ),
        ] {
            msrc.failure = failure
            let result = try fetch(cli, server, ["--attempts", "2"])
            #expect(result.status == 2, "\(result.stdout)")
            #expect(result.stderr.contains("\(server.base)/cvrf/v3.0/cvrf/2023-Aug: "), "\(result.stderr)")
            #expect(result.stderr.contains(says), "\(result.stderr)")
            let left = try FileManager.default.contentsOfDirectory(atPath: downloads.path)
            #expect(left.sorted() == ["cvrf-2023-Jul.xml", "cvrf-2023-Jun.xml"], "no partial file: \(left)")
            #expect(try Ledger(path: cli.db).dump() == before)
        }
    }

    @Test func aRedirectIsFollowed() throws {
        let cli = try CLI()
        let msrc = try MSRC()
        let server = try LoopbackServer { request in
            if request.path == "/cvrf/v3.0/updates" {
                return .init(status: 302, headers: ["Location": "/mirror/v3.0/updates"])
            }
            if request.path == "/mirror/v3.0/updates" {
                return msrc.respond(LoopbackServer.Request(path: "/cvrf/v3.0/updates", headers: request.headers))
            }
            return msrc.respond(request)
        }
        defer { server.stop() }
        let result = try fetch(cli, server, ["--since", "2023-Aug"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            server.requests.map(\.path) == ["/cvrf/v3.0/updates", "/mirror/v3.0/updates", "/cvrf/v3.0/cvrf/2023-Aug"])
        #expect(result.stdout.contains("1 listed, 1 downloaded; 1 files: 3 updates added"), "\(result.stdout)")
    }

    /// wsusscn2.cab, made with gcab from the sample package: downloaded and imported, then a 304.
    @Test(.enabled(if: Cabinets.gcab != nil, "gcab is not installed"))
    func theWSUSCatalogIsDownloadedImportedThenNotModified() throws {
        let cli = try CLI()
        let work = cli.folder.appendingPathComponent("cab")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLI.root.appendingPathComponent("catalogs/wsus/package.xml"),
            to: work.appendingPathComponent("package.xml"))
        try Cabinets.make("package.cab", of: ["package.xml"], in: work)
        try Cabinets.make("wsusscn2.cab", of: ["package.cab"], in: work)
        let cabinet = Array(try Data(contentsOf: work.appendingPathComponent("wsusscn2.cab")))
        let server = try LoopbackServer { request in
            guard request.path == "/microsoftupdate/v6/wsusscan/wsusscn2.cab" else { return .init(status: 404) }
            if request.headers["if-none-match"] == "\"cab-1\"" { return .init(status: 304) }
            return .init(status: 200, headers: ["ETag": "\"cab-1\""], body: cabinet)
        }
        defer { server.stop() }
        let arguments = ["fetch", "wsus", "--source", server.base, "--to", cli.folder.appendingPathComponent("d").path]
        let first = try cli.run(arguments, environment: Self.quick)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("wsusscn2.cab: downloaded"), "\(first.stdout)")
        #expect(first.stdout.contains("1 listed, 1 downloaded; 1 files: 33 updates added"), "\(first.stdout)")
        let again = try cli.run(arguments, environment: Self.quick)
        #expect(again.stdout.contains("wsusscn2.cab: not modified"), "\(again.stdout)")
        #expect(again.stdout.contains("1 listed, 0 downloaded, nothing imported"))
    }
}
