/// Values parsed from text once per distinct spelling: a fleet's rows repeat a few versions, builds, scan
/// times and days, and parsing each of hundreds of thousands showed in profiles.
struct ParsedOnce<Value> {
    private var known: [String: Value?] = [:]
    private let parse: (String) -> Value?

    init(_ parse: @escaping (String) -> Value?) {
        self.parse = parse
    }

    /// `nil` for `nil` text and for text that does not parse.
    mutating func callAsFunction(_ text: String?) -> Value? {
        guard let text else { return nil }
        if let value = known[text] { return value }
        let value = parse(text)
        known[text] = value
        return value
    }
}
