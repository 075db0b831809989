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

/// What the parsing thread hands to the consuming one, in document order.
enum WSUSRecord: Sendable {
    case begin(WSUSPackageInfo)
    case update(WSUSUpdate)
    case location(WSUSFileLocation)
    case progress(bytes: Int, updates: Int)
}

/// The parsing thread's sink: gathers records into batches for the pipe (one hand-off per record cost more
/// than the record).
final class WSUSRecordBatcher: WSUSPackageSink {
    private static let batchSize = 256
    private let pipe: BatchPipe<WSUSRecord>
    var batch: [WSUSRecord] = []

    init(_ pipe: BatchPipe<WSUSRecord>) {
        self.pipe = pipe
    }

    func begin(_ package: WSUSPackageInfo) throws -> WSUSPackageDecision {
        batch.append(.begin(package))
        // At once: the consumer may stop here (a package older than the one held).
        try flush()
        return .read
    }

    func consume(_ update: consuming WSUSUpdate) throws {
        batch.append(.update(update))
        if batch.count >= Self.batchSize { try flush() }
    }

    func consume(_ location: WSUSFileLocation) throws {
        batch.append(.location(location))
        if batch.count >= Self.batchSize { try flush() }
    }

    func flush() throws {
        try pipe.send(batch)
        batch = []
        batch.reserveCapacity(Self.batchSize)
    }
}

/// The SAX state machine behind `WSUSPackageReader`.
final class WSUSPackageHandler: XMLStreamHandler {
    enum Name: String, CaseIterable {
        case offlineSyncPackage = "OfflineSyncPackage"
        case update = "Update"
        case category = "Category"
        case prerequisites = "Prerequisites"
        case updateIDElement = "UpdateId"
        case bundledBy = "BundledBy"
        case supersededBy = "SupersededBy"
        case revision = "Revision"
        case payloadFiles = "PayloadFiles"
        case file = "File"
        case fileLocation = "FileLocation"
        // Attributes.
        case updateIDAttribute = "UpdateID"
        case id = "Id"
        case url = "Url"
        case type = "Type"
        case revisionID = "RevisionId"
        case revisionNumber = "RevisionNumber"
        case creationDate = "CreationDate"
        case isLeaf = "IsLeaf"
        case isBundle = "IsBundle"
        case deploymentAction = "DeploymentAction"
        case packageID = "PackageId"

        static let byIndex = Array(allCases)
    }

    enum Section { case none, prerequisites, bundledBy, supersededBy, payloadFiles }

    let file: String
    let sink: WSUSRecordBatcher
    private(set) var sawRoot = false
    private(set) var updates = 0
    private var update: WSUSUpdate?
    private var section = Section.none
    private var ids = RepeatedIDs()
    /// The RevisionIds of the list being read, added to the update at the list's end in one go: appended one by
    /// one to the update's own array, a list of dozens grew (and allocated) over and over.
    private var revisions: [Int] = []

    init(file: String, sink: WSUSRecordBatcher) {
        self.file = file
        self.sink = sink
    }

    private func name(_ token: Int?) -> Name? {
        token.map { Name.byIndex[$0] }
    }

    func start(_ element: Int?, _ attributes: XMLAttributes, _ stream: XMLStream) throws {
        guard sawRoot else {
            guard name(element) == .offlineSyncPackage else {
                throw ImportError.unexpected(
                    file: file, line: stream.line, column: stream.column,
                    expected: "an <OfflineSyncPackage> root element", found: "<\(stream.currentName ?? "?")>")
            }
            sawRoot = true
            var info = WSUSPackageInfo(packageID: "", created: "")
            attributes.forEach { token, value in
                switch name(token) {
                case .packageID: info.packageID = value.string
                case .creationDate: info.created = value.string
                default: break
                }
            }
            try sink.begin(info)
            return
        }
        switch name(element) {
        case .update: startUpdate(attributes, stream)
        case .category: category(attributes)
        case .prerequisites: section = .prerequisites
        case .bundledBy:
            section = .bundledBy
            revisions.removeAll(keepingCapacity: true)
        case .supersededBy:
            section = .supersededBy
            revisions.removeAll(keepingCapacity: true)
        case .payloadFiles: section = .payloadFiles
        case .updateIDElement where section == .prerequisites:
            if let id = attributes.bytes(Self.idToken) { update?.prerequisites.append(ids.lowercased(id)) }
        case .revision:
            guard section == .bundledBy || section == .supersededBy,
                let id = attributes.bytes(Self.idToken)?.integer
            else { break }
            revisions.append(id)
        case .file where section == .payloadFiles:
            if let id = attributes.value(Self.idToken) { update?.payloadFileIDs.append(id) }
        case .fileLocation:
            var id: String?
            var url: String?
            attributes.forEach { token, value in
                switch name(token) {
                case .id: id = value.string
                case .url: url = value.string
                default: break
                }
            }
            if let id, let url { try sink.consume(WSUSFileLocation(fileID: id, url: url)) }
        default: break
        }
    }

    func end(_ element: Int?, _ stream: XMLStream) throws {
        switch name(element) {
        case .update:
            // Taken, not copied: a copy retained every string and list of the update once more.
            guard let update = update.take() else { return }
            guard !update.updateID.isEmpty, update.revisionID > 0 else {
                throw ImportError.unexpected(
                    file: file, line: update.line, column: 0, expected: "an <Update> with UpdateId and RevisionId",
                    found: "an <Update> without them")
            }
            updates += 1
            try sink.consume(update)
        case .bundledBy:
            update?.bundledBy.append(contentsOf: revisions)
            section = .none
        case .supersededBy:
            update?.supersededBy.append(contentsOf: revisions)
            section = .none
        case .prerequisites, .payloadFiles: section = .none
        default: break
        }
    }

    private func startUpdate(_ attributes: XMLAttributes, _ stream: XMLStream) {
        var update = WSUSUpdate()
        update.line = stream.line
        attributes.forEach { token, value in
            switch name(token) {
            case .updateIDElement, .updateIDAttribute: update.updateID = value.lowercasedASCII
            case .revisionID: update.revisionID = value.integer ?? 0
            case .revisionNumber: update.revisionNumber = value.integer ?? 0
            case .creationDate: update.created = CalendarDate(utf8: value)
            case .isLeaf: update.isLeaf = value.isTrue
            case .isBundle: update.isBundle = value.isTrue
            case .deploymentAction: update.deploymentAction = value.string
            default: break
            }
        }
        self.update = update
    }

    private func category(_ attributes: XMLAttributes) {
        guard let type = attributes.bytes(Self.typeToken), let id = attributes.bytes(Self.idToken) else { return }
        if type.equals("Product") {
            update?.productIDs.append(ids.lowercased(id))
        } else if type.equals("ProductFamily") {
            update?.productFamilyIDs.append(ids.lowercased(id))
        } else if type.equals("Company") {
            update?.companyIDs.append(ids.lowercased(id))
        } else if type.equals("UpdateClassification") {
            let guid = ids.lowercased(id)
            update?.classification = Classification.name(forGUID: guid) ?? guid
        }
    }
}

extension WSUSPackageHandler {
    /// The tokens the stream gives the attribute names looked up by name: their positions in `Name.allCases`.
    static let idToken = token(.id)
    static let typeToken = token(.type)

    private static func token(_ name: Name) -> Int { Name.byIndex.firstIndex(of: name) ?? -1 }
}

/// Lower-cased ids that recur (category GUIDs, prerequisites) handed out as one shared string each: a string
/// per mention, freed later on the ledger's thread, cost more than finding the one made before. A slot is
/// found by the id's bytes as read, so a hit costs a hash and one `memcmp`.
struct RepeatedIDs {
    private static let slots = 1024
    private static let width = 48
    private var bytes = [UInt8](repeating: 0, count: slots * width)
    private var lengths = [Int](repeating: -1, count: slots)
    private var strings = [String](repeating: "", count: slots)

    mutating func lowercased(_ id: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = id.baseAddress, id.count <= Self.width else { return id.lowercasedASCII }
        // FNV-1a.
        var hash: UInt32 = 2_166_136_261
        for byte in id { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let slot = Int(hash) & (Self.slots - 1)
        let offset = slot * Self.width
        let known =
            lengths[slot] == id.count
            && bytes.withUnsafeBytes { stored in
                stored.baseAddress.map { memcmp($0 + offset, base, id.count) == 0 } ?? false
            }
        if known { return strings[slot] }
        let fresh = id.lowercasedASCII
        bytes.withUnsafeMutableBytes { stored in _ = stored.baseAddress.map { memcpy($0 + offset, base, id.count) } }
        lengths[slot] = id.count
        strings[slot] = fresh
        return fresh
    }
}
