/// What a sink says on seeing a package's root.
public enum WSUSPackageDecision: Sendable {
    case read
    /// Stop at the root: nothing more of the package is read or handed on.
    case skip
}
