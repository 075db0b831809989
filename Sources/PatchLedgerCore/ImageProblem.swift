/// Why an image's patch level cannot be told.
public struct ImageProblem: Error, Hashable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
