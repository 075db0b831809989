/// What completing a snapshot took from elsewhere than the file and the user's options, worth a warning: `kind`
/// groups the warnings of many files into one line.
public struct CompletionNote: Sendable, Equatable {
    public var message: String
    public var kind: String
}
