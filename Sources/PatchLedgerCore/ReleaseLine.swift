/// The product line a release-history row belongs to, named as the catalog names the product without
/// architecture or installation option: "Windows Server 2025", "Windows 11 Version 24H2". Server and client lines
/// share builds (26100: Windows Server 2025 and Windows 11 24H2) but not release dates, previews or
/// out-of-band releases, so each row is kept and asked for by its line.
public enum ReleaseLine {
    /// Rows recorded before lines were (or whose file named none): they serve any product of their build.
    public static let unknown = ""

    /// The line of a catalog product: "Windows 11 Version 24H2 for x64-based Systems" →
    /// "Windows 11 Version 24H2"; "Windows Server 2019 (Server Core installation)" → "Windows Server 2019".
    public static func of(product: String) -> String {
        var name = ProductName.base(product)
        for architecture in [Architecture.x64, .x86, .arm64] {
            name = name.replacing(" " + architecture.productSuffix, with: "")
        }
        return name
    }

    /// The lines that shipped build `build`: its server line, its client line, or both.
    public static func lines(build: Int) -> [String] {
        var lines: [String] = []
        let names = [WindowsProduct.serverName(build, .x64), WindowsProduct.clientName(build, .x64)].compactMap { $0 }
        for name in names.map(of(product:)) where !lines.contains(name) { lines.append(name) }
        return lines
    }

    /// The line of build `build` that `text` names ("Windows Server 2025", "windows_11_24H2"; "Version", case,
    /// `_` and `-` do not matter); with `prefix`, `text` may go on after the name (a file name:
    /// "Windows_Server_2025_26100").
    public static func named(_ text: String, build: Int, prefix: Bool = false) -> String? {
        let wanted = folded(text)
        return lines(build: build).first { line in
            let name = folded(line)
            return prefix ? wanted == name || wanted.hasPrefix(name + " ") : wanted == name
        }
    }

    private static func folded(_ text: String) -> String {
        text.lowercased().map { $0 == "_" || $0 == "-" || $0 == "," ? " " : $0 }.reduce(into: "") { $0.append($1) }
            .split(separator: " ").filter { $0 != "version" }.joined(separator: " ")
    }
}
