import Foundation
import PatchLedgerCore

/// Streams a WSUS offline catalog `package.xml` (`OfflineSyncPackage`) into a sink, in bounded memory.
public enum WSUSPackageReader {
    /// - Parameters:
    ///   - sha256: the file's digest when the caller has it already; else it is computed beside the parse.
    ///   - progress: called with bytes read so far and updates read so far.
    /// - Returns: the SHA-256 of the file's bytes.
    /// - Throws: `ImportError` for unreadable, malformed or wrong-root input, or what the sink threw.
    @discardableResult
    public static func read(
        _ url: URL, into sink: some WSUSPackageSink, displayName: String? = nil, sha256 known: String? = nil,
        progress: (_ bytes: Int, _ updates: Int) -> Void = { _, _ in }
    ) throws -> String {
        let name = displayName ?? url.path
        // The digest, unless known, is computed beside the parse (a second read, from the page cache).
        let digest = Pending { Result { try known ?? FileDigest.sha256(url, displayName: name) } }
        // The parse runs on its own thread; `sink` (the ledger) consumes here what it reads, meanwhile.
        try BatchPipe<WSUSRecord>().run { pipe in
            let batcher = WSUSRecordBatcher(pipe)
            let handler = WSUSPackageHandler(file: name, sink: batcher)
            let stream = XMLStream(file: name, names: WSUSPackageHandler.Name.allCases.map(\.rawValue))
            var bytesRead = 0
            try stream.parse(url, handler: handler) { chunk in
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
            // Records are moved out, not copied: a copy retained and released every string and list again.
            batch.reverse()
            while let record = batch.popLast() {
                switch consume record {
                case .begin(let package): try sink.begin(package)
                case .update(let update): try sink.consume(update)
                case .location(let location): try sink.consume(location)
                case .progress(let bytes, let updates): progress(bytes, updates)
                }
            }
        }
        return try digest.wait().get()
    }
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
    private let pipe: BatchPipe<WSUSRecord>
    var batch: [WSUSRecord] = []

    init(_ pipe: BatchPipe<WSUSRecord>) {
        self.pipe = pipe
    }

    func begin(_ package: WSUSPackageInfo) throws {
        batch.append(.begin(package))
        // At once: the consumer may stop here (a package older than the one held).
        try flush()
    }

    func consume(_ update: consuming WSUSUpdate) throws {
        batch.append(.update(update))
        if batch.count >= 256 { try flush() }
    }

    func consume(_ location: WSUSFileLocation) throws {
        batch.append(.location(location))
        if batch.count >= 256 { try flush() }
    }

    func flush() throws {
        try pipe.send(batch)
        batch = []
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
    let sink: any WSUSPackageSink
    private(set) var sawRoot = false
    private(set) var updates = 0
    private var update: WSUSUpdate?
    private var section = Section.none
    private var ids = RepeatedIDs()

    init(file: String, sink: any WSUSPackageSink) {
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
        case .bundledBy: section = .bundledBy
        case .supersededBy: section = .supersededBy
        case .payloadFiles: section = .payloadFiles
        case .updateIDElement where section == .prerequisites:
            if let id = attributes.bytes(Name.id.rawIndex) { update?.prerequisites.append(ids.lowercased(id)) }
        case .revision:
            guard let id = attributes.bytes(Name.id.rawIndex)?.integer else { break }
            if section == .bundledBy { update?.bundledBy.append(id) }
            if section == .supersededBy { update?.supersededBy.append(id) }
        case .file where section == .payloadFiles:
            if let id = attributes.value(Name.id.rawIndex) { update?.payloadFileIDs.append(id) }
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
            guard let update else { return }
            self.update = nil
            guard !update.updateID.isEmpty, update.revisionID > 0 else {
                throw ImportError.unexpected(
                    file: file, line: update.line, column: 0, expected: "an <Update> with UpdateId and RevisionId",
                    found: "an <Update> without them")
            }
            updates += 1
            try sink.consume(update)
        case .prerequisites, .bundledBy, .supersededBy, .payloadFiles: section = .none
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
        var type: String?
        var id: String?
        attributes.forEach { token, value in
            switch name(token) {
            case .type: type = value.string
            case .id: id = ids.lowercased(value)
            default: break
            }
        }
        guard let type, let id else { return }
        switch type {
        case "Product": update?.productIDs.append(id)
        case "ProductFamily": update?.productFamilyIDs.append(id)
        case "Company": update?.companyIDs.append(id)
        case "UpdateClassification": update?.classification = Classification.name(forGUID: id) ?? id
        default: break
        }
    }
}

extension WSUSPackageHandler.Name {
    /// The token the stream gives this name: its position in `allCases`.
    var rawIndex: Int { Self.indexes[self] ?? -1 }
    private static let indexes = Dictionary(uniqueKeysWithValues: byIndex.enumerated().map { ($1, $0) })
}

/// Lower-cased ids that recur (category GUIDs, prerequisites) handed out as one shared string each: a string
/// per mention, freed later on the ledger's thread, cost more than finding the one made before.
struct RepeatedIDs {
    private var recent = [String?](repeating: nil, count: 1024)

    mutating func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // FNV-1a over the bytes with ASCII case folded: equal ids in any case land in one slot.
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte | 0x20)) &* 16_777_619 }
        let slot = Int(hash & 1023)
        if let known = recent[slot], known.utf8.elementsEqual(bytes.lazy.map(\.asciiLowercased)) { return known }
        let fresh = bytes.lowercasedASCII
        recent[slot] = fresh
        return fresh
    }

}
