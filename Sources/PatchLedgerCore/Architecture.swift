/// The processor architecture of a Windows installation, which client product names carry
/// ("Windows 10 Version 1809 for x64-based Systems").
public enum Architecture: String, Sendable, CaseIterable, Codable {
    case x64
    case x86
    case arm64 = "ARM64"

    /// Reads systeminfo's System Type (`x64-based PC`, `X86-based PC`, `ARM64-based PC`) and the spellings
    /// other tools use (`AMD64`, `64-bit`, `32-bit`, `x86_64`); `nil` for anything else.
    public init?(systemType text: some StringProtocol) {
        let value = text.trimmingWhitespace().lowercased()
        if value.hasPrefix("arm64") || value.hasPrefix("aarch64") {
            self = .arm64
        } else if value.hasPrefix("x64") || value.hasPrefix("amd64") || value.hasPrefix("x86_64")
            || value.hasPrefix("64-bit") || value == "64"
        {
            self = .x64
        } else if value.hasPrefix("x86") || value.hasPrefix("32-bit") || value.hasPrefix("i386")
            || value.hasPrefix("i686") || value == "32"
        {
            self = .x86
        } else {
            return nil
        }
    }

    /// How MSRC names the architecture at the end of a client product name.
    public var productSuffix: String {
        switch self {
        case .x64: "for x64-based Systems"
        case .x86: "for 32-bit Systems"
        case .arm64: "for ARM64-based Systems"
        }
    }
}
