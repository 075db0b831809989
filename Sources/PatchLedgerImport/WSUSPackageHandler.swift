import PatchLedgerCore

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
