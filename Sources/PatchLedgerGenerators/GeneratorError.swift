/// Why a generator cannot write its input: the catalog it draws from lacks what it needs.
public struct GeneratorError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
