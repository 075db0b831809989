/// A filter (`--vm`, `--group`, `--product`, `--image`…) that names nothing in the ledger: a usage error, never
/// an empty selection that passes.
public struct SelectionError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
