/// One entry of an update's replacement list: a KB, or an MS security bulletin id kept as written.
public enum Supersedes: Hashable, Sendable, CustomStringConvertible {
    case kb(KB)
    case bulletin(String)

    public var description: String {
        switch self {
        case .kb(let kb): kb.description
        case .bulletin(let id): id
        }
    }

    /// Splits an MSRC `Supercedence` value: empty, one KB, several separated by `;`, `,` or spaces, or
    /// bulletin ids (`MS16-110`). Anything else is returned in `unrecognised`.
    public static func parseList(_ text: String) -> (entries: [Supersedes], unrecognised: [String]) {
        var entries: [Supersedes] = []
        var unrecognised: [String] = []
        let tokens = text.split { $0 == ";" || $0 == "," || $0.isWhitespace }
        for token in tokens {
            if let kb = KB(parsing: token) {
                entries.append(.kb(kb))
            } else if token.uppercased().hasPrefix("MS"), token.contains("-") {
                entries.append(.bulletin(token.uppercased()))
            } else {
                unrecognised.append(String(token))
            }
        }
        var seen = Set<Supersedes>()
        return (entries.filter { seen.insert($0).inserted }, unrecognised)
    }
}
