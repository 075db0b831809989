/// The root element's identity: one package.xml release.
public struct WSUSPackageInfo: Sendable, Equatable {
    public var packageID: String
    public var created: String

    public init(packageID: String, created: String) {
        self.packageID = packageID
        self.created = created
    }
}
