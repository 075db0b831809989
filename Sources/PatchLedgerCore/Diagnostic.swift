/// A problem with one record that does not stop the import (an unknown ProductID, a non-KB remediation),
/// shown to the user as a warning with where it was found.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// What kind of thing it says, without the particulars (counts, KBs): warnings of one kind are shown as
    /// one line with a count.
    public var kind: String

    /// - Parameter line: `0` when the diagnostic is about the file as a whole (no position is shown).
    public init(file: String, line: Int, column: Int = 0, message: String, kind: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.kind = kind ?? message
    }

    public var description: String {
        if line <= 0 { return "\(file): \(message)" }
        return column > 0 ? "\(file):\(line):\(column): \(message)" : "\(file):\(line): \(message)"
    }
}
