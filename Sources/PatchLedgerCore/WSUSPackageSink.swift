/// Where a package.xml reader sends what it reads, in document order: the package, then updates, then
/// file locations (which package.xml lists after all updates).
public protocol WSUSPackageSink: AnyObject {
    /// Sees the package's root first, and says whether to read it (`.skip`: older than the one held).
    func begin(_ package: WSUSPackageInfo) throws -> WSUSPackageDecision
    /// Takes the update: a sink keeps its strings and lists without copying them.
    func consume(_ update: consuming WSUSUpdate) throws
    func consume(_ location: WSUSFileLocation) throws
}
