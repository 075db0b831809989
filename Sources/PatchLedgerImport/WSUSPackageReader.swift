import Foundation
import PatchLedgerCore
import PatchLedgerDigest

/// Streams a WSUS offline catalog `package.xml` (`OfflineSyncPackage`) into a sink, in bounded memory.
public enum WSUSPackageReader {
    /// - Parameters:
    ///   - sha256: the file's digest when the caller has it already; else it is computed after the parse.
    ///   - progress: called with bytes read so far and updates read so far.
    /// - Returns: the SHA-256 of the file's bytes, or `.skipped` when the sink said so at the root.
    /// - Throws: `ImportError` for unreadable, malformed or wrong-root input, or what the sink threw.
    @discardableResult
    public static func read(
        _ url: URL, into sink: some WSUSPackageSink, displayName: String? = nil, sha256 known: String? = nil,
        progress: (_ bytes: Int, _ updates: Int) -> Void = { _, _ in }
    ) throws -> Outcome<String> {
        switch try readDeferringDigest(url, into: sink, displayName: displayName, sha256: known, progress: progress) {
        case .read(let digest): .read(try digest.wait().get())
        case .skipped: .skipped
        }
    }

    /// What a read gave: the package read (with its digest), or skipped at the root as the sink decided.
    public enum Outcome<Digest> {
        case read(Digest)
        case skipped
    }

    /// The sink said `.skip`: ends the parse, never leaves this module.
    private struct Skipped: Error {}

    /// As `read`, but returns at the end of the parse with the digest still being computed, on the core the
    /// parse leaves idle while the sink (the ledger) finishes its work: during the parse both cores are busy.
    public static func readDeferringDigest(
        _ url: URL, into sink: some WSUSPackageSink, displayName: String? = nil, sha256 known: String? = nil,
        progress: (_ bytes: Int, _ updates: Int) -> Void = { _, _ in }
    ) throws -> Outcome<Pending<Result<String, any Error>>> {
        let name = displayName ?? url.path
        try InputFiles.check(url, displayName: name, limit: .wsusPackage)
        // A second read, from the page cache, once the parsing thread is done (whether it succeeded or not).
        let parsed = DispatchSemaphore(value: 0)
        let digest = Pending {
            if known == nil { parsed.wait() }
            return Result { try known ?? FileDigest.sha256(url, displayName: name) }
        }
        // The parse runs on its own thread; `sink` (the ledger) consumes here what it reads, meanwhile.
        do {
            try parse(name: name, into: sink, parsed: parsed, progress: progress) { stream, handler, chunk in
                try stream.parse(url, handler: handler, chunk: chunk)
            }
        } catch is Skipped {
            return .skipped
        }
        return .read(digest)
    }

    /// Streams the package.xml of a cabinet (`package.cab`, or `wsusscn2.cab`, which holds `package.cab`) into
    /// `sink` as libmspack decompresses it: nothing is written to disk, and the package's bytes are hashed as they
    /// are parsed (the digest is package.xml's, as when the extracted file is imported).
    ///
    /// - Throws: `ImportError` for a damaged or truncated cabinet, one without a package, or a bad package.xml.
    public static func readCabinet(
        _ url: URL, into sink: some WSUSPackageSink, displayName: String? = nil,
        progress: (_ bytes: Int, _ updates: Int) -> Void = { _, _ in }
    ) throws -> Outcome<String> {
        let name = displayName ?? url.path
        try InputFiles.check(url, displayName: name, limit: .wsusPackage)
        let hasher = HashBox()
        do {
            try parse(name: name, into: sink, parsed: DispatchSemaphore(value: 0), progress: progress) {
                stream, handler, chunk in
                let (cabinet, member) = try packageXML(in: url, displayName: name)
                try stream.parse(
                    handler: handler,
                    chunk: { bytes in
                        hasher.digest.update(bytes)
                        chunk(bytes)
                    },
                    produce: { consume in try cabinet.extract(member, into: consume) })
            }
        } catch is Skipped {
            return .skipped
        }
        return .read(hasher.digest.finalizeHex())
    }

    /// The cabinet holding package.xml, and that member: the cabinet at `url`, or its `package.cab`, read into
    /// memory (compressed, a fraction of the package).
    private static func packageXML(in url: URL, displayName: String) throws -> (Cabinet, Cabinet.Member) {
        let outer = try Cabinet(file: url, displayName: displayName)
        if let member = outer.member(named: "package.xml") { return (outer, member) }
        guard let inner = outer.member(named: "package.cab") else {
            let held = outer.members.prefix(5).map(\.name).joined(separator: ", ")
            throw ImportError.unexpected(
                file: displayName, line: 0, column: 0, expected: "package.xml or package.cab in the cabinet",
                found: held.isEmpty ? "no member" : held)
        }
        let cabinet = try Cabinet(bytes: try outer.bytes(of: inner), displayName: "\(displayName)/package.cab")
        guard let member = cabinet.member(named: "package.xml") else {
            throw ImportError.unexpected(
                file: cabinet.displayName, line: 0, column: 0, expected: "package.xml in the cabinet",
                found: cabinet.members.prefix(5).map(\.name).joined(separator: ", "))
        }
        return (cabinet, member)
    }

    /// Runs `source` (which streams some package.xml through the stream and handler it is given) on its own
    /// thread, handing what it reads to `sink` on this one.
    private static func parse(
        name: String, into sink: some WSUSPackageSink, parsed: DispatchSemaphore,
        progress: (_ bytes: Int, _ updates: Int) -> Void,
        source:
            @escaping @Sendable (
                XMLStream, any XMLStreamHandler, _ chunk: @escaping (UnsafeRawBufferPointer) -> Void
            ) throws -> Void
    ) throws {
        try BatchPipe<WSUSRecord>().run { pipe in
            defer { parsed.signal() }
            let batcher = WSUSRecordBatcher(pipe)
            let handler = WSUSPackageHandler(file: name, sink: batcher)
            let stream = XMLStream(file: name, names: WSUSPackageHandler.Name.allCases.map(\.rawValue))
            var bytesRead = 0
            try source(stream, handler) { chunk in
                bytesRead += chunk.count
                batcher.batch.append(.progress(bytes: bytesRead, updates: handler.updates))
            }
            guard handler.sawRoot else {
                throw ImportError.unexpected(
                    file: name, line: 1, column: 1, expected: "an <OfflineSyncPackage> root element",
                    found: "no element")
            }
            try batcher.flush()
        } consume: { (batch: consuming [WSUSRecord]) in
            // Records are moved out, not copied: a copy retained and released every string and list again. Each
            // slot is refilled with a record that owns nothing before the record is used, so a throw leaves
            // the batch whole.
            try batch.withUnsafeMutableBufferPointer { records in
                guard let base = records.baseAddress else { return }
                for slot in base..<base + records.count {
                    let record = slot.move()
                    slot.initialize(to: .progress(bytes: 0, updates: 0))
                    switch consume record {
                    case .begin(let package): if try sink.begin(package) == .skip { throw Skipped() }
                    case .update(let update): try sink.consume(update)
                    case .location(let location): try sink.consume(location)
                    case .progress(let bytes, let updates): progress(bytes, updates)
                    }
                }
            }
        }
    }
}

/// The digest of a package read on the parsing thread, read on the calling one once the parse is over.
private final class HashBox: @unchecked Sendable {
    var digest = SHA256()
}
