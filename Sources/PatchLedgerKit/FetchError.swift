/// A download that failed: the URL, and why (network, HTTP status, cut short).
public struct FetchError: Error, CustomStringConvertible {
    public var url: String
    public var reason: String

    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "\(url): \(reason)" }
}
