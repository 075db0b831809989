/// What the metadata fragments say of one revision; every field is optional because each fragment holds a part.
public struct WSUSMetadata: Sendable, Equatable {
    public var revisionID: Int
    public var kb: KB?
    public var severity: Severity?
    public var securityBulletinID: String?
    public var title: String?
    public var description: String?
    public var updateType: String?
    public var supersededUpdateIDs: [String] = []
    public var rebootBehavior: String?

    public init(revisionID: Int) {
        self.revisionID = revisionID
    }
}
