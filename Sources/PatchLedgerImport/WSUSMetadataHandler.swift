import Foundation
import PatchLedgerCore
import PatchLedgerDigest

final class WSUSMetadataHandler: XMLStreamHandler {
    enum Name: String, CaseIterable {
        case extendedProperties = "ExtendedProperties"
        case kbArticleID = "KBArticleID"
        case securityBulletinID = "SecurityBulletinID"
        case installationBehavior = "InstallationBehavior"
        case title = "Title"
        case description = "Description"
        case properties = "Properties"
        case supersededUpdates = "SupersededUpdates"
        case updateIdentity = "UpdateIdentity"
        // Attributes.
        case msrcSeverity = "MsrcSeverity"
        case rebootBehavior = "RebootBehavior"
        case updateType = "UpdateType"
        case updateID = "UpdateID"

        static let byIndex = Array(allCases)
    }

    private(set) var metadata: WSUSMetadata
    private var inSuperseded = false

    init(metadata: WSUSMetadata) {
        self.metadata = metadata
    }

    func start(_ element: Int?, _ attributes: XMLAttributes, _ stream: XMLStream) throws {
        guard let element else { return }
        switch Name.byIndex[element] {
        case .extendedProperties:
            if let text = attributes.value(Name.msrcSeverity.index) { metadata.severity = Severity(parsing: text) }
        case .installationBehavior:
            metadata.rebootBehavior = attributes.value(Name.rebootBehavior.index) ?? metadata.rebootBehavior
        case .properties:
            metadata.updateType = attributes.value(Name.updateType.index) ?? metadata.updateType
        case .supersededUpdates: inSuperseded = true
        case .updateIdentity where inSuperseded:
            if let id = attributes.value(Name.updateID.index) { metadata.supersededUpdateIDs.append(id.lowercased()) }
        case .kbArticleID, .securityBulletinID, .title, .description: stream.beginText()
        default: break
        }
    }

    func end(_ element: Int?, _ stream: XMLStream) throws {
        guard let element else { return }
        switch Name.byIndex[element] {
        case .kbArticleID: metadata.kb = KB(parsing: stream.takeText()) ?? metadata.kb
        case .securityBulletinID: metadata.securityBulletinID = nonEmpty(stream.takeText())
        case .title: metadata.title = nonEmpty(stream.takeText())
        case .description: metadata.description = nonEmpty(stream.takeText())
        case .supersededUpdates: inSuperseded = false
        default: break
        }
    }

    private func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}

extension WSUSMetadataHandler.Name {
    var index: Int { Self.byIndex.firstIndex(of: self) ?? -1 }
}
